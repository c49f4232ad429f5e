package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The one description of a training iteration's communication: every collective it runs, on
 * which groups of GPUs, how big, how many times per iteration, and where its time goes. Both
 * cost paths read it and nothing else: {@link TrainingPerfModel} costs each entry with a
 * {@code CollectiveModel} (analytic or flow, on the idle network) and {@link IterationTime}
 * adds the times up; in a run, the network coupling registers the same entries as flows and
 * re-adds them when sharing stretches them. There is no other list of collectives to keep equal.
 *
 * <h2>Adding a collective</h2>
 * Add one {@link Collective} in {@link #of} (or in a helper it calls) — no other code changes:
 * <ol>
 * <li>{@code kind}: the operation ({@link CollectiveKind}); for {@code SEND_RECV} each group is
 *     {source, destination}.</li>
 * <li>{@code groups}: every group that runs it <em>at the same time</em>, GPU ids in rank
 *     order. One entry per set of concurrent groups: the flow model costs them together (the
 *     {@code tp × pp} DP groups of a job all-reduce at once over the same NICs and up-links),
 *     the analytic model takes the slowest. Use {@link #tensorGroups}, {@link #dataGroups},
 *     {@link #stageSends} or build your own (e.g. CP rings: ranks {@code tp} apart inside a DP
 *     replica; EP: the expert-parallel ranks).</li>
 * <li>{@code bytes}: the buffer as nccl-tests counts it (all-reduce: the per-rank buffer;
 *     all-gather / reduce-scatter: the full gathered buffer; all-to-all: each rank's whole send
 *     buffer; send: the message).</li>
 * <li>{@code perIteration}: how many times it runs per iteration (e.g. per layer × micro-batch).</li>
 * <li>{@code window} and {@code hiddenFraction}: {@link Window#STAGE} for what sits on every
 *     micro-batch's critical path (TP/SP all-reduce or reduce-scatter + all-gather, EP
 *     all-to-all); {@link Window#BETWEEN_STAGES} for pipeline hand-offs; an overlap window
 *     ({@link Window#LAST_BACKWARD}, {@link Window#ALL_COMPUTE}, or a new one) with the
 *     fraction that can hide behind it (DP gradient reduce-scatter / all-reduce, distributed-
 *     optimizer all-gather, FSDP all-gathers, CP KV exchange behind attention). A new window
 *     is one enum constant here plus its length in {@link IterationCompute#windowS}.</li>
 * <li>{@code dimension}: where the time is booked in {@link StepEstimate} ({@code tpCommS},
 *     {@code ppCommS}, {@code dpCommS}); a new dimension needs a constant here and a field there.</li>
 * </ol>
 * Examples: Megatron sequence parallelism replaces each TP all-reduce by a reduce-scatter and
 * an all-gather of the same {@code b·s·h} buffer on the same groups, {@code STAGE}; the
 * distributed optimizer replaces the DP all-reduce by a reduce-scatter ({@code LAST_BACKWARD})
 * and a parameter all-gather, both of {@code gradBytes}.
 *
 * <h2>What {@link #of} lists today</h2>
 * TP all-reduces of {@code b·s·h} activations, 4 per layer and micro-batch (6 with full
 * recompute), on every TP group, {@code STAGE}; PP sends of {@code b·s·h/t} (Megatron's
 * scatter/gather) forward and backward, {@code v} per micro-batch each, between every pair of
 * stage neighbours, {@code BETWEEN_STAGES}; DP gradient all-reduce once per iteration on every
 * DP group, hidden up to {@code dpOverlap} behind the last micro-batch's backward (ZeRO 0-2), or
 * per micro-batch two parameter all-gathers and one gradient reduce-scatter, hidden up to
 * {@code dpOverlap} behind all compute (ZeRO-3).
 */
public final class IterationTraffic {

    /** The parallel dimension a collective's time is booked on. */
    public enum Dimension { TP, PP, DP }

    /** Where a collective's time sits in the iteration; see {@link IterationTime}. */
    public enum Window {
        /** On every micro-batch's critical path inside a stage: exposed, and idle stages wait for it too (it counts in the bubble). */
        STAGE,
        /** Between pipeline stages: exposed, outside the bubble (Megatron's accounting of PP hand-offs). */
        BETWEEN_STAGES,
        /** Overlaps the backward pass of the last micro-batch (gradients accumulate locally until then). */
        LAST_BACKWARD,
        /** Overlaps all the compute of the iteration's micro-batches (ZeRO-3 / FSDP prefetch). */
        ALL_COMPUTE;

        /** True for the windows a collective hides behind (rather than adds to the critical path). */
        public boolean overlaps() {
            return this != STAGE && this != BETWEEN_STAGES;
        }
    }

    /**
     * One collective of an iteration, run on every group of {@code groups} at once.
     *
     * @param name a short label ({@code "tp-allreduce"}), used in reports and tests
     * @param dimension where its time is booked
     * @param kind the operation ({@code SEND_RECV}: each group is {source, destination})
     * @param groups the concurrent groups, GPU ids in rank order; not modified after construction
     * @param bytes size of one occurrence on one group, as nccl-tests counts it
     * @param perIteration occurrences per iteration
     * @param window where its time goes
     * @param hiddenFraction the fraction that can hide behind {@code window} (0 for {@code STAGE}
     *        and {@code BETWEEN_STAGES})
     */
    public record Collective(String name, Dimension dimension, CollectiveKind kind, List<int[]> groups, long bytes,
                             double perIteration, Window window, double hiddenFraction) {
        public Collective {
            groups = List.copyOf(groups);
            if (groups.isEmpty()) {
                throw new IllegalArgumentException(name + ": no groups");
            }
            if (!(perIteration >= 0) || !(hiddenFraction >= 0 && hiddenFraction <= 1)) {
                throw new IllegalArgumentException(name + ": perIteration " + perIteration + ", hiddenFraction " + hiddenFraction);
            }
            if (!window.overlaps() && hiddenFraction != 0) {
                throw new IllegalArgumentException(name + ": nothing hides behind " + window);
            }
        }

        /** Ranks per group (2 for a send). */
        public int ranks() {
            return groups.get(0).length;
        }
    }

    private final List<Collective> collectives;

    public IterationTraffic(List<Collective> collectives) {
        this.collectives = List.copyOf(collectives);
    }

    /** The collectives in a fixed order (TP, PP forward, PP backward, DP …). */
    public List<Collective> collectives() {
        return collectives;
    }

    public int size() {
        return collectives.size();
    }

    public Collective get(int i) {
        return collectives.get(i);
    }

    /** Every collective of one iteration of {@code job} on {@code gpus} (Megatron rank order). */
    public static IterationTraffic of(TrainingJobSpec job, int[] gpus) {
        ParallelismSpec par = job.parallelism();
        if (gpus.length != par.gpus()) {
            throw new IllegalArgumentException("job " + job.id() + " needs " + par.gpus() + " GPUs, placement has " + gpus.length);
        }
        int tp = par.tp();
        int pp = par.pp();
        int v = Math.max(1, par.virtualStages());
        int m = job.microBatchesPerIteration();
        List<Collective> out = new ArrayList<>();
        long activationBytes = (long) job.microBatchSeqs() * job.model().seqLength() * job.model().hidden()
                * job.precision().bytesPerElement();
        if (tp > 1) {
            double perLayer = job.recompute() == Recompute.FULL ? 6 : 4;
            double count = m * (MemoryModel.stageLayers(job.model(), pp) * perLayer);
            out.add(new Collective("tp-allreduce", Dimension.TP, CollectiveKind.ALL_REDUCE, tensorGroups(par, gpus),
                    activationBytes, count, Window.STAGE, 0));
        }
        if (pp > 1) {
            long bytes = activationBytes / tp;
            out.add(new Collective("pp-send-forward", Dimension.PP, CollectiveKind.SEND_RECV, stageSends(par, gpus, true),
                    bytes, (double) m * v, Window.BETWEEN_STAGES, 0));
            out.add(new Collective("pp-send-backward", Dimension.PP, CollectiveKind.SEND_RECV, stageSends(par, gpus, false),
                    bytes, (double) m * v, Window.BETWEEN_STAGES, 0));
        }
        if (par.dp() > 1) {
            long gradBytes = Math.round(MemoryModel.stageParams(job) * job.precision().bytesPerElement());
            double overlap = Math.min(1.0, Math.max(0.0, job.dpOverlap()));
            List<int[]> groups = dataGroups(par, gpus);
            if (job.zeroStage() >= 3) {
                // FSDP gathers the weights for forward and again for backward and reduce-scatters the
                // gradients on every micro-batch; all of it can hide behind the compute of the micro-batches.
                out.add(new Collective("dp-allgather", Dimension.DP, CollectiveKind.ALL_GATHER, groups, gradBytes,
                        2.0 * m, Window.ALL_COMPUTE, overlap));
                out.add(new Collective("dp-reducescatter", Dimension.DP, CollectiveKind.REDUCE_SCATTER, groups, gradBytes,
                        m, Window.ALL_COMPUTE, overlap));
            } else {
                // Gradients accumulate locally; the exchange starts in the last micro-batch's backward.
                out.add(new Collective("dp-allreduce", Dimension.DP, CollectiveKind.ALL_REDUCE, groups, gradBytes,
                        1, Window.LAST_BACKWARD, overlap));
            }
        }
        return new IterationTraffic(out);
    }

    /** TP groups: contiguous runs of {@code tp} ranks. */
    public static List<int[]> tensorGroups(ParallelismSpec par, int[] gpus) {
        int tp = par.tp();
        List<int[]> groups = new ArrayList<>(gpus.length / tp);
        for (int base = 0; base + tp <= gpus.length; base += tp) {
            int[] group = new int[tp];
            System.arraycopy(gpus, base, group, 0, tp);
            groups.add(group);
        }
        return groups;
    }

    /** DP groups: inside each pipeline stage, the ranks {@code tp} apart (one per TP rank). */
    public static List<int[]> dataGroups(ParallelismSpec par, int[] gpus) {
        int tp = par.tp();
        int dp = par.dp();
        List<int[]> groups = new ArrayList<>(tp * par.pp());
        for (int stage = 0; stage < par.pp(); stage++) {
            for (int t = 0; t < tp; t++) {
                int[] group = new int[dp];
                int base = stage * tp * dp + t;
                for (int d = 0; d < dp; d++) {
                    group[d] = gpus[base + d * tp];
                }
                groups.add(group);
            }
        }
        return groups;
    }

    /**
     * The sends between stage neighbours ({@code tp·dp} ranks apart), every pair at once:
     * {rank r, rank r + tp·dp} forward, the reverse backward.
     */
    public static List<int[]> stageSends(ParallelismSpec par, int[] gpus, boolean forward) {
        int stride = par.tp() * par.dp();
        List<int[]> pairs = new ArrayList<>(Math.max(0, gpus.length - stride));
        for (int r = 0; r + stride < gpus.length; r++) {
            pairs.add(forward ? new int[] {gpus[r], gpus[r + stride]} : new int[] {gpus[r + stride], gpus[r]});
        }
        return pairs;
    }
}
