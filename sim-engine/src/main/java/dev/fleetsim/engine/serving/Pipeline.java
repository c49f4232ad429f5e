package dev.fleetsim.engine.serving;

/**
 * The stages of a pipeline-parallel replica as a resource the lanes' micro-batches pass through
 * in order (docs/SERVING.md, "Pipeline parallelism"). A micro-batch leaves its scheduler after
 * the host's work, then holds each stage in turn for the stage's layers (the last stage also for
 * the LM head), with a hand-off (the activations' send) between stages; a stage works on one
 * micro-batch at a time, first come first served. Micro-batches are reserved in the order they
 * start, and a later one never enters a stage before an earlier one has left it, so its end is
 * known when it starts: one event per micro-batch, none per stage.
 */
final class Pipeline {
    private final long[] freeNs;
    private long occupancyNs;

    Pipeline(int stages) {
        this.freeNs = new long[stages];
    }

    int stages() {
        return freeNs.length;
    }

    /**
     * Reserves the stages for a micro-batch scheduled at {@code nowNs}.
     *
     * @param hostS the host's work before the first stage (scheduling overhead, swaps)
     * @param stageS one stage's layers over the micro-batch
     * @param headS the LM head, on the last stage
     * @param handoffS one send of the activations between two stages
     * @return when the micro-batch leaves the last stage (its tokens are out)
     */
    long reserve(long nowNs, double hostS, double stageS, double headS, double handoffS) {
        int last = freeNs.length - 1;
        long stage = ns(stageS);
        long t = nowNs + ns(hostS);
        occupancyNs = 0;
        for (int s = 0; s <= last; s++) {
            long hold = s == last ? stage + ns(headS) : stage;
            long leave = Math.max(t, freeNs[s]) + hold;
            freeNs[s] = leave;
            occupancyNs += hold;
            t = s == last ? leave : leave + ns(handoffS);
        }
        return Math.max(nowNs + 1, t);
    }

    /** The stage time the last reservation holds, summed over the stages. */
    long lastOccupancyNs() {
        return occupancyNs;
    }

    private static long ns(double s) {
        return s > 0 ? (long) Math.ceil(s * 1e9) : 0;
    }
}
