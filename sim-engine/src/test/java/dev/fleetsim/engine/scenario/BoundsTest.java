package dev.fleetsim.engine.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetsim.engine.scenario.ScenarioTexts.MINIMAL;
import static dev.fleetsim.engine.scenario.ScenarioTexts.load;
import static dev.fleetsim.engine.scenario.ScenarioTexts.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7 items 8 and 9: every value that used to be accepted and then overflowed the clock or
 * the flow model is refused at its path with the declared bounds, and sums of values that could
 * wrap around are checked in {@code long}.
 */
class BoundsTest {

    private static final String GENERATOR = MINIMAL + "  generators:\n"
            + "    - {name: g, count: COUNT, start: START, meanInterarrival: GAP, mix: [{name: m, weight: 1,"
            + " iterations: {min: 1, max: 2}, job: {model: llama2-7b, precision: bf16, globalBatch: 32,"
            + " parallelism: {tp: 4}}}]}\n";

    private static Problem only(String text) {
        List<Problem> problems = problems(text);
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    private static String generator(String count, String start, String gap) {
        return GENERATOR.replace("COUNT", count).replace("START", start).replace("GAP", gap);
    }

    @Test
    void latenciesOfThousandsOfWeeksAreRefused() {
        Problem p = only(MINIMAL.replace("cluster:\n", "cluster:\n  fabric: {nicLatency: 5000 w}\n"));

        assertEquals("cluster.fabric.nicLatency", p.path());
        assertTrue(p.allowed().startsWith("from 0 s to 1 s: a duration"), p.allowed());
        assertEquals("cluster.fabric.nvlinkLatency",
                only(MINIMAL.replace("cluster:\n", "cluster:\n  fabric: {nvlinkLatency: 3000 w}\n")).path());
    }

    @Test
    void aMeanGapOverAYearIsRefused() {
        Problem p = only(generator("10", "0 s", "2562047 h"));

        assertEquals("workload.generators[0].meanInterarrival", p.path());
        assertTrue(p.allowed().startsWith("more than 0 s, at most 365 d"), p.allowed());
    }

    @Test
    void aGeneratorWhoseArrivalsOutlastTheClockIsRefusedWithTheArithmetic() {
        Problem p = only(generator("10000000", "0 s", "365 d"));

        assertEquals("workload.generators[0].meanInterarrival", p.path());
        assertEquals("\"365 d\" (start 0 s + 10000000 jobs x meanInterarrival = 1.0e+07 years)", p.found());
        assertTrue(p.allowed().startsWith("arrivals that end within 100 years"), p.allowed());
    }

    @Test
    void aStartNearTwoToTheSixtyThirdIsRefused() {
        Problem p = only(generator("2", "9223372036 s", "1 s"));

        assertEquals("workload.generators[0].start", p.path());
        assertTrue(p.allowed().startsWith("from 0 s to 36500 d (100 years)"), p.allowed());
    }

    @Test
    void aSubmitTimePastTheClockIsRefused() {
        Problem p = only(MINIMAL.replace("iterations: 100", "iterations: 100\n      submit: 40000 d"));

        assertEquals("workload.jobs[0].submit", p.path());
    }

    @Test
    void absurdOversubscriptionIsRefused() {
        Problem p = only(MINIMAL.replace("cluster:\n", "cluster:\n  fabric: {oversubscription: 2147483648}\n"));

        assertEquals(new Problem("cluster.fabric.oversubscription", "2147483648", "a number in [1, 1000]"), p);
    }

    @Test
    void vanishingAndInfiniteBandwidthsAreRefused() {
        for (String bandwidth : List.of("1e-300 Gb/s", "1e308 TB/s", "1e400 Gb/s", "0 Gb/s")) {
            Problem p = only(MINIMAL.replace("400 Gb/s", bandwidth));

            assertEquals("cluster.nodeGroups[0].nicBandwidth", p.path(), bandwidth);
            assertTrue(p.allowed().startsWith("from 1 Gb/s to 100 Tb/s"), p.allowed());
        }
        Problem hbm = only(MINIMAL + "hardware:\n  H100-SXM: {hbmBandwidth: 1e-300 TB/s}\n");
        assertEquals("hardware.H100-SXM.hbmBandwidth", hbm.path());
    }

    @Test
    void aVanishingPeakIsRefusedSoNoEstimateIsInfinite() {
        Problem p = only(MINIMAL + "hardware:\n  H100-SXM: {peakTflops: {bf16: 5e-324}}\n");

        assertEquals(new Problem("hardware.H100-SXM.peakTflops.bf16", "4.9E-324", "a number in [0.001, 1000000]"), p);
    }

    @Test
    void aLayoutWhoseGpuCountOverflowsAnIntIsRefused() {
        Problem p = only(MINIMAL.replace("parallelism: {tp: 4}", "parallelism: {tp: 1000000, pp: 1000000, dp: 1000000}"));

        assertEquals("workload.jobs[0].parallelism", p.path());
        assertEquals("1000000000000000000 GPUs (tp x pp x dp = 1000000 x 1000000 x 1000000)", p.found());
    }

    @Test
    void aBatchCheckWhoseProductOverflowsAnIntStillSaysWhy() {
        List<Problem> problems = problems(MINIMAL.replace("parallelism: {tp: 4}", "parallelism: {dp: 1000000}\n"
                + "      microBatch: 100000000"));

        assertTrue(problems.stream().anyMatch(p -> p.path().equals("workload.jobs[0].globalBatch")
                && p.allowed().equals("a multiple of dp x microBatch = 1000000 x 100000000 = 100000000000000")),
                problems.toString());
    }

    @Test
    void aClusterBeyondTenMillionGpusIsRefusedNotWrapped() {
        String group = "    - {name: gNAME, gpuType: H100-SXM, count: 1000000, gpusPerNode: 1024, nicsPerNode: 8,"
                + " nicBandwidth: 400 Gb/s}\n";
        String text = MINIMAL.substring(0, MINIMAL.indexOf("    - name: h100"))
                + group.replace("NAME", "1") + group.replace("NAME", "2") + group.replace("NAME", "3")
                + MINIMAL.substring(MINIMAL.indexOf("workload:"));

        List<Problem> problems = problems(text);

        assertEquals(List.of(new Problem("cluster.nodeGroups", "3000000 nodes in all", "at most 1,000,000 nodes in the cluster"),
                new Problem("cluster.nodeGroups", "3072000000 GPUs in all (count x gpusPerNode, summed over the groups)",
                        "at most 10,000,000 GPUs in the cluster")), problems);
    }

    @Test
    void aHugeNameIsRefusedWithItsLengthNotEchoedInFull() {
        Problem p = only(MINIMAL.replace("name: minimal", "name: " + "n".repeat(20_000)));

        assertEquals("name", p.path());
        assertTrue(p.found().endsWith("(20000 characters)"), p.found());
        assertEquals("a scenario name (1 to 100 characters, no control characters)", p.allowed());
    }

    @Test
    void aControlCharacterInANameIsRefused() {
        Problem p = only(MINIMAL.replace("id: a", "id: \"a\\u001b[2Jb\""));

        assertEquals(new Problem("workload.jobs[0].id", "\"a\\u001b[2Jb\"",
                "a job id, unique in the scenario (1 to 100 characters, no control characters)"), p);
    }

    @Test
    void aMillionTenantsValidateInLinearTime() throws Exception {
        // 2e5 tenants took 110 s when each was checked against a list; a set makes it one pass.
        int small = 20_000;
        int large = 200_000;
        long smallNs = tenantsValidationNs(small);
        long largeNs = tenantsValidationNs(large);

        assertTrue(largeNs < 40 * Math.max(smallNs, 20_000_000L),
                large + " tenants took " + largeNs / 1e6 + " ms, " + small + " took " + smallNs / 1e6 + " ms");
    }

    private static long tenantsValidationNs(int tenants) throws Exception {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < tenants; i++) {
            list.append(i == 0 ? "" : ", ").append('t').append(i);
        }
        String text = generator("10", "0 s", "1 h").replace("meanInterarrival: 1 h,",
                "meanInterarrival: 1 h, tenants: " + list + "],");
        long start = System.nanoTime();
        assertEquals(tenants, load(text).workload().generators().get(0).tenants().size());
        return System.nanoTime() - start;
    }

    @Test
    void aRepeatedTenantNamesWhereItWasFirstListed() {
        Problem p = only(generator("10", "0 s", "1 h").replace("meanInterarrival: 1 h,",
                "meanInterarrival: 1 h, tenants: [a, b, a],"));

        assertEquals(new Problem("workload.generators[0].tenants[2]", "\"a\"",
                "a tenant not already listed (workload.generators[0].tenants[0] has it)"), p);
    }
}
