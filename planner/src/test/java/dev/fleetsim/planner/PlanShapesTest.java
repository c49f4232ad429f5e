package dev.fleetsim.planner;

import dev.fleetsim.engine.Fleetsim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A plan key of the wrong shape is refused with what it should be (users7's mutated plan files). */
class PlanShapesTest {
    private static final Fleetsim FLEETSIM = Fleetsim.create();

    private static List<String> problems(Path dir, String extra) throws Exception {
        Files.writeString(dir.resolve("s.yaml"), "name: s\ncluster:\n  nodeGroups:\n"
                + "    - {name: gpus, gpuType: H100-SXM, count: 2, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}\n"
                + "workload:\n  jobs:\n    - {id: j, model: llama3-8b, precision: bf16, globalBatch: 16, microBatch: 1,"
                + " parallelism: {tp: 2, dp: 4}, zeroStage: 1, recompute: selective, iterations: 10}\n");
        Files.writeString(dir.resolve("p.yaml"), "name: p\nscenario: s.yaml\noptions:\n  - {name: od, gpuType: H100-SXM}\n"
                + "nodes: {min: 1, max: 4}\nconstraints: {p95Wait: 1 h}\n" + extra);
        return assertThrows(PlanException.class, () -> new PlanReader(FLEETSIM).read(dir.resolve("p.yaml"))).problems();
    }

    @Test
    void seedsThatAreNotAMapAreRefused(@TempDir Path dir) throws Exception {
        // was accepted: the plan ran on the default seeds
        assertEquals(List.of("seeds: found \"many\"; expected {screen: [1], confirm: [1, 2, 3]}, the seeds to screen and"
                + " to confirm on"), problems(dir, "seeds: many\n"));
    }

    @Test
    void aListKeySaysWhatItListsAndAPolicyItsClosestName(@TempDir Path dir) throws Exception {
        assertEquals(List.of("policies: found \"fifo\"; expected a list of policy names, such as [fifo, backfill]"),
                problems(dir, "policies: fifo\n"));
        assertEquals(List.of("oversubscription: found \"lots\"; expected a list of leaf oversubscriptions from 1 to 1000,"
                + " such as [1, 2]"), problems(dir, "oversubscription: lots\n"));
        assertEquals(List.of("policies: found \"fifa\"; expected registered policies: one of backfill, fairshare, fifo,"
                + " las, optaplanner, priority, sjf, srtf (did you mean fifo?)"), problems(dir, "policies: [fifa]\n"));
    }

    @Test
    void aScenarioPathHoldingANulIsAProblemNotAnInternalError(@TempDir Path dir) throws Exception {
        // was "internal error: java.nio.file.InvalidPathException: Nul character not allowed" (found by the fuzzer)
        Files.writeString(dir.resolve("p.yaml"), "name: p\nscenario: \"a\\0b.yaml\"\noptions: [{name: od, gpuType: H100-SXM}]\n"
                + "nodes: {min: 1, max: 4}\nconstraints: {p95Wait: 1 h}\n");
        List<String> problems = assertThrows(PlanException.class,
                () -> new PlanReader(FLEETSIM).read(dir.resolve("p.yaml"))).problems();
        assertEquals("scenario: found \"a\\u0000b.yaml\", which holds a character no path may hold; expected a scenario"
                + " file, relative to the plan file", problems.get(0));
    }
}
