package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.CollectiveModel;
import dev.fleetsim.engine.workload.ParallelismSpec;

/**
 * The communication groups of a placement in Megatron-Core's rank order TP-CP-DP-PP (TP fastest):
 * rank {@code r} of the placement has tp rank {@code r % tp}, cp rank {@code (r / tp) % cp}, dp
 * rank {@code (r / (tp·cp)) % dp} and pipeline stage {@code r / (tp·cp·dp)}. TP groups are runs of
 * {@code tp} ranks; CP rings stride by {@code tp}; gradient (DP × CP) groups stride by {@code tp}
 * over a whole stage; expert-parallel groups are {@code ep} ranks of a stage striding by
 * {@code etp}, their expert-data-parallel groups stride by {@code ep · etp} (Megatron's MoE
 * parallel folding); pipeline neighbours are {@code tp·cp·dp} ranks apart. Each method returns
 * the slowest group's time, which paces the job.
 */
final class ParallelGroups {

    private final CollectiveModel collectives;
    private final int[] gpus;
    private final ParallelismSpec par;
    private final int stageSize;

    ParallelGroups(CollectiveModel collectives, int[] gpus, ParallelismSpec par) {
        this.collectives = collectives;
        this.gpus = gpus;
        this.par = par;
        this.stageSize = par.stageGpus();
    }

    /** The collective operations the groups are timed with. */
    enum Op { ALL_REDUCE, ALL_GATHER, REDUCE_SCATTER, ALL_TO_ALL }

    private double time(Op op, int[] group, long bytes) {
        if (group.length < 2 || bytes <= 0) {
            return 0.0;
        }
        switch (op) {
            case ALL_REDUCE:
                return collectives.allReduceSeconds(group, bytes);
            case ALL_GATHER:
                return collectives.allGatherSeconds(group, bytes);
            case REDUCE_SCATTER:
                return collectives.reduceScatterSeconds(group, bytes);
            default:
                return collectives.allToAllSeconds(group, bytes);
        }
    }

    /** TP groups: contiguous runs of tp ranks. */
    double tensor(Op op, long bytes) {
        int tp = par.tp();
        if (tp <= 1) {
            return 0.0;
        }
        int[] group = new int[tp];
        double worst = 0.0;
        for (int base = 0; base < gpus.length; base += tp) {
            System.arraycopy(gpus, base, group, 0, tp);
            worst = Math.max(worst, time(op, group, bytes));
        }
        return worst;
    }

    /** Gradient groups of dense parameters: the dp · cp ranks of a stage with one tp rank (stride tp). */
    double gradient(Op op, long bytes) {
        return strided(par.dp() * par.cp(), par.tp(), par.tp(), op, bytes);
    }

    /** Expert data-parallel groups: ranks of a stage with the same (etp, ep) position (stride ep · etp). */
    double expertGradient(Op op, long bytes) {
        int stride = par.ep() * par.etp();
        return strided(Math.max(1, stageSize / stride), stride, stride, op, bytes);
    }

    /** Expert-parallel groups: ep ranks of a stage striding by etp. */
    double expert(Op op, long bytes) {
        int ep = par.ep();
        if (ep <= 1) {
            return 0.0;
        }
        int etp = par.etp();
        int[] group = new int[ep];
        double worst = 0.0;
        for (int stage = 0; stage < par.pp(); stage++) {
            for (int block = 0; block + ep * etp <= stageSize; block += ep * etp) {
                for (int e = 0; e < etp; e++) {
                    int base = stage * stageSize + block + e;
                    for (int j = 0; j < ep; j++) {
                        group[j] = gpus[base + j * etp];
                    }
                    worst = Math.max(worst, time(op, group, bytes));
                }
            }
        }
        return worst;
    }

    /** {@code size} ranks starting at every offset below {@code offsets} of each stage, {@code stride} apart. */
    private double strided(int size, int stride, int offsets, Op op, long bytes) {
        if (size <= 1) {
            return 0.0;
        }
        int[] group = new int[size];
        double worst = 0.0;
        for (int stage = 0; stage < par.pp(); stage++) {
            for (int o = 0; o < offsets; o++) {
                int base = stage * stageSize + o;
                for (int j = 0; j < size; j++) {
                    group[j] = gpus[base + j * stride];
                }
                worst = Math.max(worst, time(op, group, bytes));
            }
        }
        return worst;
    }

    /** The slowest send between context-parallel ring neighbours (stride tp within a cp group). */
    double contextSend(long bytes) {
        int cp = par.cp();
        if (cp <= 1 || bytes <= 0) {
            return 0.0;
        }
        int tp = par.tp();
        double worst = 0.0;
        for (int r = 0; r < gpus.length; r++) {
            int cpRank = (r / tp) % cp;
            int next = r + ((cpRank + 1) % cp - cpRank) * tp;
            worst = Math.max(worst, collectives.sendRecvSeconds(gpus[r], gpus[next], bytes));
        }
        return worst;
    }

    /** The slowest send between pipeline neighbours ({@code tp·cp·dp} ranks apart). */
    double pipelineSend(long bytes) {
        if (par.pp() <= 1 || bytes <= 0) {
            return 0.0;
        }
        double worst = 0.0;
        for (int r = 0; r + stageSize < gpus.length; r++) {
            worst = Math.max(worst, collectives.sendRecvSeconds(gpus[r], gpus[r + stageSize], bytes));
        }
        return worst;
    }
}
