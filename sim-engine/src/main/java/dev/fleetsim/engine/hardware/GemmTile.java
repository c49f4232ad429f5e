package dev.fleetsim.engine.hardware;

/**
 * One thread-block (CTA) tile a GEMM library may choose: the output block {@code m × n} one SM
 * computes, the depth {@code k} of one main-loop step, and the efficiency of that tile relative
 * to the curve's best (smaller tiles re-read their operands more and reach less).
 *
 * @param m output rows per tile
 * @param n output columns per tile
 * @param k reduction depth per main-loop step (dimensions are padded up to it)
 * @param efficiency achieved fraction relative to the curve's {@code maxEfficiency}, in (0, 1]
 */
public record GemmTile(int m, int n, int k, double efficiency) {
    public GemmTile {
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException("tile dimensions must be positive: " + m + " x " + n + " x " + k);
        }
        if (!(efficiency > 0 && efficiency <= 1)) {
            throw new IllegalArgumentException("tile efficiency must be in (0, 1], was " + efficiency);
        }
    }
}
