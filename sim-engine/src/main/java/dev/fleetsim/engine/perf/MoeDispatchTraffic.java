package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.perf.IterationTraffic.Collective;
import dev.fleetsim.engine.perf.IterationTraffic.Dimension;
import dev.fleetsim.engine.perf.IterationTraffic.Window;
import dev.fleetsim.engine.workload.MoeDispatcher;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.List;

/**
 * The small collectives Megatron-Core's all-to-all token dispatcher runs beside the token
 * all-to-alls (core_r0.15, {@code MoEAlltoAllTokenDispatcher} in {@code moe/token_dispatcher.py}):
 * {@code preprocess} all-gathers every rank's tokens-per-expert counts (one int64 per expert) over
 * the expert group on the compute stream, and the host then waits for them (the split sizes of the
 * all-to-alls), so the gather is exposed once per MoE layer forward; {@code token_dispatch} sends
 * the routing probabilities in an all-to-all of their own (one 16-bit value per routed copy, the
 * router's dtype) right after the tokens, whose backward sends their gradients back. The DeepEP /
 * HybridEP dispatcher ({@link MoeDispatcher#HIERARCHICAL}) carries both inside its own kernels; routing
 * padded to a capacity factor (token drop) has static split sizes and gathers no counts.
 */
final class MoeDispatchTraffic {

    /** Bytes of one tokens-per-expert count ({@code routing_map.sum(dim=0).long()}). */
    static final int COUNT_BYTES = 8;
    /** Bytes of one routing probability: the router's 16-bit output (no {@code moe_router_dtype} override). */
    static final int PROB_BYTES = 2;

    private MoeDispatchTraffic() {
    }

    /**
     * Whether the all-to-all split sizes are known without asking the GPU: routing padded to a capacity
     * factor (token drop) with the all-to-all dispatcher, whose {@code drop_and_pad} branch gathers no counts
     * and never synchronises. Dropless routing, and the DeepEP / HybridEP dispatcher, wait for the GPU.
     */
    static boolean staticSplits(TrainingJobSpec job) {
        return job.options().moeDispatcher() == MoeDispatcher.ALLTOALL
                && job.model().moe().map(e -> e.capacityFactor().isPresent()).orElse(false);
    }

    /**
     * Adds the count gather and the probability all-to-alls of {@code moeLayers} MoE layers to {@code out}.
     *
     * @param routedCopies routed (token, expert) copies one rank sends per micro-batch
     * @param forwards     MoE layer forwards per iteration (replays included)
     * @param dispatches   probability all-to-alls per iteration (forward dispatches and their backwards)
     * @param window       where the token dispatch hides ({@link Window#STAGE} without all-to-all overlap)
     */
    static void add(TrainingJobSpec job, List<int[]> groups, int experts, double routedCopies, double forwards,
                    double dispatches, Window window, List<Collective> out) {
        if (job.options().moeDispatcher() != MoeDispatcher.ALLTOALL) {
            return;
        }
        ParallelismSpec par = job.parallelism();
        // Expert-tensor parallelism (etp > 1) widens Megatron's gather group to ep · etp ranks; costed over the ep group.
        long gathered = (long) experts * COUNT_BYTES * par.ep();
        if (!staticSplits(job)) {
            out.add(new Collective("ep-count-allgather", Dimension.EP, CollectiveKind.ALL_GATHER, groups, gathered,
                    forwards, Window.STAGE, 0.0));
        }
        long probs = Math.round(routedCopies * PROB_BYTES);
        out.add(new Collective("ep-probs-alltoall", Dimension.EP, CollectiveKind.ALL_TO_ALL, groups, probs,
                dispatches, window, window.overlaps() ? 1.0 : 0.0));
    }
}
