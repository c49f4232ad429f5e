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
 * {@code maxEfficiency · K/(K + kHalf)}. A GEMM that promotes its partial sums to FP32 at intervals
 * along K (cuBLASLt without {@code FAST_ACCUM}: what Transformer Engine asks for on the data- and
 * weight-gradient GEMMs of its FP8 recipes, {@code use_split_accumulator}) takes
 * {@code splitAccumulation} times the compute time (1 where the precision has no such mode).
 *
 * @param maxEfficiency fraction of the dense peak the best tile reaches in its main loop, in (0, 1]
 * @param tiles candidate tiles (at least one); the cheapest for a shape is used, as a library's heuristic would
 * @param kHalf the fixed cost of one output tile expressed as extra K, >= 0
 * @param source where the numbers come from
 * @param splitAccumulation compute-time factor of a split-accumulator GEMM, >= 1 (1: the same as the curve)
 */
public record GemmCurve(double maxEfficiency, List<GemmTile> tiles, double kHalf, String source, double splitAccumulation) {

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
        if (!(splitAccumulation >= 1) || Double.isInfinite(splitAccumulation)) {
            throw new IllegalArgumentException("splitAccumulation must be >= 1, was " + splitAccumulation);
        }
        tiles = List.copyOf(tiles);
        source = source == null ? "" : source;
    }

    /** A curve without a split-accumulator mode (factor 1). */
    public GemmCurve(double maxEfficiency, List<GemmTile> tiles, double kHalf, String source) {
        this(maxEfficiency, tiles, kHalf, source, 1.0);
    }

    /** This curve with another {@code maxEfficiency} and source, its tiles, {@code kHalf} and split factor kept. */
    public GemmCurve withMaxEfficiency(double maxEfficiency, String source) {
        return new GemmCurve(maxEfficiency, tiles, kHalf, source, splitAccumulation);
    }

    /** This curve with another split-accumulator factor. */
    public GemmCurve withSplitAccumulation(double factor) {
        return new GemmCurve(maxEfficiency, tiles, kHalf, source, factor);
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
        return seconds(m, n, k, batch, peakFlopsPerS, smCount, memoryBytesPerS, inBytes, outBytes, launchS, false);
    }

    /** As {@link #seconds(double, double, double, double, double, int, double, double, double, double)}, with a split accumulator if {@code split}. */
    public double seconds(double m, double n, double k, double batch, double peakFlopsPerS, int smCount,
                          double memoryBytesPerS, double inBytes, double outBytes, double launchS, boolean split) {
        double compute = computeSeconds(m, n, k, batch, peakFlopsPerS, smCount) * (split ? splitAccumulation : 1.0);
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
