package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.workload.MoeDispatcher;
import dev.fleetsim.engine.workload.MoeSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;

/**
 * The memory-bound copies of an MoE layer's routed tokens, per pass, at the bytes the kernels move (Megatron-Core
 * core_r0.15 dispatchers with {@code moe_permute_fusion}, Transformer Engine 2.9's Triton kernels in
 * {@code pytorch/triton/permutation.py}). The permutation and its inverse are one kernel each: {@code _permute_kernel}
 * loads a source row once and stores it to each of its destinations, {@code _unpermute_kernel} loads every routed copy
 * of a token and stores their sum once, and each one's backward is the other on the gradient. So a permutation moves
 * 2 bytes an element for every routed copy written or read and 2 for every source row: {@code 2 + 2 s} bytes per routed
 * element, {@code s} the source rows per routed copy. The all-to-all dispatcher permutes a rank's own tokens before
 * sending ({@code s = 1/(topK · capacity factor)}); DeepEP's flex dispatcher permutes the tokens it received, one row
 * per (token, rank) ({@code s = P · ep / (topK · capacity factor)}, {@code P} the chance that a token's {@code topK}
 * experts, drawn uniformly without replacement as force-balanced routing draws them, include one of the rank's). The
 * other copies read and write every routed row (4 bytes an element): the all-to-all dispatcher's sort of the received
 * chunks by local expert and its inverse when a rank holds more than one expert ({@code sort_chunks_by_idxs}), and with
 * FP8 Transformer Engine's {@code Fp8Padding} to 16 rows per expert and {@code Fp8Unpadding}.
 */
final class MoeTokenCopies {

    /** A copy that reads and writes every routed row: 2 + 2 bytes an element. */
    static final double COPY_BYTES = 4;
    /** A permutation's 16-bit store (or load) of each routed copy, and its load (or store) of each source row. */
    static final double ROW_BYTES = 2;

    private MoeTokenCopies() {
    }

    /**
     * Routed-token copies per pass: permute and un-permute; the all-to-all dispatcher's sort and unsort by local expert
     * (DeepEP permutes once after its dispatch); with FP8, Fp8Padding and Fp8Unpadding. Backward: their inverses.
     */
    static int copies(double localExperts, boolean fp8, MoeDispatcher dispatcher) {
        return 2 + (dispatcher == MoeDispatcher.ALLTOALL && localExperts > 1 ? 2 : 0) + (fp8 ? 2 : 0);
    }

    /** Source rows a permutation reads (or writes) per routed copy it writes (or reads); see the class comment. */
    static double sourceRowsPerCopy(MoeSpec e, ParallelismSpec par, MoeDispatcher dispatcher) {
        double perToken = e.topK() * e.tokenFactor();
        if (dispatcher == MoeDispatcher.ALLTOALL || par.ep() <= 1) {
            return 1.0 / perToken;
        }
        int experts = e.experts();
        double local = Math.max(1.0, (double) experts / par.ep());
        // The chance that none of a token's topK distinct experts is one of the rank's: C(E - L, k) / C(E, k).
        double miss = 1.0;
        for (int i = 0; i < e.topK(); i++) {
            miss *= Math.max(0.0, experts - local - i) / (experts - i);
        }
        return Math.min(1.0, (1.0 - miss) * par.ep() / perToken);
    }

    /** Bytes a permutation moves per routed element ({@code 2 + 2 s}). */
    static double permuteBytes(MoeSpec e, ParallelismSpec par, MoeDispatcher dispatcher) {
        return ROW_BYTES + ROW_BYTES * sourceRowsPerCopy(e, par, dispatcher);
    }

    /** GPU time of one pass's copies of {@code routed} routed copies of {@code hidden} elements. */
    static double seconds(KernelCosts k, MoeSpec e, ParallelismSpec par, MoeDispatcher dispatcher, boolean fp8,
                          double routed, double hidden) {
        double localExperts = Math.max(1.0, (double) e.experts() / par.ep());
        double permutations = 2 * k.elementwise(permuteBytes(e, par, dispatcher) * routed * hidden);
        int others = copies(localExperts, fp8, dispatcher) - 2;
        return permutations + others * k.elementwise(COPY_BYTES * routed * hidden);
    }
}
