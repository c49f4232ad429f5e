package dev.fleetsim.engine.metrics;

import java.util.Arrays;

/**
 * Piecewise-constant signals (allocated GPUs, queue length, power, ...) recorded at the
 * instants they change, in primitive arrays, and resampled at the end into equal bins of
 * time-weighted averages. Memory grows with state changes, never with simulated time. The change
 * points are kept in blocks of {@value #BLOCK} that are never copied: a long run's series (millions
 * of changes) grows by one block at a time instead of doubling one array, which at the moment of
 * the copy held three times the data.
 *
 * <p>A block holds each time as its step from the one before (an {@code int} while steps fit,
 * else the block switches to {@code long} times) and each channel as {@code int}s while every
 * value it got is a whole number that an {@code int} gives back bit for bit (counts: allocated
 * GPUs, queue, running jobs), else as {@code double}s. Every value read back is the value recorded,
 * so the sums are those of plain arrays; a million-job run's series (3 million change points of 7
 * channels) takes a quarter less memory.
 */
public final class StepSeriesRecorder {
    static final int BLOCK = 1 << 16;
    private static final int FIRST_CAPACITY = 1024;

    private final int channels;
    private Block[] blocks = new Block[1];
    private int blockCount;
    private int size;
    private long lastTimeNs;

    public StepSeriesRecorder(int channels) {
        this.channels = channels;
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
        if (size > 0 && lastTimeNs > timeNs) {
            throw new IllegalArgumentException("time went backwards: " + timeNs + " < " + lastTimeNs);
        }
        Block b;
        int at;
        if (size > 0 && lastTimeNs == timeNs) {
            b = blocks[blockCount - 1];
            at = b.size - 1;
        } else {
            b = room();
            at = b.size++;
            b.setTime(at, timeNs, size == 0 ? b.before : lastTimeNs);
            size++;
            lastTimeNs = timeNs;
        }
        for (int c = 0; c < channels; c++) {
            b.set(c, at, v[c]);
        }
    }

    /** The block the next change point goes in: the first grows up to {@link #BLOCK}, then whole blocks are added. */
    private Block room() {
        Block last = blockCount == 0 ? null : blocks[blockCount - 1];
        if (last != null && last.size < last.capacity()) {
            return last;
        }
        if (last != null && last.capacity() < BLOCK) {
            last.grow(Math.min(BLOCK, 2 * last.capacity()));
            return last;
        }
        if (blockCount == blocks.length) {
            blocks = Arrays.copyOf(blocks, 2 * blockCount);
        }
        Block b = new Block(channels, last == null ? FIRST_CAPACITY : BLOCK, last == null ? 0 : lastTimeNs);
        blocks[blockCount++] = b;
        return b;
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
        Cursor k = new Cursor(); // the first change point after the current segment start
        double[] current = new double[channels];
        for (int b = 0; b < bins; b++) {
            long binStart = (long) ((double) endNs * b / bins);
            long binEnd = b == bins - 1 ? endNs : (long) ((double) endNs * (b + 1) / bins);
            double[] acc = out[b];
            long t = binStart;
            while (t < binEnd) {
                while (k.valid() && k.timeNs() <= t) {
                    k.values(current);
                    k.next();
                }
                long next = k.valid() ? Math.min(k.timeNs(), binEnd) : binEnd;
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
        Cursor i = new Cursor();
        while (i.valid() && i.timeNs() < endNs) {
            long from = i.timeNs();
            double value = i.value(channel);
            i.next();
            long until = i.valid() ? Math.min(i.timeNs(), endNs) : endNs;
            total += value * (until - from);
        }
        return total;
    }

    /** Walks the change points in order. */
    private final class Cursor {
        private int block;
        private int at;
        private long timeNs;

        Cursor() {
            if (size > 0) {
                timeNs = blocks[0].timeAt(0, blocks[0].before);
            }
        }

        boolean valid() {
            return block < blockCount && at < blocks[block].size;
        }

        long timeNs() {
            return timeNs;
        }

        double value(int channel) {
            return blocks[block].get(channel, at);
        }

        void values(double[] into) {
            Block b = blocks[block];
            for (int c = 0; c < into.length; c++) {
                into[c] = b.get(c, at);
            }
        }

        void next() {
            at++;
            if (at == blocks[block].size && block + 1 < blockCount) {
                block++;
                at = 0;
            }
            if (valid()) {
                timeNs = blocks[block].timeAt(at, at == 0 ? blocks[block].before : timeNs);
            }
        }
    }

    /** One block of change points: times as steps (or absolute), channels as ints (or doubles). */
    private static final class Block {
        /** The time before the block's first change point (0 for the very first block). */
        final long before;
        int size;
        private int[] stepNs;
        private long[] timesNs;
        private final int[][] ints;
        private final double[][] doubles;

        Block(int channels, int capacity, long before) {
            this.before = before;
            this.stepNs = new int[capacity];
            this.ints = new int[channels][];
            this.doubles = new double[channels][];
            for (int c = 0; c < channels; c++) {
                ints[c] = new int[capacity];
            }
        }

        int capacity() {
            return stepNs != null ? stepNs.length : timesNs.length;
        }

        /** Point {@code at}'s time, given the time of the point before it ({@link #before} for the first). */
        long timeAt(int at, long previousNs) {
            return timesNs != null ? timesNs[at] : previousNs + stepNs[at];
        }

        void setTime(int at, long timeNs, long previousNs) {
            long step = timeNs - previousNs; // ≥ 0 but for a first time before 0, or past the long range: then longs
            if (stepNs != null && step >= 0 && step <= Integer.MAX_VALUE) {
                stepNs[at] = (int) step;
                return;
            }
            if (stepNs != null) {
                timesNs = new long[stepNs.length];
                long t = before;
                for (int i = 0; i < at; i++) {
                    t += stepNs[i];
                    timesNs[i] = t;
                }
                stepNs = null;
            }
            timesNs[at] = timeNs;
        }

        double get(int channel, int at) {
            int[] whole = ints[channel];
            return whole != null ? whole[at] : doubles[channel][at];
        }

        void set(int channel, int at, double value) {
            int[] whole = ints[channel];
            if (whole != null) {
                int asInt = (int) value;
                if (Double.doubleToRawLongBits(asInt) == Double.doubleToRawLongBits(value)) {
                    whole[at] = asInt;
                    return;
                }
                double[] d = new double[whole.length];
                for (int i = 0; i < whole.length; i++) {
                    d[i] = whole[i];
                }
                doubles[channel] = d;
                ints[channel] = null;
            }
            doubles[channel][at] = value;
        }

        void grow(int capacity) {
            if (stepNs != null) {
                stepNs = Arrays.copyOf(stepNs, capacity);
            } else {
                timesNs = Arrays.copyOf(timesNs, capacity);
            }
            for (int c = 0; c < ints.length; c++) {
                if (ints[c] != null) {
                    ints[c] = Arrays.copyOf(ints[c], capacity);
                } else {
                    doubles[c] = Arrays.copyOf(doubles[c], capacity);
                }
            }
        }
    }
}
