package dev.fleetsim.engine.network.burst;

/**
 * The link statistics as {@link BurstSharing} kept them before {@link LinkLoads} and
 * {@link PrivateLoads}: separate arrays, every change applied at once, the peak kept as a
 * utilisation. The reference of {@code LinkLoadsTest} and {@code PrivateLoadsTest}.
 */
final class EagerLinkLoads {
    final double[] capacity;
    final double[] load;
    final double[] carried;
    final double[] peak;
    final long[] sinceNs;

    EagerLinkLoads(double[] capacity) {
        int n = capacity.length;
        this.capacity = capacity;
        this.load = new double[n];
        this.carried = new double[n];
        this.peak = new double[n];
        this.sinceNs = new long[n];
    }

    void integrate(int l, long nowNs) {
        if (nowNs > sinceNs[l]) {
            if (load[l] > 0) {
                carried[l] += load[l] * ((nowNs - sinceNs[l]) / 1e9);
                peak[l] = Math.max(peak[l], load[l] / capacity[l]);
            }
            sinceNs[l] = nowNs;
        }
    }

    double carriedBytes(int l, long endNs) {
        return carried[l] + load[l] * Math.max(0, endNs - sinceNs[l]) / 1e9;
    }

    double peakUtilisation(int l, long endNs) {
        double p = peak[l];
        if (endNs > sinceNs[l] && load[l] > 0) {
            p = Math.max(p, load[l] / capacity[l]);
        }
        return p;
    }
}
