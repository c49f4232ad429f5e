package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bytes one GPU of a training job holds, for the first pipeline stage (the one that keeps the
 * most micro-batches in flight under 1F1B). Mixed-precision Adam as in the ZeRO paper:
 * weights and gradients in the job's precision, 12 bytes of fp32 master weights and two
 * moments per parameter; ZeRO stage 1+ shards the optimizer state over data parallelism, 2+
 * the gradients, 3 the weights. Activations follow Korthikanti et al. (arXiv:2205.05198)
 * without sequence parallelism, per layer and micro-batch on a TP rank:
 * none {@code s·b·h·(10 + 24/t + 5·a·s/(h·t))} (the last term dropped with fused attention),
 * selective {@code s·b·h·(10 + 24/t)}, full {@code 2·s·b·h} plus one layer's full set while it
 * is being recomputed.
 */
public final class MemoryModel {

    /** CUDA context, cuBLAS workspace, NCCL channel buffers and allocator slack: a fixed reserve. */
    public static final long WORKSPACE_BYTES = 2L << 30;
    /** fp32 master weights, Adam first and second moments. */
    public static final int OPTIMIZER_BYTES_PER_PARAM = 12;
    /** Logits kept for the loss on the last stage: the bf16 GEMM output and the fp32 softmax (2 + 4). */
    static final int LOGIT_BYTES = 6;
    /** ZeRO-3 / FSDP holds the gathered weights of the layer in use and of the one being prefetched. */
    static final int ZERO3_GATHERED_LAYERS = 2;

    private MemoryModel() {
    }

    /** The per-GPU memory of {@code job} on {@code gpu}. */
    public static MemoryBreakdown memory(TrainingJobSpec job, GpuSpec gpu) {
        ModelSpec m = job.model();
        ParallelismSpec par = job.parallelism();
        int tp = par.tp();
        int pp = par.pp();
        int dp = par.dp();
        int zero = job.zeroStage();
        long bytesPerElement = job.precision().bytesPerElement();
        double layerParams = layerParams(m) / tp;
        double stageParams = stageParams(job);

        double weights = stageParams * bytesPerElement / (zero >= 3 ? dp : 1);
        if (zero >= 3 && dp > 1) {
            weights += ZERO3_GATHERED_LAYERS * layerParams * bytesPerElement;
        }
        double gradients = stageParams * bytesPerElement / (zero >= 2 ? dp : 1);
        double optimizer = stageParams * OPTIMIZER_BYTES_PER_PARAM / (zero >= 1 ? dp : 1);

        int microBatches = Math.max(1, job.microBatchesPerIteration());
        double inFlight = Math.min(pp, microBatches);
        // Korthikanti et al. 4.2.3: interleaving makes stage 0 hold (1 + (p-1)/(p·v)) times more.
        double interleave = par.virtualStages() > 1 ? 1.0 + (pp - 1.0) / (pp * par.virtualStages()) : 1.0;
        double stored = stageLayers(m, pp) * inFlight * interleave * storedPerLayer(job);
        if (job.recompute() == Recompute.FULL) {
            stored += fullLayerActivationBytes(job);
        }
        if (pp == 1) {
            stored += (double) LOGIT_BYTES * job.microBatchSeqs() * m.seqLength() * m.vocab() / tp;
        }
        return new MemoryBreakdown(Math.round(weights), Math.round(gradients), Math.round(optimizer), Math.round(stored),
                WORKSPACE_BYTES, gpu.hbmBytes());
    }

    /**
     * The memory problems of {@code job} on {@code gpu}, phrased for a person; empty when it fits.
     * Matches {@code JobFeasibilityCheck}, so the scenario validator takes {@code MemoryModel::problems}.
     */
    public static List<String> problems(TrainingJobSpec job, GpuSpec gpu) {
        List<String> out = new ArrayList<>();
        if (!gpu.supports(job.precision())) {
            out.add(gpu.name() + " does not compute in " + job.precision().key());
        }
        MemoryBreakdown mem = memory(job, gpu);
        if (!mem.fits()) {
            out.add(String.format(Locale.ROOT,
                    "needs %.1f GiB per GPU on %s (%.1f GiB HBM): over by %.1f GiB; largest term %s %.1f GiB "
                            + "(weights %.1f, gradients %.1f, optimizer %.1f, activations %.1f, workspace %.1f GiB)",
                    gib(mem.totalBytes()), gpu.name(), gib(mem.capacityBytes()), gib(mem.overflowBytes()),
                    mem.largestTerm(), gib(largest(mem)), gib(mem.weightsBytes()), gib(mem.gradientsBytes()),
                    gib(mem.optimizerBytes()), gib(mem.activationsBytes()), gib(mem.workspaceBytes())));
        }
        return out;
    }

    /** Parameters of one transformer layer (all TP ranks together). */
    static double layerParams(ModelSpec m) {
        return (double) (m.parameterCount() - embeddingParams(m)) / m.layers();
    }

    /** Token and position embeddings and the final norm: everything outside the layers. */
    static long embeddingParams(ModelSpec m) {
        return ((long) m.vocab() + m.seqLength() + 2) * m.hidden();
    }

    /** Layers on the most loaded pipeline stage. */
    static double stageLayers(ModelSpec m, int pp) {
        return Math.ceil((double) m.layers() / pp);
    }

    /**
     * Parameters one GPU of the most loaded stage holds before ZeRO sharding: its layers split
     * by TP, plus the embedding split by TP (the first stage holds the input embedding and the
     * last its tied copy for the logits).
     */
    static double stageParams(TrainingJobSpec job) {
        ModelSpec m = job.model();
        ParallelismSpec par = job.parallelism();
        return (stageLayers(m, par.pp()) * layerParams(m) + embeddingParams(m)) / par.tp();
    }

    /** Activation bytes one layer keeps per micro-batch for backward, by recompute mode. */
    static double storedPerLayer(TrainingJobSpec job) {
        ModelSpec m = job.model();
        double sbh = (double) m.seqLength() * job.microBatchSeqs() * m.hidden();
        int t = job.parallelism().tp();
        if (job.recompute() == Recompute.FULL) {
            return 2 * sbh;
        }
        if (job.recompute() == Recompute.SELECTIVE) {
            return sbh * (10 + 24.0 / t);
        }
        return fullLayerActivationBytes(job);
    }

    /** Korthikanti's per-layer activations with tensor parallelism, without recomputation. */
    static double fullLayerActivationBytes(TrainingJobSpec job) {
        ModelSpec m = job.model();
        double s = m.seqLength();
        double sbh = s * job.microBatchSeqs() * m.hidden();
        int t = job.parallelism().tp();
        double scores = job.flashAttention() ? 0 : 5.0 * m.heads() * s / ((double) m.hidden() * t);
        return sbh * (10 + 24.0 / t + scores);
    }

    private static long largest(MemoryBreakdown mem) {
        return Math.max(Math.max(mem.weightsBytes(), mem.gradientsBytes()),
                Math.max(mem.optimizerBytes(), mem.activationsBytes()));
    }

    private static double gib(long bytes) {
        return bytes / (double) (1L << 30);
    }
}
