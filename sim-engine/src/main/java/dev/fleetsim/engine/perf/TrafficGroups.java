package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.workload.ParallelismSpec;

import java.util.List;

/**
 * The communication groups of a placement in Megatron-Core's rank order TP-CP-DP-PP (TP fastest):
 * rank {@code r} has tp rank {@code r % tp}, cp rank {@code (r / tp) % cp}, dp rank
 * {@code (r / (tp·cp)) % dp} and pipeline stage {@code r / (tp·cp·dp)}. TP groups are runs of
 * {@code tp} ranks; CP rings stride by {@code tp}; gradient (DP × CP) groups stride by {@code tp}
 * over a whole stage; expert-parallel groups are {@code ep} ranks of a stage striding by
 * {@code etp}, their expert-data-parallel groups stride by {@code ep · etp} (Megatron's MoE
 * parallel folding); pipeline neighbours are {@code tp·cp·dp} ranks apart.
 */
final class TrafficGroups {

    private TrafficGroups() {
    }

    static List<int[]> tensor(ParallelismSpec par, int[] gpus) {
        int tp = par.tp();
        return GroupList.runs(gpus, tp);
    }

    /** Dense-parameter gradient groups: the dp · cp ranks of a stage with one tp rank. */
    static List<int[]> gradient(ParallelismSpec par, int[] gpus) {
        return strided(par, gpus, par.dp() * par.cp(), par.tp(), par.tp());
    }

    /** Expert-parameter gradient groups: the ranks of a stage with the same (etp, ep) position. */
    static List<int[]> expertGradient(ParallelismSpec par, int[] gpus) {
        int stride = par.ep() * par.etp();
        return strided(par, gpus, Math.max(1, par.stageGpus() / stride), stride, stride);
    }

    /** Expert-parallel groups: ep ranks of a stage striding by etp, blocks of ep · etp. */
    static List<int[]> expert(ParallelismSpec par, int[] gpus) {
        int ep = par.ep();
        int etp = par.etp();
        int stageSize = par.stageGpus();
        int blocks = stageSize / (ep * etp);
        int perStage = blocks * etp;
        return GroupList.strided(gpus, par.pp() * perStage, ep, etp, i -> {
            int stage = i / perStage;
            int within = i % perStage;
            return stage * stageSize + (within / etp) * ep * etp + within % etp;
        });
    }

    /** Each rank's send to its next context-parallel ring neighbour ({@code tp} ranks on, wrapping in its cp group). */
    static List<int[]> contextSends(ParallelismSpec par, int[] gpus) {
        int tp = par.tp();
        int cp = par.cp();
        return GroupList.pairs(gpus, gpus.length, r -> r, r -> {
            int cpRank = (r / tp) % cp;
            return r + ((cpRank + 1) % cp - cpRank) * tp;
        });
    }

    /** {rank r, rank r + tp·cp·dp} forward, the reverse backward. */
    static List<int[]> stageSends(ParallelismSpec par, int[] gpus, boolean forward) {
        int stride = par.stageGpus();
        int count = Math.max(0, gpus.length - stride);
        return GroupList.offsetPairs(gpus, count, stride, forward);
    }

    private static List<int[]> strided(ParallelismSpec par, int[] gpus, int size, int stride, int offsets) {
        int stageSize = par.stageGpus();
        return GroupList.strided(gpus, offsets * par.pp(), size, stride, i -> (i / offsets) * stageSize + i % offsets);
    }
}
