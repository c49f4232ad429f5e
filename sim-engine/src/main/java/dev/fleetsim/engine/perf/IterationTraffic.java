package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ParallelismSpec;
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
 * Add one {@link Collective} in {@link TrafficPlan} (or in a helper it calls) — no other code changes:
 * <ol>
 * <li>{@code kind}: the operation ({@link CollectiveKind}); for {@code SEND_RECV} each group is
 *     {source, destination}.</li>
 * <li>{@code groups}: every group that runs it <em>at the same time</em>, GPU ids in rank
 *     order. One entry per set of concurrent groups: the flow model costs them together, the
 *     analytic model takes the slowest. {@link TrafficGroups} builds the groups of every
 *     parallel dimension in the rank order TP-CP-DP-PP.</li>
 * <li>{@code bytes}: the buffer as nccl-tests counts it (all-reduce: the per-rank buffer;
 *     all-gather / reduce-scatter: the full gathered buffer; all-to-all: each rank's whole send
 *     buffer; send: the message).</li>
 * <li>{@code perIteration}: how many times it runs per iteration (e.g. per layer × micro-batch).</li>
 * <li>{@code window} and {@code hiddenFraction}: {@link Window#STAGE} for what sits exposed on every
 *     micro-batch's critical path; {@link Window#BETWEEN_STAGES} for pipeline hand-offs; an overlap
 *     window with the fraction that can hide behind it. A new window is one enum constant here
 *     plus its length in {@link IterationCompute#windowS}.</li>
 * <li>{@code dimension}: where the time is booked in {@link StepEstimate}.</li>
 * </ol>
 *
 * <h2>What the plan lists</h2>
 * TP: per layer and micro-batch two all-reduces forward and two backward (two more replayed by
 * full recompute) of the {@code b·s/cp·h} activations, or with sequence parallelism an all-gather
 * and a reduce-scatter in their place; MoE layers keep only the attention's pair (and the shared
 * experts'); {@code STAGE}, or {@link Window#TP_GEMMS} with TP communication overlap. CP: the ring
 * exchange of K and V chunks, {@code cp − 1} sends per layer forward (and per replay) and of KV
 * plus their gradients backward, behind the attention ({@link Window#ATTENTION_FORWARD},
 * {@link Window#ATTENTION_BACKWARD}). EP: four all-to-alls per MoE layer and micro-batch (six with
 * full recompute), {@code STAGE}, or with all-to-all overlap each behind its sub-module of the paired
 * micro-batch ({@link Window#MOE_ATTENTION_FORWARD}, {@link Window#MOE_EXPERTS},
 * {@link Window#MOE_ATTENTION_BACKWARD}); with the all-to-all dispatcher also the exposed all-gather of
 * the tokens-per-expert counts per MoE layer forward and the probabilities' all-to-all beside each
 * dispatch ({@link MoeDispatchTraffic}). PP: sends of
 * {@code b·s/cp·h/t} forward and backward, {@code v} per micro-batch each. DP, for dense parameters
 * over the dp × cp ranks and for expert parameters over the expert data-parallel ranks: ZeRO 0 one
 * gradient all-reduce behind the last backward; ZeRO 1-2 (distributed optimizer) a gradient
 * reduce-scatter behind the last backward and a 16-bit parameter all-gather behind the first
 * forward (with the interleaved schedule one exchange per model chunk, the last chunk's exposed: {@link
 * ChunkedDpOverlap}); ZeRO 3 (FSDP) per micro-batch and layer a parameter all-gather prefetched behind the
 * forward (the first layer's exposed), another one and a gradient reduce-scatter behind the backward.
 */
public final class IterationTraffic {

    /** The parallel dimension a collective's time is booked on. */
    public enum Dimension { TP, PP, DP, CP, EP }

    /**
     * SMs an NCCL collective occupies while it runs: one thread block per channel, and NCCL runs
     * about 16 channels on NVLink/NVSwitch nodes (assumption: NCCL sizes channels by topology,
     * commonly 8-32; 16 on an 8 x H800 NVSwitch node in the NCCL log of nccl issue #892). A
     * collective hidden behind compute takes these from it.
     */
    public static final int NCCL_SMS = 16;

    /**
     * How much longer compute takes while an NCCL collective runs beside it: 18.9 %, the average
     * computational slowdown of overlapped against undisturbed execution that Lee et al. measured on
     * H100 and A100 nodes for GPT and LLaMA training ("Characterizing Compute-Communication Overlap in
     * GPU-Accelerated Distributed Deep Learning: Performance and Power Implications", arXiv:2507.03114,
     * abstract; maximum 40 %). It holds the SMs the collective's channels take ({@link #NCCL_SMS}, 12 %
     * of an H100's) and what they share besides: HBM and L2 bandwidth, and power. A hidden collective
     * of {@code c} seconds then costs {@code 0.189 c}: the compute that would have run in those seconds
     * takes 1.189 times as long. Copy-engine transfers (0 SMs) are not covered by the measurement.
     */
    public static final double NCCL_OVERLAP_SLOWDOWN = 0.189;

    /** Where a collective's time sits in the iteration; see {@link IterationTime}. */
    public enum Window {
        /** On every micro-batch's critical path inside a stage: exposed, and idle stages wait for it too (it counts in the bubble). */
        STAGE,
        /** Between pipeline stages: exposed, outside the bubble (Megatron's accounting of PP hand-offs). */
        BETWEEN_STAGES,
        /**
         * Overlaps the backward pass of the last micro-batch (gradients accumulate locally until then); with model
         * chunks, the chunk backwards after each chunk's last one ({@link ChunkedDpOverlap}).
         */
        LAST_BACKWARD,
        /**
         * Overlaps the forward pass of the first micro-batch (the distributed optimizer's parameter all-gather); with
         * model chunks, the warm-up's chunk forwards before each chunk's first one ({@link ChunkedDpOverlap}).
         */
        FIRST_FORWARD,
        /** Overlaps all the compute of the iteration's micro-batches. */
        ALL_COMPUTE,
        /** Overlaps every micro-batch's forward passes (FSDP parameter prefetch). */
        FORWARD,
        /** Overlaps every micro-batch's backward passes (FSDP gathers and gradient reduce-scatters). */
        BACKWARD,
        /**
         * The tensor-parallel windows, one per GEMM a TP collective can hide behind, named as Transformer
         * Engine's user-buffer configurations name them: the all-gather of the QKV / FC1 input behind
         * that GEMM's forward (ring exchange), the reduce-scatter of the projection / FC2 output behind
         * theirs (ring exchange), the all-gather of their output gradient behind their data-gradient GEMM
         * (ring exchange), the re-gather of the QKV / FC1 input behind their data-gradient GEMM (bulk, or
         * Megatron's asynchronous all-gather) and the reduce-scatter of their input gradient behind their
         * weight-gradient GEMM (bulk, or asynchronous). Each collective hides behind its own GEMM only; per
         * micro-batch.
         */
        QKV_FPROP,
        QKV_DGRAD,
        QKV_WGRAD,
        PROJ_FPROP,
        PROJ_DGRAD,
        FC1_FPROP,
        FC1_DGRAD,
        FC1_WGRAD,
        FC2_FPROP,
        FC2_DGRAD,
        /** Overlaps the attention forward (the CP ring exchange); per micro-batch. */
        ATTENTION_FORWARD,
        /** Overlaps the attention backward; per micro-batch. */
        ATTENTION_BACKWARD,
        /**
         * The MoE all-to-all overlap (moe_a2a_overlap): Megatron-Core's combined 1F1B schedule runs one
         * micro-batch's layer forward beside the previous one's layer backward, each all-to-all behind one
         * sub-module of the other (TransformerLayerSchedulePlan.run: comm "combine_bwd | dispatch_fwd ->
         * dispatch_bwd | combine_fwd" beside comp "attn_fwd | mlp_bwd -> mlp_bwd_dw -> mlp_fwd |
         * attn_bwd"). The combine's backward hides behind the attention side's forward (attention, norms,
         * router, permutation) ...
         */
        MOE_ATTENTION_FORWARD,
        /** ... both dispatches behind the local experts' backward and forward ... */
        MOE_EXPERTS,
        /** ... and the combine's forward behind the attention side's backward; per micro-batch. */
        MOE_ATTENTION_BACKWARD;

        /** True for the windows a collective hides behind (rather than adds to the critical path). */
        public boolean overlaps() {
            return this != STAGE && this != BETWEEN_STAGES;
        }

        /** True for what sits inside every micro-batch's stage time, so idle stages wait for its exposed part too. */
        public boolean perMicroBatch() {
            return this == STAGE || isTensorParallel() || this == ATTENTION_FORWARD || this == ATTENTION_BACKWARD
                    || this == MOE_ATTENTION_FORWARD || this == MOE_EXPERTS || this == MOE_ATTENTION_BACKWARD;
        }

        /** True for the windows of one GEMM next to a tensor-parallel collective. */
        public boolean isTensorParallel() {
            return ordinal() >= QKV_FPROP.ordinal() && ordinal() <= FC2_DGRAD.ordinal();
        }

        /** True for the TP windows of forward GEMMs, which full recomputation runs again. */
        public boolean isForwardGemm() {
            return this == QKV_FPROP || this == PROJ_FPROP || this == FC1_FPROP || this == FC2_FPROP;
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
     * @param sms streaming multiprocessors its kernels hold while it runs beside compute (NCCL: one
     *        thread block per channel, {@link #NCCL_SMS}; copy-engine transfers: 0); a hidden occurrence
     *        of an SM-holding collective slows the compute beside it by {@link #NCCL_OVERLAP_SLOWDOWN},
     *        or by {@code sms / SMs} where that is more ({@link IterationCompute#interference})
     */
    public record Collective(String name, Dimension dimension, CollectiveKind kind, List<int[]> groups, long bytes,
                             double perIteration, Window window, double hiddenFraction, int sms) {

        /** A collective run by NCCL ({@link #NCCL_SMS} SMs while it overlaps compute). */
        public Collective(String name, Dimension dimension, CollectiveKind kind, List<int[]> groups, long bytes,
                          double perIteration, Window window, double hiddenFraction) {
            this(name, dimension, kind, groups, bytes, perIteration, window, hiddenFraction, NCCL_SMS);
        }

        public Collective {
            if (sms < 0) {
                throw new IllegalArgumentException(name + ": sms " + sms);
            }
            // A computed group list (TrafficGroups) is already immutable; copying it would build every group.
            groups = groups instanceof GroupList ? groups : List.copyOf(groups);
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

    /** The collectives in a fixed order (TP, CP, EP, PP forward, PP backward, DP …). */
    public List<Collective> collectives() {
        return collectives;
    }

    public int size() {
        return collectives.size();
    }

    public Collective get(int i) {
        return collectives.get(i);
    }

    /** Every collective of one iteration of {@code job} on {@code gpus} (rank order TP-CP-DP-PP) of {@code topology}. */
    public static IterationTraffic of(TrainingJobSpec job, Topology topology, int[] gpus) {
        ParallelismSpec par = job.parallelism();
        if (gpus.length != par.gpus()) {
            throw new IllegalArgumentException("job " + job.id() + " needs " + par.gpus() + " GPUs, placement has " + gpus.length);
        }
        int gpusPerNode = topology.nodeOfGpu(gpus[0]).gpuCount();
        return new IterationTraffic(TrafficPlan.collectives(job, gpus, gpusPerNode));
    }

    /**
     * The collectives of {@code job} on {@code gpus} without knowing the nodes: as {@link #of(TrainingJobSpec,
     * Topology, int[])}, except that a hierarchical MoE dispatcher is costed like the plain all-to-all.
     */
    public static IterationTraffic of(TrainingJobSpec job, int[] gpus) {
        ParallelismSpec par = job.parallelism();
        if (gpus.length != par.gpus()) {
            throw new IllegalArgumentException("job " + job.id() + " needs " + par.gpus() + " GPUs, placement has " + gpus.length);
        }
        return new IterationTraffic(TrafficPlan.collectives(job, gpus, Integer.MAX_VALUE));
    }

    /** TP groups: contiguous runs of {@code tp} ranks. */
    public static List<int[]> tensorGroups(ParallelismSpec par, int[] gpus) {
        return TrafficGroups.tensor(par, gpus);
    }

    /** Gradient groups: inside each pipeline stage, the dp · cp ranks {@code tp} apart (one per TP rank). */
    public static List<int[]> dataGroups(ParallelismSpec par, int[] gpus) {
        return TrafficGroups.gradient(par, gpus);
    }

    /** The sends between stage neighbours ({@code tp·cp·dp} ranks apart), every pair at once. */
    public static List<int[]> stageSends(ParallelismSpec par, int[] gpus, boolean forward) {
        return TrafficGroups.stageSends(par, gpus, forward);
    }
}
