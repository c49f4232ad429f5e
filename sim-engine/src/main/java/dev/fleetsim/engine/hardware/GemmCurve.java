package dev.fleetsim.engine.hardware;

import java.util.List;

/**
 * Dense GEMM throughput of one precision as a function of shape: the time of
 * {@code batch} GEMMs of {@code M × N × K} is the best over the candidate tiles of
 * <pre>
 *   waves · 2·tm·tn·(ceil(K/tk)·tk + kHalf) / (peak/SMs · maxEfficiency · tileEfficiency)
 *   waves = ceil(batch · ceil(M/tm) · ceil(N/tn) / SMs)
 * </pre>
 * (tile quantisation: partial tiles cost whole ones; wave quantisation: a partial last wave
 * costs a whole one; {@code kHalf}: a tile's prologue and epilogue, in steps of K), floored by
 * the HBM traffic of reading both operands and writing the result and by the launch latency.
 * At large square shapes the tile and wave terms tend to 1 and the efficiency to
 * {@code maxEfficiency · K/(K + kHalf)}.
 *
 * @param maxEfficiency fraction of the dense peak the best tile reaches in its main loop, in (0, 1]
 * @param tiles candidate tiles (at least one); the cheapest for a shape is used, as a library's heuristic would
 * @param kHalf the fixed cost of one output tile expressed as extra K, >= 0
 * @param source where the numbers come from
 */
public record GemmCurve(double maxEfficiency, List<GemmTile> tiles, double kHalf, String source) {

    public GemmCurve {
        if (!(maxEfficiency > 0 && maxEfficiency <= 1)) {
            throw new IllegalArgumentException("maxEfficiency must be in (0, 1], was " + maxEfficiency);
        }
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("a GEMM curve needs at least one tile");
        }
        if (!(kHalf >= 0) || Double.isInfinite(kHalf)) {
            throw new IllegalArgumentException("kHalf must be >= 0, was " + kHalf);
        }
        tiles = List.copyOf(tiles);
        source = source == null ? "" : source;
    }

    /**
     * Compute time in seconds of {@code batch} GEMMs of {@code m × n × k} (2·m·n·k FLOPs each)
     * at {@code peakFlopsPerS} on {@code smCount} SMs, without the memory and launch floors.
     */
    public double computeSeconds(double m, double n, double k, double batch, double peakFlopsPerS, int smCount) {
        double perSm = peakFlopsPerS / smCount * maxEfficiency;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < tiles.size(); i++) {
            GemmTile t = tiles.get(i);
            double ctas = batch * Math.ceil(m / t.m()) * Math.ceil(n / t.n());
            double waves = Math.ceil(ctas / smCount);
            double depth = Math.ceil(k / t.k()) * t.k() + kHalf;
            double s = waves * 2.0 * t.m() * t.n() * depth / (perSm * t.efficiency());
            if (s < best) {
                best = s;
            }
        }
        return best;
    }

    /**
     * Time of {@code batch} GEMMs of {@code m × n × k}: the compute time, floored by the HBM
     * time of reading A ({@code m·k}) and B ({@code k·n}) at {@code inBytes} per element and
     * writing C ({@code m·n}) at {@code outBytes}, and by {@code launchS}.
     */
    public double seconds(double m, double n, double k, double batch, double peakFlopsPerS, int smCount,
                          double memoryBytesPerS, double inBytes, double outBytes, double launchS) {
        double compute = computeSeconds(m, n, k, batch, peakFlopsPerS, smCount);
        double memory = batch * ((m * k + k * n) * inBytes + m * n * outBytes) / memoryBytesPerS;
        return Math.max(launchS, Math.max(compute, memory));
    }

    /** Achieved fraction of {@code peakFlopsPerS} for one {@code m × n × k} GEMM, memory and launch floors included. */
    public double efficiency(double m, double n, double k, double peakFlopsPerS, int smCount, double memoryBytesPerS,
                             double inBytes, double outBytes, double launchS) {
        double s = seconds(m, n, k, 1, peakFlopsPerS, smCount, memoryBytesPerS, inBytes, outBytes, launchS);
        return 2.0 * m * n * k / s / peakFlopsPerS;
    }
}
