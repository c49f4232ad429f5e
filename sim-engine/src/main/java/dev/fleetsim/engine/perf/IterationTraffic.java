package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The collectives one training iteration runs, group by group, with how many times each runs
 * per iteration: the traffic {@link TrainingPerfModel} costs, listed instead of timed, so the
 * run loop can register it as flows on the job's placement. Counts follow the perf model
 * exactly (same constants, same groups): TP all-reduces of {@code b·s·h} activations per layer
 * and micro-batch (4, or 6 with full recompute) on every TP group; PP sends of {@code b·s·h/t}
 * forward and back, {@code v} per micro-batch, between every pair of stage neighbours; DP
 * gradient all-reduce once per iteration (ZeRO 0-2) or two all-gathers and one reduce-scatter
 * per micro-batch (ZeRO-3) on every DP group.
 */
public final class IterationTraffic {

    /** The parallel dimension a collective belongs to. */
    public enum Dimension { TP, PP, DP, CP, EP }

    /**
     * One collective of an iteration.
     *
     * @param dimension the parallel dimension it serves
     * @param kind the operation ({@code SEND_RECV}: {@code group} is {source, destination})
     * @param group GPU ids in rank order
     * @param bytes size as nccl-tests counts it
     * @param perIteration times it runs per iteration
     */
    public record Collective(Dimension dimension, CollectiveKind kind, int[] group, long bytes, double perIteration) {
    }

    private IterationTraffic() {
    }

    /** Every collective of one iteration of {@code job} on {@code gpus} (Megatron rank order). */
    public static List<Collective> of(TrainingJobSpec job, int[] gpus) {
        ParallelismSpec par = job.parallelism();
        int tp = par.tp();
        int pp = par.pp();
        int dp = par.dp();
        int v = Math.max(1, par.virtualStages());
        int m = job.microBatchesPerIteration();
        List<Collective> out = new ArrayList<>();
        long activationBytes = (long) job.microBatchSeqs() * job.model().seqLength() * job.model().hidden()
                * job.precision().bytesPerElement();
        if (tp > 1) {
            double perLayer = job.recompute() == Recompute.FULL ? 6 : 4;
            double count = m * MemoryModel.stageLayers(job.model(), pp) * perLayer;
            for (int base = 0; base + tp <= gpus.length; base += tp) {
                int[] group = new int[tp];
                System.arraycopy(gpus, base, group, 0, tp);
                out.add(new Collective(Dimension.TP, CollectiveKind.ALL_REDUCE, group, activationBytes, count));
            }
        }
        if (pp > 1) {
            int stride = tp * dp;
            long bytes = activationBytes / tp;
            for (int r = 0; r + stride < gpus.length; r++) {
                out.add(new Collective(Dimension.PP, CollectiveKind.SEND_RECV, new int[] {gpus[r], gpus[r + stride]}, bytes, (double) m * v));
                out.add(new Collective(Dimension.PP, CollectiveKind.SEND_RECV, new int[] {gpus[r + stride], gpus[r]}, bytes, (double) m * v));
            }
        }
        if (dp > 1) {
            long gradBytes = Math.round(MemoryModel.stageParams(job) * job.precision().bytesPerElement());
            for (int stage = 0; stage < pp; stage++) {
                for (int t = 0; t < tp; t++) {
                    int[] group = new int[dp];
                    int base = stage * tp * dp + t;
                    for (int d = 0; d < dp; d++) {
                        group[d] = gpus[base + d * tp];
                    }
                    if (job.zeroStage() >= 3) {
                        out.add(new Collective(Dimension.DP, CollectiveKind.ALL_GATHER, group, gradBytes, 2.0 * m));
                        out.add(new Collective(Dimension.DP, CollectiveKind.REDUCE_SCATTER, group, gradBytes, m));
                    } else {
                        out.add(new Collective(Dimension.DP, CollectiveKind.ALL_REDUCE, group, gradBytes, 1));
                    }
                }
            }
        }
        return out;
    }
}
