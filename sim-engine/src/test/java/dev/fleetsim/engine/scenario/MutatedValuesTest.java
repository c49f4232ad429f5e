package dev.fleetsim.engine.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetsim.engine.scenario.ScenarioTexts.MINIMAL;
import static dev.fleetsim.engine.scenario.ScenarioTexts.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values a first-time user's mutated quickstart held (users7's trial): each is refused at its
 * path with a message that is true of the value found and names what is allowed once.
 */
class MutatedValuesTest {

    private static Problem only(String text) {
        List<Problem> problems = problems(text);
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void aNanosecondMtbfIsRefusedInsteadOfRunningForever() throws Exception {
        // was accepted: 96 GPUs failing every nanosecond, repaired in one, ran for ever
        Problem p = only(MINIMAL + "faults: {gpuMtbf: 1 ns, gpuRepair: 1 ns}\n");

        assertEquals("faults.gpuMtbf", p.path());
        assertTrue(p.allowed().startsWith("from 1 h to 36500 d (100 years): a duration"), p.allowed());
        assertEquals("faults.linkMtbf", only(MINIMAL + "faults: {linkMtbf: 59 min}\n").path());
        assertEquals(3_600_000_000_000L, ScenarioTexts.load(MINIMAL + "faults: {nodeMtbf: 1 h}\n").faults().nodeMtbfNs());
    }

    @Test
    void aSpotNodeReclaimedEveryFewSecondsIsRefused() {
        Problem p = only(MINIMAL.replace("nicBandwidth: 400 Gb/s", "nicBandwidth: 400 Gb/s\n      purchase: spot")
                + "cost:\n  prices:\n    H100-SXM:\n      spot: {price: 1 USD/h, meanTimeToInterruption: 5 s}\n");

        assertEquals("cost.prices.H100-SXM.spot.meanTimeToInterruption", p.path());
        assertTrue(p.allowed().startsWith("from 10 min to "), p.allowed());
    }

    @Test
    void anUnknownKeyListsTheSectionsKeysOnce() {
        Problem p = only(MINIMAL + "faults: {gpuMTBF: 1000 h}\n");

        assertEquals("a key of the faults section: one of gpuMtbf, nodeMtbf, linkMtbf, gpuRepair, nodeRepair,"
                + " linkRepair (did you mean gpuMtbf?)", p.allowed());
    }

    @Test
    void aTokenCountSaysItsForm() {
        Problem p = only(MINIMAL.replace("      parallelism: {tp: 4}", "      parallelism: {tp: 4}\n      tokens: 8 GB")
                .replace("      iterations: 100\n", ""));

        assertEquals("workload.jobs[0].tokens", p.path());
        assertEquals("a token count from 1 to 1e18: a number, or one with a suffix K, M, B or T such as \"8B\" or"
                + " \"1.5T\"", p.allowed());
    }

    @Test
    void aWholeNumberTooLargeForItsFormSaysWhy() {
        // was "found 1.0E16; expected an integer >= 1", which 1e16 is
        Problem exponent = only(MINIMAL.replace("      iterations: 100", "      iterations: 1e16"));
        assertEquals("an integer >= 1, in digits from 9e15 on (an exponent such as 1e16 is not exact)",
                exponent.allowed());
        // was "found 99999999999999999999999; expected an integer"
        Problem seed = only(MINIMAL + "simulation: {seed: 99999999999999999999999}\n");
        assertEquals("simulation.seed", seed.path());
        assertEquals("an integer that fits in 64 bits (at most 9223372036854775807)", seed.allowed());
    }

    @Test
    void aProfilePathHoldingANulIsAProblemNotAnInternalError() {
        // was "internal error: java.nio.file.InvalidPathException: Nul character not allowed"
        Problem p = only(MINIMAL + "hardware:\n  H100-SXM: {profile: \"a\\0b.yaml\"}\n");

        assertEquals("hardware.H100-SXM.profile", p.path());
        assertTrue(p.allowed().endsWith("(this one holds a character no path may hold)"), p.allowed());
    }
}
