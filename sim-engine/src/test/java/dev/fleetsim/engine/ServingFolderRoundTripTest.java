package dev.fleetsim.engine;

import dev.fleetsim.engine.metrics.RequestRecord;
import dev.fleetsim.engine.metrics.ServiceResult;
import dev.fleetsim.engine.metrics.ServingCsv;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.testing.InOrderPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A serving run's folder read back ({@link ResultOpening#open}) carries each deployment's series,
 * request records and latency CDFs, so the serving charts of a folder are the live run's: the
 * series and the CDFs read back write the same bytes, the records agree to the microsecond. A folder from before {@code latency-cdf.csv} gets
 * the CDFs of its request records.
 */
class ServingFolderRoundTripTest {
    private static final Fleetsim FLEETSIM = Fleetsim.builder().policies(InOrderPolicy.REGISTRY).artifacts(List.of()).build();
    private static final String SERVING = """
            name: serving-roundtrip
            simulation: {seed: 3, timeseriesPoints: 40}
            cluster:
              nodeGroups:
                - {name: h100, gpuType: H100-SXM, count: 1, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}
            workload:
              services:
                - name: chat
                  model: llama3-8b
                  replicas: 1
                  requests:
                    arrival: poisson
                    rate: 2
                    duration: 1 min
                    input: {distribution: lognormal, mean: 500, cv: 0.5, max: 2000}
                    output: {distribution: lognormal, mean: 100, cv: 0.5, max: 400}
                  slo: {ttft: 1 s, tpot: 50 ms}
            policy: {name: in-order}
            """;

    @TempDir
    static Path dir;
    private static RunResult written;

    @BeforeAll
    static void writeAFolder() throws Exception {
        written = FLEETSIM.run(FLEETSIM.validate(SERVING, "serving.yaml").orThrow(), SimulationObserver.NONE);
        FLEETSIM.writeResults(written, dir, false);
    }

    @Test
    void theServingFilesReadBackWriteTheSameBytes() throws Exception {
        RunResult read = ResultOpening.open(FLEETSIM, dir);
        assertEquals(1, read.services().size());
        ServiceResult live = written.services().get(0);
        ServiceResult back = read.services().get(0);
        assertEquals(live.summary(), back.summary());
        assertEquals(live.series().columns(), back.series().columns());
        assertEquals(live.series().rows().length, back.series().rows().length);
        assertTrue(back.requests().size() > 50, "two requests a second for a minute");
        assertEquals(Files.readString(dir.resolve(ServingCsv.SERIES)), ServingCsv.series(read.services()));
        // requests.csv's derived columns (TPOT, queue) are recomputed from times kept to the microsecond: compare the records
        assertEquals(live.requests().size(), back.requests().size());
        for (int i = 0; i < live.requests().size(); i++) {
            RequestRecord a = live.requests().get(i);
            RequestRecord b = back.requests().get(i);
            assertEquals(a.id(), b.id());
            assertEquals(a.replica(), b.replica());
            assertEquals((double) a.arrivalNs(), (double) b.arrivalNs(), 1000.0);
            assertEquals((double) a.firstTokenNs(), (double) b.firstTokenNs(), 1000.0);
            assertEquals((double) a.endNs(), (double) b.endNs(), 1000.0);
            assertEquals(a.outputTokens(), b.outputTokens());
            assertEquals(a.sloMet(), b.sloMet());
        }
        assertEquals(Files.readString(dir.resolve(ServingCsv.LATENCY)), ServingCsv.latencyCdfs(read.services()));
        assertEquals(live.e2eCdf().length, back.e2eCdf().length);
        assertEquals(live.e2eCdf()[live.e2eCdf().length - 1][0], back.e2eCdf()[back.e2eCdf().length - 1][0], 1e-9);
        assertEquals(live.summary().requests().finished(), back.requestsSeen());
    }

    @Test
    void aFolderWithoutLatencyCdfsGetsThoseOfItsRequestRecords(@TempDir Path old) throws Exception {
        FLEETSIM.writeResults(written, old, false);
        Files.delete(old.resolve(ServingCsv.LATENCY));
        ServiceResult back = ResultOpening.open(FLEETSIM, old).services().get(0);
        List<RequestRecord> records = back.requests();
        double[][] ttft = back.ttftCdf();
        assertTrue(ttft.length > 10 && ttft.length <= 200, "up to 200 points: " + ttft.length);
        assertEquals(1.0, ttft[ttft.length - 1][1], 1e-12, "ends at every request");
        assertEquals(records.stream().mapToLong(RequestRecord::ttftNs).max().orElseThrow() / 1e9, ttft[ttft.length - 1][0], 1e-6);
        for (int i = 1; i < ttft.length; i++) {
            assertTrue(ttft[i][0] > ttft[i - 1][0] && ttft[i][1] > ttft[i - 1][1], "rising in both");
        }
        long atMostMedian = records.stream().filter(r -> r.ttftNs() / 1e9 <= ttft[ttft.length / 2][0]).count();
        assertEquals(atMostMedian / (double) records.size(), ttft[ttft.length / 2][1], 1e-12, "a point is the share at most its value");
        assertEquals(0, back.itlCdf().length, "request records hold no inter-token gaps");
    }
}
