package dev.fleetsim.calibration.raw;

import dev.fleetsim.calibration.RepoPaths;
import dev.fleetsim.engine.hardware.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RawReaderTest {

    @TempDir
    Path dir;

    private static final String IDENTITY = "{\"kind\":\"identity\",\"format\":\"fleetsim-calibration-raw/1\",\"benchmark\":\"gemm-bf16\","
            + "\"host\":\"n1\",\"measuredAt\":\"2026-12-01T10:00:00Z\",\"quick\":true,\"versions\":{\"cublasLt\":\"13.0.2\"},"
            + "\"missingLibraries\":{},\"devices\":[{\"index\":0,\"name\":\"NVIDIA H100 80GB HBM3\",\"uuid\":\"GPU-1\","
            + "\"computeCapability\":\"9.0\",\"smCount\":132,\"l2Bytes\":52428800}]}";
    private static final String END = "{\"kind\":\"end\",\"format\":\"fleetsim-calibration-raw/1\",\"benchmark\":\"gemm-bf16\",\"status\":\"ok\",\"points\":1,\"wallS\":1.5}";

    private Path file(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    @Test
    void readsTheCheckedInSyntheticRun() {
        RawData raw = RawReader.read(List.of(RepoPaths.syntheticFixture()));
        assertEquals(11, raw.files().size());
        assertTrue(raw.synthetic());
        assertEquals("NVIDIA H100 80GB HBM3", raw.identity().devices().get(0).name());
        assertEquals(8, raw.identity().devices().size());
        assertEquals(90, raw.identity().devices().get(0).computeCapabilityCode());
        // the quick grid: 21 bf16 shapes, 8 x 7 ordered pairs x 4 sizes of p2p, 5 collectives
        assertEquals(21, raw.all(GemmPoint.class).stream().filter(g -> g.dtype() == Precision.BF16).count());
        assertEquals(8 * 7 * 4, raw.all(P2pPoint.class).size());
        assertEquals(5, raw.all(CollectivePoint.class).stream().map(CollectivePoint::op).distinct().count());
        assertEquals("2.27.7", raw.versions().get("nccl"));
    }

    @Test
    void aFileOfAnotherKindIsNamedInOneLineNotAProblemPerLine() throws IOException {
        Path scenario = file("quick.yaml", "name: q", "cluster:", "  nodeGroups:",
                "    - {name: g, gpuType: H100-SXM, count: 1, gpusPerNode: 8}", "workload:", "  jobs: []");
        Path yamlRenamed = file("gemm.jsonl", "name: my notes", "items: [1, 2]");

        RawFormatException s = assertThrows(RawFormatException.class, () -> RawReader.read(List.of(scenario)));
        RawFormatException y = assertThrows(RawFormatException.class, () -> RawReader.read(List.of(yamlRenamed)));

        assertTrue(s.wrongKind() && y.wrongKind());
        assertEquals(List.of(s.getMessage()), s.problems());
        assertTrue(s.getMessage().startsWith("found \"" + scenario + "\", a scenario file (for "), s.getMessage());
        assertEquals("found \"" + yamlRenamed + "\", a YAML or JSON document, not JSON lines; expected raw calibration"
                + " measurements: JSON lines written by fleetsim calibrate run (*.jsonl), or their run folder", y.getMessage());
        // a broken raw file is no other kind: its problems are listed by line
        Path broken = file("broken.jsonl", IDENTITY, "{\"kind\":\"gemm\"", END);
        RawFormatException b = assertThrows(RawFormatException.class, () -> RawReader.read(List.of(broken)));
        assertTrue(!b.wrongKind() && b.getMessage().contains("broken.jsonl:2: found text that is not JSON at column "), b.getMessage());
    }

    @Test
    void readsOneGemmLine() throws IOException {
        Path f = file("gemm-bf16.jsonl", IDENTITY,
                "{\"kind\":\"plan\",\"benchmark\":\"gemm-bf16\",\"points\":1}",
                "{\"kind\":\"gemm\",\"device\":0,\"dtype\":\"bf16\",\"m\":8192,\"n\":8192,\"k\":8192,\"timeUs\":1400.5,\"tflops\":785}",
                "{\"kind\":\"skipped\",\"benchmark\":\"gemm-bf16\",\"what\":\"m=16\",\"reason\":\"no algorithm\"}", END);
        RawData raw = RawReader.read(List.of(f));
        GemmPoint g = raw.all(GemmPoint.class).get(0);
        assertEquals(8192, g.m());
        assertEquals(1400.5e-6, g.timeS(), 1e-12);
        assertEquals("gemm-bf16.jsonl:3", g.where());
        assertEquals("no algorithm", raw.skipped().get(0).reason());
        assertEquals("ok", raw.files().get(0).status());
    }

    @Test
    void readsBothAccumulationModesAndTakesALineWithoutOneAsSplit() throws IOException {
        String g = "{\"kind\":\"gemm\",\"device\":0,\"dtype\":\"fp8\",\"m\":8192,\"n\":8192,\"k\":8192,\"timeUs\":800";
        Path f = file("gemm-fp8.jsonl", IDENTITY, g + ",\"accumulation\":\"fast\"}", g + ",\"accumulation\":\"split\"}", g + "}", END);
        List<GemmPoint> points = RawReader.read(List.of(f)).all(GemmPoint.class);
        assertEquals(List.of(true, false, false), points.stream().map(GemmPoint::fastAccumulation).toList());
        Path bad = file("bad.jsonl", IDENTITY, g + ",\"accumulation\":\"quick\"}", END);
        RawFormatException e = assertThrows(RawFormatException.class, () -> RawReader.read(List.of(bad)));
        assertTrue(e.problems().contains("bad.jsonl:2: accumulation: found \"quick\"; expected one of split, fast"), e.problems().toString());
    }

    @Test
    void reportsEveryProblemWithItsFileAndLine() throws IOException {
        Path f = file("gemm-bf16.jsonl", IDENTITY,
                "{\"kind\":\"gemm\",\"device\":0,\"dtype\":\"bf17\",\"m\":8192,\"n\":8192,\"k\":8192,\"timeUs\":1400}",
                "{\"kind\":\"gemm\",\"device\":0,\"dtype\":\"bf16\",\"m\":-4,\"n\":8192,\"k\":8192,\"timeUs\":0}",
                "not json",
                "{\"kind\":\"flops\"}",
                "{\"kind\":\"gemm\",\"device\":0,\"dtype\":\"bf16\",\"m\":1e15,\"n\":8192,\"k\":8192,\"timeUs\":1e300}", END);
        RawFormatException e = assertThrows(RawFormatException.class, () -> RawReader.read(List.of(f)));
        List<String> p = e.problems();
        assertTrue(p.contains("gemm-bf16.jsonl:2: dtype: found \"bf17\"; expected one of fp32, tf32, bf16, fp16, fp8"
                + " (did you mean bf16?)"), p.toString());
        assertTrue(p.contains("gemm-bf16.jsonl:3: m: found -4; expected an integer from 1 to 9223372036854775807"), p.toString());
        assertTrue(p.contains("gemm-bf16.jsonl:3: timeUs: found 0; expected a time in microseconds above 0, at most"
                + " 3600000000 (an hour: one benchmark call takes microseconds to seconds)"), p.toString());
        // was "not a JSON object: Unexpected character ('n' (code 110)) ..." (Jackson's words)
        assertTrue(p.stream().anyMatch(s -> s.startsWith("gemm-bf16.jsonl:4: found ")
                && s.endsWith("; expected one JSON object per line")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("gemm-bf16.jsonl:5: kind: found \"flops\"")), p.toString());
        assertTrue(p.contains("gemm-bf16.jsonl:6: m: found 1.0E15 (not a whole number); expected an integer from 1 to"
                + " 9223372036854775807"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("gemm-bf16.jsonl:6: timeUs: found 1.0E300; expected a time")), p.toString());
    }

    @Test
    void refusesAFileWithoutItsEndLine() throws IOException {
        Path f = file("memory.jsonl", IDENTITY.replace("gemm-bf16", "memory"),
                "{\"kind\":\"memory\",\"device\":0,\"op\":\"copy\",\"bytes\":1048576,\"movedBytes\":2097152,\"timeUs\":2.5}");
        RawFormatException e = assertThrows(RawFormatException.class, () -> RawReader.read(List.of(f)));
        assertTrue(e.getMessage().contains("memory.jsonl: found no end line: the benchmark did not finish"), e.getMessage());
    }

    @Test
    void refusesAFileThatDoesNotStartWithItsIdentity() throws IOException {
        Path f = file("x.jsonl", END);
        RawFormatException e = assertThrows(RawFormatException.class, () -> RawReader.read(List.of(f)));
        assertTrue(e.getMessage().contains("x.jsonl:1: kind: found ") && e.getMessage().contains(" on the first line; expected the identity line"), e.getMessage());
    }

    @Test
    void refusesAnotherFormatVersion() throws IOException {
        Path f = file("x.jsonl", IDENTITY.replace("raw/1", "raw/9"), END);
        RawFormatException e = assertThrows(RawFormatException.class, () -> RawReader.read(List.of(f)));
        assertTrue(e.getMessage().contains("format: found \"fleetsim-calibration-raw/9\""), e.getMessage());
    }

    @Test
    void namesAMissingPathAndAnEmptyFolder() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path emptyFile = Files.writeString(dir.resolve("blank.jsonl"), "\n");
        RawFormatException e = assertThrows(RawFormatException.class,
                () -> RawReader.read(List.of(dir.resolve("nope"), empty, emptyFile)));
        assertTrue(e.getMessage().contains("blank.jsonl: found an empty file; expected a raw measurement file: the identity"
                + " line, the measurements and the end line, one JSON object per line"), e.getMessage());
        assertTrue(e.getMessage().contains("nope: found no file or folder at " + dir.resolve("nope").toAbsolutePath()
                + "; expected a raw calibration run"), e.getMessage());
        assertTrue(e.getMessage().contains("empty: found a folder without raw measurement files (*.jsonl); expected a raw"
                + " calibration run: the folder `fleetsim calibrate run` writes (*.jsonl measurement files) or one such file"),
                e.getMessage());
    }
}
