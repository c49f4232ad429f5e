package dev.fleetsim.engine.workload;

import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.kernel.RandomStreams;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A mix generator's jobs are its templates' jobs: every training option travels with them. */
class WorkloadGeneratorTest {

    @Test
    void generatedJobsKeepTheirTemplatesOptions() {
        TrainingOptions lora = TrainingOptions.defaults(2)
                .withFineTuning(new FineTuningSpec(FineTuningSpec.Method.LORA, 32, Set.of("q", "v")))
                .withTpCommOverlap(true).withGradReduceFp32(true);
        TrainingJobSpec prototype = new TrainingJobSpec("t", ModelCatalog.find("llama3-8b").orElseThrow(), Precision.BF16, 16,
                1, new ParallelismSpec(2, 1, 4, 1), Recompute.FULL, 0, 0.8, true, 1, 0, "x", 0, Optional.empty())
                .withOptions(lora);
        GeneratorSpec g = new GeneratorSpec("ft", 20, 0, 60_000_000_000L,
                List.of(new JobTemplateSpec("lora", 1, prototype, 10, 100)), List.of("a", "b"));
        List<TrainingJobSpec> jobs = WorkloadGenerator.draw(g, new RandomStreams(1));
        assertEquals(20, jobs.size());
        for (TrainingJobSpec j : jobs) {
            assertEquals(lora, j.options(), j.id());
            assertEquals(prototype.shape(), j.shape(), j.id());
        }
        assertFalse(jobs.get(0).options().fineTuning().isEmpty());
    }

    @Test
    void jobIdsAreZeroPaddedAsTheFormatWroteThem() {
        for (int digits = 4; digits <= 8; digits++) {
            for (int n : new int[] {1, 9, 10, 999, 1000, 12345, 99999999, 123456789}) {
                assertEquals(String.format(java.util.Locale.ROOT, "%s-%0" + digits + "d", "gen", n),
                        WorkloadGenerator.jobId("gen", n, digits));
            }
        }
    }

    @Test
    void aGeneratorsColumnsGiveTheJobsItDrewAndTheirIdsAndTimesWithoutMakingThem() {
        TrainingJobSpec small = new TrainingJobSpec("s", ModelCatalog.find("gpt-1.3b").orElseThrow(), Precision.BF16, 8, 1,
                new ParallelismSpec(1, 1, 1, 1), Recompute.NONE, 0, 0.8, true, 1, 0, "own", 0, Optional.empty());
        TrainingJobSpec large = new TrainingJobSpec("l", ModelCatalog.find("llama2-7b").orElseThrow(), Precision.BF16, 32, 1,
                new ParallelismSpec(1, 1, 8, 1), Recompute.SELECTIVE, 3, 0.8, true, 1, 0, "own", 0, Optional.of("H100-SXM"));
        List<JobTemplateSpec> mix = List.of(new JobTemplateSpec("s", 0.7, small, 10, 1000),
                new JobTemplateSpec("l", 0.3, large, 100, 200));
        for (List<String> tenants : List.of(List.<String>of(), List.of("a", "b", "c"))) {
            GeneratorSpec g = new GeneratorSpec("gen", 12_000, 5, 1_000_000_000L, mix, tenants);
            GeneratedJobs jobs = WorkloadGenerator.draw(g, new RandomStreams(5));
            assertEquals(12_000, jobs.size());
            assertTrue(jobs.inSubmitOrder());
            for (int i = 0; i < jobs.size(); i++) {
                TrainingJobSpec j = jobs.get(i);
                TrainingJobSpec p = j.gpus() == 1 ? small : large;
                // What the generator made before its columns: the prototype's fields with the draw's own.
                TrainingJobSpec before = new TrainingJobSpec(WorkloadGenerator.jobId("gen", i + 1, 5), p.model(),
                        p.precision(), p.globalBatchSeqs(), p.microBatchSeqs(), p.parallelism(), p.recompute(),
                        p.zeroStage(), p.dpOverlap(), p.flashAttention(), j.iterations(), j.submitTimeNs(), j.tenant(),
                        p.priority(), p.gpuType()).withOptions(p.options());
                assertEquals(before, j);
                assertEquals(j, jobs.get(i), "made anew, equal");
                assertEquals(j.id(), jobs.id(i));
                assertEquals(j.submitTimeNs(), jobs.submitTimeNs(i));
                assertTrue(tenants.isEmpty() ? j.tenant().equals("own") : tenants.contains(j.tenant()));
            }
        }
    }
}
