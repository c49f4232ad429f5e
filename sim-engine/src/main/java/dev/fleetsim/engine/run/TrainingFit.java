package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.JobFit;
import dev.fleetsim.engine.perf.MemoryBreakdown;
import dev.fleetsim.engine.perf.MemoryModel;
import dev.fleetsim.engine.perf.StepTimeModel;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.List;
import java.util.Locale;

/**
 * The training kind's fit check for {@code Admission}: a job fits a GPU type when the step-time
 * model's memory per GPU is within the type's HBM. Phrased as the memory model phrases it (the
 * term that overflows and by how much), so validation and a run's rejection say the same.
 */
final class TrainingFit {
    private TrainingFit() {
    }

    static JobFit of(StepTimeModel model) {
        return (job, gpu) -> problems(model, (TrainingJobSpec) job, gpu);
    }

    private static List<String> problems(StepTimeModel model, TrainingJobSpec job, GpuSpec gpu) {
        MemoryBreakdown m = model.memory(job, gpu);
        if (m.fits()) {
            return List.of();
        }
        List<String> words = MemoryModel.problems(job, gpu);
        // A model with its own memory arithmetic may refuse what the memory model accepts.
        return !words.isEmpty() ? words : List.of(String.format(Locale.ROOT, "needs %.1f GiB per GPU on %s (%.1f GiB HBM); "
                + "largest term %s", m.totalBytes() / GIB, gpu.name(), m.capacityBytes() / GIB, m.largestTerm()));
    }

    private static final double GIB = 1024.0 * 1024 * 1024;
}
