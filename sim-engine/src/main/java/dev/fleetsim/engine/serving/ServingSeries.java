package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.metrics.TimeSeriesTable;

import java.util.ArrayList;
import java.util.List;

/**
 * A deployment's signals over time in bounded memory: levels (replicas, waiting and running
 * requests, KV blocks in use) integrated over time, and counts (arrivals, completions, tokens)
 * summed, both into {@value #CAPACITY} bins whose width doubles (neighbours merged) whenever the
 * clock passes the last one. A change costs O(1) amortised, so recording at every iteration is
 * cheap, and memory never grows with the run.
 */
final class ServingSeries {
    static final int CAPACITY = 2048;
    /** Level channels. */
    static final int ACTIVE = 0;
    static final int PLACED = 1;
    static final int WAITING = 2;
    static final int RUNNING = 3;
    static final int KV_USED = 4;
    static final int KV_TOTAL = 5;
    static final int BUSY = 6;
    static final int LEVELS = 7;
    /** Count channels. */
    static final int ARRIVALS = 0;
    static final int COMPLETIONS = 1;
    static final int OUTPUT_TOKENS = 2;
    static final int SLO_MET = 3;
    static final int COUNTS = 4;

    private long widthNs;
    private final double[] levelIntegral = new double[CAPACITY * LEVELS];
    private final double[] counts = new double[CAPACITY * COUNTS];
    private final double[] level = new double[LEVELS];
    private long lastNs;
    private final double[] peak = new double[LEVELS];

    ServingSeries(long initialWidthNs) {
        this.widthNs = Math.max(1, initialWidthNs);
    }

    void level(long nowNs, int channel, double delta) {
        advance(nowNs);
        level[channel] += delta;
        peak[channel] = Math.max(peak[channel], level[channel]);
    }

    /** Several level changes at one instant, integrated once. */
    void levels(long nowNs, double running, double waiting, double kvUsed, double busy) {
        advance(nowNs);
        level[RUNNING] += running;
        level[WAITING] += waiting;
        level[KV_USED] += kvUsed;
        level[BUSY] += busy;
        peak[RUNNING] = Math.max(peak[RUNNING], level[RUNNING]);
        peak[WAITING] = Math.max(peak[WAITING], level[WAITING]);
        peak[KV_USED] = Math.max(peak[KV_USED], level[KV_USED]);
    }

    double current(int channel) {
        return level[channel];
    }

    void count(long nowNs, int channel, double amount) {
        advance(nowNs);
        counts[(int) (nowNs / widthNs) * COUNTS + channel] += amount;
    }

    /** The time integral of a level channel from 0 to {@code nowNs} (not before the last change), in value·ns. */
    double integral(int channel, long nowNs) {
        advance(nowNs);
        return integral(channel);
    }

    /** The time integral of a level channel from 0 to the last change, in value·ns. */
    double integral(int channel) {
        double total = 0;
        for (int b = 0; b < CAPACITY; b++) {
            total += levelIntegral[b * LEVELS + channel];
        }
        return total;
    }

    double peak(int channel) {
        return peak[channel];
    }

    private void advance(long nowNs) {
        if (nowNs <= lastNs) {
            return;
        }
        while (nowNs >= (long) CAPACITY * widthNs) {
            merge();
        }
        while (lastNs < nowNs) {
            int bin = (int) (lastNs / widthNs);
            long end = Math.min(nowNs, (bin + 1L) * widthNs);
            double dt = end - lastNs;
            for (int c = 0; c < LEVELS; c++) {
                levelIntegral[bin * LEVELS + c] += level[c] * dt;
            }
            lastNs = end;
        }
    }

    private void merge() {
        for (int b = 0; b < CAPACITY / 2; b++) {
            for (int c = 0; c < LEVELS; c++) {
                levelIntegral[b * LEVELS + c] = levelIntegral[2 * b * LEVELS + c] + levelIntegral[(2 * b + 1) * LEVELS + c];
            }
            for (int c = 0; c < COUNTS; c++) {
                counts[b * COUNTS + c] = counts[2 * b * COUNTS + c] + counts[(2 * b + 1) * COUNTS + c];
            }
        }
        java.util.Arrays.fill(levelIntegral, CAPACITY / 2 * LEVELS, levelIntegral.length, 0);
        java.util.Arrays.fill(counts, CAPACITY / 2 * COUNTS, counts.length, 0);
        widthNs *= 2;
    }

    /**
     * The series as rows of {@code time_s} and per-bin values over {@code [0, endNs]}, at most
     * {@code points} rows: time-weighted means of the levels, rates of the counts, KV use as a
     * percentage of the KV held, and SLO attainment of the requests completed in the bin.
     */
    TimeSeriesTable table(long endNs, int points) {
        advance(endNs);
        int used = (int) Math.min(CAPACITY, Math.max(1, (endNs + widthNs - 1) / widthNs));
        int rows = Math.max(1, Math.min(points, used));
        List<double[]> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            long from = (long) ((double) endNs * r / rows);
            long to = r == rows - 1 ? endNs : (long) ((double) endNs * (r + 1) / rows);
            double[] lv = new double[LEVELS];
            double[] ct = new double[COUNTS];
            for (int b = (int) (from / widthNs); b < used && (long) b * widthNs < to; b++) {
                long bs = (long) b * widthNs;
                long be = bs + widthNs;
                double share = (double) (Math.min(be, to) - Math.max(bs, from)) / widthNs;
                if (share <= 0) {
                    continue;
                }
                for (int c = 0; c < LEVELS; c++) {
                    lv[c] += levelIntegral[b * LEVELS + c] * share;
                }
                for (int c = 0; c < COUNTS; c++) {
                    ct[c] += counts[b * COUNTS + c] * share;
                }
            }
            double width = Math.max(1, to - from);
            double seconds = width / 1e9;
            double kvTotal = lv[KV_TOTAL] / width;
            out.add(new double[] {from / 1e9, lv[ACTIVE] / width, lv[PLACED] / width, lv[WAITING] / width,
                    lv[RUNNING] / width, kvTotal > 0 ? 100 * lv[KV_USED] / width / kvTotal : 0, ct[ARRIVALS] / seconds,
                    ct[COMPLETIONS] / seconds, ct[OUTPUT_TOKENS] / seconds,
                    ct[COMPLETIONS] > 0 ? ct[SLO_MET] / ct[COMPLETIONS] : Double.NaN});
        }
        return new TimeSeriesTable(COLUMNS, out.toArray(new double[0][]));
    }

    static final List<String> COLUMNS = List.of("time_s", "replicas_active", "replicas_placed", "waiting", "running",
            "kv_used_pct", "arrivals_per_s", "completions_per_s", "output_tokens_per_s", "slo_attainment");
}
