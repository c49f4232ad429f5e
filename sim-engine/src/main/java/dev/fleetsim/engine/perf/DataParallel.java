package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.perf.ParallelGroups.Op;
import dev.fleetsim.engine.workload.FineTuningSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

/**
 * The exposed data-parallel time of an iteration, by ZeRO stage, for dense parameters over their
 * gradient groups (dp · cp ranks) and expert parameters over their expert data-parallel groups:
 * <ul>
 * <li>ZeRO 0: one gradient all-reduce, hidden behind the last micro-batch's backward up to
 *     {@code dpOverlap} (PyTorch DDP / Megatron's bucketed overlap);</li>
 * <li>ZeRO 1-2 (Megatron's distributed optimizer): a gradient reduce-scatter hidden behind the
 *     last micro-batch's backward and a 16-bit parameter all-gather hidden behind the first
 *     micro-batch's forward (overlap_grad_reduce, overlap_param_gather), each up to {@code dpOverlap};</li>
 * <li>ZeRO 3 (FSDP): per micro-batch and layer, a parameter all-gather for forward and one for
 *     backward, each prefetched behind the previous layer's compute, and a gradient reduce-scatter
 *     behind the backward; the first layer's gather has nothing to hide behind.</li>
 * </ul>
 * Gradients travel in fp32 with {@code gradReduceFp32}, else in 16 bits. A frozen fine-tuning base
 * exchanges only its adapters' gradients. A collective hidden behind compute is not free: its
 * kernels hold SMs the compute would use ({@link TrainingPerfModel#interference}).
 */
final class DataParallel {

    private DataParallel() {
    }

    static double exposedS(TrainingJobSpec job, ParallelGroups groups, StageParams p, double forwardS, double backwardS,
                           int microBatches, double interference) {
        ParallelismSpec par = job.parallelism();
        boolean frozen = job.options().fineTuning().map(FineTuningSpec::frozenBase).orElse(false);
        double word = job.precision() == Precision.FP8 ? 2 : job.precision().bytesPerElement();
        double gradWord = job.options().gradReduceFp32() ? 4 : word;
        double dense = p.trainableDense(frozen);
        double expert = p.trainableExpert(frozen);
        double overlap = Math.min(1.0, Math.max(0.0, job.dpOverlap()));
        if (par.dp() * par.cp() <= 1 && par.expertDp() <= 1) {
            return 0.0;
        }
        int zero = job.zeroStage();
        if (zero >= 3 && !frozen) {
            return fsdpS(groups, p, word, gradWord, forwardS, backwardS, microBatches, overlap, interference);
        }
        if (zero == 0 || frozen) {
            double comm = groups.gradient(Op.ALL_REDUCE, bytes(dense * gradWord))
                    + groups.expertGradient(Op.ALL_REDUCE, bytes(expert * gradWord));
            return hidden(comm, backwardS, overlap, interference);
        }
        double reduceScatter = groups.gradient(Op.REDUCE_SCATTER, bytes(dense * gradWord))
                + groups.expertGradient(Op.REDUCE_SCATTER, bytes(expert * gradWord));
        double allGather = groups.gradient(Op.ALL_GATHER, bytes(dense * word))
                + groups.expertGradient(Op.ALL_GATHER, bytes(expert * word));
        return hidden(reduceScatter, backwardS, overlap, interference) + hidden(allGather, forwardS, overlap, interference);
    }

    /** FSDP: every micro-batch gathers each layer's parameters twice and reduce-scatters its gradients. */
    private static double fsdpS(ParallelGroups groups, StageParams p, double word, double gradWord, double forwardS,
                                double backwardS, int microBatches, double overlap, double interference) {
        int layers = Math.max(1, p.layers());
        double dense = p.denseParams() / layers;
        double expert = p.expertParams() / layers;
        double gather = groups.gradient(Op.ALL_GATHER, bytes(dense * word)) + groups.expertGradient(Op.ALL_GATHER,
                bytes(expert * word));
        double scatter = groups.gradient(Op.REDUCE_SCATTER, bytes(dense * gradWord))
                + groups.expertGradient(Op.REDUCE_SCATTER, bytes(expert * gradWord));
        double fwdLayer = forwardS / layers;
        double bwdLayer = backwardS / layers;
        // Prefetch: layer l+1's gather runs during layer l; the backward's gather and scatter share its compute.
        double perMicro = gather + (layers - 1) * Math.max(0.0, gather - fwdLayer)
                + layers * Math.max(0.0, gather + scatter - bwdLayer);
        double comm = layers * (2 * gather + scatter);
        double exposed = Math.max((1.0 - overlap) * comm, perMicro);
        return microBatches * (exposed + interference * Math.max(0.0, comm - exposed));
    }

    /**
     * A collective of {@code commS} that may hide behind {@code windowS} of compute, up to
     * {@code overlap} of it; the hidden part still costs {@code interference} of its time.
     */
    private static double hidden(double commS, double windowS, double overlap, double interference) {
        double exposed = Math.max((1.0 - overlap) * commS, commS - windowS);
        return exposed + interference * Math.max(0.0, commS - exposed);
    }

    private static long bytes(double v) {
        return Math.round(v);
    }
}
