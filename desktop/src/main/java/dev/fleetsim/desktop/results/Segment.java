package dev.fleetsim.desktop.results;

/**
 * One stretch of time a job held GPUs: from a start to its preemption, its end, or the end of
 * the run. A job preempted twice has three segments.
 *
 * @param gpus global GPU ids (node by node, as the engine numbers them)
 * @param endNs when it gave the GPUs back (or the run's end)
 */
public record Segment(String jobId, String tenant, int[] gpus, long startNs, long endNs) {
    public Segment {
        gpus = gpus.clone();
    }

    @Override
    public int[] gpus() {
        return gpus.clone();
    }

    /** How many of its GPUs lie in {@code [from, to)}, without copying. */
    int gpusIn(int from, int to) {
        int n = 0;
        for (int g : gpus) {
            if (g >= from && g < to) {
                n++;
            }
        }
        return n;
    }
}
