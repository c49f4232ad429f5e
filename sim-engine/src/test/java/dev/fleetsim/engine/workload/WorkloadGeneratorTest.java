package dev.fleetsim.engine.workload;

import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.kernel.RandomStreams;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
