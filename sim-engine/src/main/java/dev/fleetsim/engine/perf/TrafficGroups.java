package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.workload.ParallelismSpec;

import java.util.ArrayList;
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
        List<int[]> groups = new ArrayList<>(gpus.length / tp);
        for (int base = 0; base + tp <= gpus.length; base += tp) {
            int[] group = new int[tp];
            System.arraycopy(gpus, base, group, 0, tp);
            groups.add(group);
        }
        return groups;
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
        List<int[]> groups = new ArrayList<>();
        for (int stage = 0; stage < par.pp(); stage++) {
            for (int block = 0; block + ep * etp <= stageSize; block += ep * etp) {
                for (int e = 0; e < etp; e++) {
                    int base = stage * stageSize + block + e;
                    int[] group = new int[ep];
                    for (int j = 0; j < ep; j++) {
                        group[j] = gpus[base + j * etp];
                    }
                    groups.add(group);
                }
            }
        }
        return groups;
    }

    /** Each rank's send to its next context-parallel ring neighbour ({@code tp} ranks on, wrapping in its cp group). */
    static List<int[]> contextSends(ParallelismSpec par, int[] gpus) {
        int tp = par.tp();
        int cp = par.cp();
        List<int[]> pairs = new ArrayList<>(gpus.length);
        for (int r = 0; r < gpus.length; r++) {
            int cpRank = (r / tp) % cp;
            int next = r + ((cpRank + 1) % cp - cpRank) * tp;
            pairs.add(new int[] {gpus[r], gpus[next]});
        }
        return pairs;
    }

    /** {rank r, rank r + tp·cp·dp} forward, the reverse backward. */
    static List<int[]> stageSends(ParallelismSpec par, int[] gpus, boolean forward) {
        int stride = par.stageGpus();
        List<int[]> pairs = new ArrayList<>(Math.max(0, gpus.length - stride));
        for (int r = 0; r + stride < gpus.length; r++) {
            pairs.add(forward ? new int[] {gpus[r], gpus[r + stride]} : new int[] {gpus[r + stride], gpus[r]});
        }
        return pairs;
    }

    private static List<int[]> strided(ParallelismSpec par, int[] gpus, int size, int stride, int offsets) {
        int stageSize = par.stageGpus();
        List<int[]> groups = new ArrayList<>(offsets * par.pp());
        for (int stage = 0; stage < par.pp(); stage++) {
            for (int o = 0; o < offsets; o++) {
                int base = stage * stageSize + o;
                int[] group = new int[size];
                for (int j = 0; j < size; j++) {
                    group[j] = gpus[base + j * stride];
                }
                groups.add(group);
            }
        }
        return groups;
    }
}
