package dev.fleetsim.engine.metrics;

import java.util.Arrays;

/**
 * Piecewise-constant signals (allocated GPUs, queue length, power, ...) recorded at the
 * instants they change, in primitive arrays, and resampled at the end into equal bins of
 * time-weighted averages. Memory grows with state changes, never with simulated time. The change
 * points are kept in blocks of {@value #BLOCK} that are never copied: a long run's series (millions
 * of changes) grows by one block at a time instead of doubling one array, which at the moment of
 * the copy held three times the data.
 */
public final class StepSeriesRecorder {
    static final int BLOCK = 1 << 16;
    private static final int SHIFT = 16;
    private static final int MASK = BLOCK - 1;

    private final int channels;
    private long[][] times = new long[1][];
    private double[][] values = new double[1][];
    private int size;

    public StepSeriesRecorder(int channels) {
        this.channels = channels;
        this.times[0] = new long[1024];
        this.values[0] = new double[1024 * channels];
    }

    public int channels() {
        return channels;
    }

    public int changePoints() {
        return size;
    }

    private long time(int i) {
        return times[i >>> SHIFT][i & MASK];
    }

    /** From {@code timeNs} on, the channels hold {@code v}; a second record at the same instant replaces the first. */
    public void record(long timeNs, double... v) {
        if (v.length != channels) {
            throw new IllegalArgumentException("expected " + channels + " values, got " + v.length);
        }
        if (size > 0 && time(size - 1) > timeNs) {
            throw new IllegalArgumentException("time went backwards: " + timeNs + " < " + time(size - 1));
        }
        int slot = size > 0 && time(size - 1) == timeNs ? size - 1 : size;
        if (slot == size) {
            grow();
            size++;
        }
        int b = slot >>> SHIFT;
        int at = slot & MASK;
        times[b][at] = timeNs;
        System.arraycopy(v, 0, values[b], at * channels, channels);
    }

    /** Room for one more change point: the first block grows up to {@link #BLOCK}, then whole blocks are added. */
    private void grow() {
        int b = size >>> SHIFT;
        int at = size & MASK;
        if (b == times.length) {
            times = Arrays.copyOf(times, 2 * b);
            values = Arrays.copyOf(values, 2 * b);
        }
        if (times[b] == null) {
            times[b] = new long[BLOCK];
            values[b] = new double[BLOCK * channels];
        } else if (at == times[b].length) {
            times[b] = Arrays.copyOf(times[b], Math.min(BLOCK, 2 * at));
            values[b] = Arrays.copyOf(values[b], Math.min(BLOCK, 2 * at) * channels);
        }
    }

    /**
     * Time-weighted averages over {@code bins} equal bins covering [0, endNs]; row i covers
     * [i·endNs/bins, (i+1)·endNs/bins). Before the first record every channel is 0.
     */
    public double[][] resample(int bins, long endNs) {
        double[][] out = new double[bins][channels];
        if (endNs <= 0 || bins <= 0) {
            return out;
        }
        int k = 0; // index of the first change point after the current segment start
        double[] current = new double[channels];
        for (int b = 0; b < bins; b++) {
            long binStart = (long) ((double) endNs * b / bins);
            long binEnd = b == bins - 1 ? endNs : (long) ((double) endNs * (b + 1) / bins);
            double[] acc = out[b];
            long t = binStart;
            while (t < binEnd) {
                while (k < size && time(k) <= t) {
                    System.arraycopy(values[k >>> SHIFT], (k & MASK) * channels, current, 0, channels);
                    k++;
                }
                long next = k < size ? Math.min(time(k), binEnd) : binEnd;
                long dt = next - t;
                for (int c = 0; c < channels; c++) {
                    acc[c] += current[c] * dt;
                }
                t = next;
            }
            long width = binEnd - binStart;
            for (int c = 0; c < channels; c++) {
                acc[c] = width > 0 ? acc[c] / width : current[c];
            }
        }
        return out;
    }

    /** The integral of one channel over [0, endNs], in value·ns. */
    public double integral(int channel, long endNs) {
        double total = 0;
        for (int i = 0; i < size && time(i) < endNs; i++) {
            long until = i + 1 < size ? Math.min(time(i + 1), endNs) : endNs;
            total += values[i >>> SHIFT][(i & MASK) * channels + channel] * (until - time(i));
        }
        return total;
    }
}
