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
        writeScenario(dir);
        return plan(dir, "name: p\nscenario: s.yaml\noptions:\n  - {name: od, gpuType: H100-SXM}\n"
                + "nodes: {min: 1, max: 4}\nconstraints: {p95Wait: 1 h}\n" + extra);
    }

    private static void writeScenario(Path dir) throws Exception {
        Files.writeString(dir.resolve("s.yaml"), "name: s\ncluster:\n  nodeGroups:\n"
                + "    - {name: gpus, gpuType: H100-SXM, count: 2, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}\n"
                + "workload:\n  jobs:\n    - {id: j, model: llama3-8b, precision: bf16, globalBatch: 16, microBatch: 1,"
                + " parallelism: {tp: 2, dp: 4}, zeroStage: 1, recompute: selective, iterations: 10}\n");
    }

    /** The problems of a plan file of this text beside the scenario {@link #writeScenario} writes. */
    private static List<String> plan(Path dir, String text) throws Exception {
        Files.writeString(dir.resolve("p.yaml"), text);
        return assertThrows(PlanException.class, () -> new PlanReader(FLEETSIM).read(dir.resolve("p.yaml"))).problems();
    }

    @Test
    void aMisspeltGpuTypePurchaseOrConstraintNamesTheClosest(@TempDir Path dir) throws Exception {
        writeScenario(dir);
        List<String> problems = plan(dir, "name: p\nscenario: s.yaml\noptions:\n"
                + "  - {name: od, gpuType: h100-sxm, purchase: reserved_1y}\nnodes: {min: 1, max: 4}\nconstraints: {p95wait: 1 h}\n");

        assertEquals(3, problems.size(), problems.toString());
        assertEquals("options[0].purchase: found \"reserved_1y\"; expected on-demand, reserved-1y, reserved-3y, spot or owned"
                + " (did you mean reserved-1y?)", problems.get(0));
        assertEquals("options[0].gpuType: found \"h100-sxm\"; expected a GPU type of the catalogue or the scenario: A100-80GB,"
                + " B200, H100-SXM, H200, L40S, MI300X, P40, V100-SXM2-32GB (did you mean H100-SXM?)", problems.get(1));
        assertEquals(true, problems.get(2).startsWith("constraints.p95wait: found unknown constraint \"p95wait\"; expected")
                && problems.get(2).endsWith("(did you mean p95Wait?)"), problems.get(2));
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
