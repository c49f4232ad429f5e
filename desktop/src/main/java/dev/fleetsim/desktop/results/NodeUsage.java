package dev.fleetsim.desktop.results;

import java.util.List;

/**
 * How much of each node jobs held over time, for the utilisation heatmap: the run's span cut
 * into equal bins, and for each node and bin the share of the node's GPU-time that segments
 * covered (0 to 1). A bin's value is exact (overlap of each segment with the bin), not sampled.
 *
 * @param share {@code share[node][bin]}
 */
public record NodeUsage(double binNs, double[][] share) {

    public static NodeUsage of(List<Segment> segments, GpuIndex gpus, long endNs, int bins) {
        int b = Math.max(1, bins);
        double width = Math.max(1.0, (double) endNs / b);
        double[][] share = new double[gpus.nodes()][b];
        for (Segment s : segments) {
            int[] ids = s.gpus();
            if (ids.length == 0) {
                continue;
            }
            int firstBin = (int) Math.min(b - 1, s.startNs() / width);
            int lastBin = (int) Math.min(b - 1, Math.max(0, s.endNs() - 1) / width);
            // GPUs are sorted node by node in a placement, so count per node in one pass
            int i = 0;
            int[] sorted = ids.clone();
            java.util.Arrays.sort(sorted);
            while (i < sorted.length) {
                int node = gpus.nodeOf(sorted[i]);
                int n = 0;
                while (i < sorted.length && gpus.nodeOf(sorted[i]) == node) {
                    n++;
                    i++;
                }
                double perNs = (double) n / gpus.count(node) / width;
                for (int k = firstBin; k <= lastBin; k++) {
                    double from = Math.max(s.startNs(), k * width);
                    double to = Math.min(s.endNs(), (k + 1) * width);
                    if (to > from) {
                        share[node][k] += (to - from) * perNs;
                    }
                }
            }
        }
        for (double[] row : share) {
            for (int k = 0; k < row.length; k++) {
                row[k] = Math.min(1.0, row[k]);
            }
        }
        return new NodeUsage(width, share);
    }
}
