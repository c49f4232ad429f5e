package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.workload.Fp8Scaling;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.fleetsim.engine.scenario.ScenarioTexts.ALWAYS_FITS;
import static dev.fleetsim.engine.scenario.ScenarioTexts.load;
import static dev.fleetsim.engine.scenario.ScenarioTexts.problems;
import static dev.fleetsim.engine.scenario.ScenarioTexts.withJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job written as a Megatron-Core command line describes it (docs/SCENARIO-FORMAT.md, "From a
 * Megatron-Core command line"): the world size instead of dp, Megatron-Core's FP8 recipe name,
 * an uneven split with the embedding and the loss as pipeline slots, and a search that reads a
 * file whose own layout is not valid.
 */
class MegatronJobKeysTest {

    private static TrainingJobSpec job(String... lines) throws ScenarioException {
        return (TrainingJobSpec) load(withJob(lines)).workload().jobs().get(0);
    }

    @Test
    void gpusGiveDpAsMegatronDerivesIt() throws ScenarioException {
        TrainingJobSpec j = job("    - {id: a, model: llama2-7b, precision: bf16, globalBatch: 32, gpus: 16,"
                + " parallelism: {tp: 4, pp: 2}, iterations: 1}");
        assertEquals(2, j.parallelism().dp());
        assertEquals(16, j.gpus());
        // with dp as well, the product must agree
        assertEquals(16, job("    - {id: a, model: llama2-7b, precision: bf16, globalBatch: 32, gpus: 16,"
                + " parallelism: {tp: 4, pp: 2, dp: 2}, iterations: 1}").gpus());
        List<Problem> p = problems(withJob("    - {id: a, model: llama2-7b, precision: bf16, globalBatch: 32, gpus: 12,"
                + " parallelism: {tp: 4, pp: 2}, iterations: 1}"));
        assertEquals(List.of(new Problem("workload.jobs[0].gpus", "12",
                "a multiple of tp x cp x pp = 4 x 1 x 2 = 8 (dp = gpus / (tp x cp x pp))")), p);
        p = problems(withJob("    - {id: a, model: llama2-7b, precision: bf16, globalBatch: 32, gpus: 8,"
                + " parallelism: {tp: 4, pp: 2, dp: 2}, iterations: 1}"));
        assertEquals(1, p.size(), p.toString());
        assertEquals("workload.jobs[0].gpus", p.get(0).path());
        assertTrue(p.get(0).found().equals("8 against tp x cp x dp x pp = 16"), p.toString());
    }

    @Test
    void fp8RecipeNamesOfMegatronCore() throws ScenarioException {
        String base = "    - {id: a, model: llama2-7b, precision: fp8, globalBatch: 32, parallelism: {tp: 4}, iterations: 1,"
                + " fp8Scaling: ";
        assertEquals(Fp8Scaling.CURRENT, job(base + "tensorwise}").options().fp8Scaling());
        assertEquals(Fp8Scaling.CURRENT, job(base + "current}").options().fp8Scaling());
        List<Problem> p = problems(withJob(base + "mxfp8}"));
        assertEquals(List.of(new Problem("workload.jobs[0].fp8Scaling", "\"mxfp8\" (MXFP8's block scaling (Blackwell) is"
                + " not modelled)", "one of delayed, current, tensorwise")), p);
    }

    @Test
    void theEmbeddingAndTheLossMayTakeAPipelineSlotEach() throws ScenarioException {
        // Llama 3.1 405B's 126 layers on 16 stages x 8 virtual: 128 slots, the outer chunks one layer less each
        String cluster = withJob("    - {id: a, model: llama3.1-405b, precision: bf16, globalBatch: 64, virtualStages: 8,"
                + " parallelism: {tp: 8, pp: 16}, iterations: 1}").replace("count: 2", "count: 16");
        TrainingJobSpec j = (TrainingJobSpec) load(cluster).workload().jobs().get(0);
        assertEquals(128, j.parallelism().pp() * j.parallelism().virtualStages());
        assertTrue(ParallelismSpec.chunksFit(128, 126) && !ParallelismSpec.chunksFit(127, 126)
                && !ParallelismSpec.chunksFit(129, 126));
        List<Problem> p = problems(cluster.replace("virtualStages: 8", "virtualStages: 9"));
        assertEquals(1, p.size(), p.toString());
        assertEquals("workload.jobs[0].virtualStages", p.get(0).path());
        assertEquals(126, ModelCatalog.find("llama3.1-405b").orElseThrow().layers());
    }

    @Test
    void aSearchReadsTheFileWithoutTheJobsLayoutAndItsMemory() throws Exception {
        // tp 3 divides no head count, dp x microBatch does not divide the batch, 70B does not fit 1 GPU
        String text = withJob("    - {id: a, model: llama3-70b, precision: bf16, globalBatch: 32, microBatch: 5,"
                + " recompute: full, zeroStage: 1, virtualStages: 2, parallelism: {tp: 3, pp: 200}, iterations: 1}");
        Path file = Files.createTempFile("search", ".yaml");
        try {
            Files.writeString(file, text);
            ScenarioChecks refuseAll = ScenarioChecks.fitOnly((job, gpu) -> List.of("too big"));
            ScenarioSpec spec = new ScenarioLoader().loadWithoutLayouts(file, refuseAll);
            TrainingJobSpec j = (TrainingJobSpec) spec.workload().jobs().get(0);
            assertEquals(1, j.gpus());
            assertEquals(1, j.microBatchSeqs());
            assertEquals(3, problems(text, "x.yaml", ALWAYS_FITS).size(), "read whole, the layout has three problems");
            // everything else is still checked
            Files.writeString(file, text.replace("precision: bf16", "precision: fp9"));
            List<Problem> p = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                    () -> new ScenarioLoader().loadWithoutLayouts(file, refuseAll)).problems();
            assertEquals("workload.jobs[0].precision", p.get(0).path());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
