package dev.fleetsim.engine.metrics;

import java.util.Arrays;

/**
 * Piecewise-constant signals (allocated GPUs, queue length, power, ...) recorded at the
 * instants they change, in primitive arrays, and resampled at the end into equal bins of
 * time-weighted averages. Memory grows with state changes, never with simulated time.
 */
public final class StepSeriesRecorder {
    private final int channels;
    private long[] times = new long[1024];
    private double[] values;
    private int size;

    public StepSeriesRecorder(int channels) {
        this.channels = channels;
        this.values = new double[1024 * channels];
    }

    public int channels() {
        return channels;
    }

    public int changePoints() {
        return size;
    }

    /** From {@code timeNs} on, the channels hold {@code v}; a second record at the same instant replaces the first. */
    public void record(long timeNs, double... v) {
        if (v.length != channels) {
            throw new IllegalArgumentException("expected " + channels + " values, got " + v.length);
        }
        if (size > 0 && times[size - 1] > timeNs) {
            throw new IllegalArgumentException("time went backwards: " + timeNs + " < " + times[size - 1]);
        }
        int slot = size > 0 && times[size - 1] == timeNs ? size - 1 : size;
        if (slot == size) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                values = Arrays.copyOf(values, size * 2 * channels);
            }
            size++;
        }
        times[slot] = timeNs;
        System.arraycopy(v, 0, values, slot * channels, channels);
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
                while (k < size && times[k] <= t) {
                    System.arraycopy(values, k * channels, current, 0, channels);
                    k++;
                }
                long next = k < size ? Math.min(times[k], binEnd) : binEnd;
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
        for (int i = 0; i < size && times[i] < endNs; i++) {
            long until = i + 1 < size ? Math.min(times[i + 1], endNs) : endNs;
            total += values[i * channels + channel] * (until - times[i]);
        }
        return total;
    }
}
