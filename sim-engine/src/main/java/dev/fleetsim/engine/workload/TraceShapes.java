package dev.fleetsim.engine.workload;

import dev.fleetsim.engine.hardware.Precision;

import java.util.Optional;

/**
 * The job a trace generator submits for a GPU count. Traces publish how long jobs ran and on
 * how many GPUs, not what they trained, so each power of two gets one representative bf16
 * training shape whose memory fits an 80 GB-class GPU and whose communication grows with its
 * size: data-parallel GPT-1.3B up to 4 GPUs, Llama-2-7B with ZeRO-3 on one 8-GPU node,
 * Llama-2-13B with TP 4 up to 64 GPUs, and Llama-2-70B with TP 8 × PP 4 from 128 GPUs on.
 * The drawn duration, not the shape, sets how long a job runs: the shape's ideal iteration time
 * turns it into iterations.
 */
public final class TraceShapes {

    private TraceShapes() {
    }

    /** The prototype for {@code gpus} (a power of two); id, submit time, tenant and length are set per drawn job. */
    public static TrainingJobSpec prototype(int gpus, Optional<String> gpuType) {
        if (gpus < 1 || Integer.bitCount(gpus) != 1) {
            throw new IllegalArgumentException("trace jobs use a power of two GPUs, got " + gpus);
        }
        if (gpus <= 4) {
            return job(ModelCatalog.find("gpt-1.3b").orElseThrow(), 16 * gpus, 4, new ParallelismSpec(1, 1, gpus, 1),
                    Recompute.NONE, 0, gpuType);
        }
        if (gpus == 8) {
            return job(ModelCatalog.find("llama2-7b").orElseThrow(), 64, 2, new ParallelismSpec(1, 1, 8, 1),
                    Recompute.SELECTIVE, 3, gpuType);
        }
        if (gpus <= 64) {
            return job(ModelCatalog.find("llama2-13b").orElseThrow(), 256, 1, new ParallelismSpec(4, 1, gpus / 4, 1),
                    Recompute.SELECTIVE, 1, gpuType);
        }
        int dp = gpus / 32;
        return job(ModelCatalog.find("llama2-70b").orElseThrow(), Math.max(512, 16 * dp), 1,
                new ParallelismSpec(8, 4, dp, 2), Recompute.FULL, 1, gpuType);
    }

    private static TrainingJobSpec job(ModelSpec model, int globalBatch, int microBatch, ParallelismSpec p,
                                       Recompute recompute, int zeroStage, Optional<String> gpuType) {
        return new TrainingJobSpec("", model, Precision.BF16, globalBatch, microBatch, p, recompute, zeroStage, 0.8,
                true, 1, 0, "", 0, gpuType);
    }
}
