package dev.fleetsim.engine.perf;

import java.util.AbstractList;
import java.util.RandomAccess;
import java.util.function.IntUnaryOperator;

/**
 * The groups of one collective as a list that computes each group from the placement when asked,
 * instead of holding an array per group: a 16k-GPU job has tens of thousands of pipeline pairs, and
 * building them all for every estimate would cost more than the estimate. {@link #fill} writes a
 * group into a caller's buffer without allocating. Immutable.
 */
abstract class GroupList extends AbstractList<int[]> implements RandomAccess {

    final int[] gpus;
    private final int count;
    private final int size;

    GroupList(int[] gpus, int count, int size) {
        this.gpus = gpus;
        this.count = count;
        this.size = size;
    }

    /** The rank (index into the placement) of member {@code member} of group {@code group}. */
    abstract int rank(int group, int member);

    /** Members per group. */
    int groupSize() {
        return size;
    }

    /** Writes group {@code i}'s GPU ids into {@code out[0..groupSize)}. */
    void fill(int i, int[] out) {
        for (int j = 0; j < size; j++) {
            out[j] = gpus[rank(i, j)];
        }
    }

    @Override
    public int[] get(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        int[] out = new int[size];
        fill(i, out);
        return out;
    }

    @Override
    public int size() {
        return count;
    }

    /** {@code count} groups of {@code size} ranks: group i starts at {@code base(i)}, members {@code stride} apart. */
    static Strided strided(int[] gpus, int count, int size, int stride, IntUnaryOperator base) {
        return new Strided(gpus, count, size, stride, base, false);
    }

    /** The placement cut into {@code gpus.length / size} runs of {@code size} consecutive ranks. */
    static Strided runs(int[] gpus, int size) {
        return new Strided(gpus, gpus.length / size, size, 1, i -> i * size, true);
    }

    /** {@code count} pairs {source rank, destination rank}. */
    static Pairs pairs(int[] gpus, int count, IntUnaryOperator source, IntUnaryOperator destination) {
        return new Pairs(gpus, count, source, destination, 0);
    }

    /**
     * {@code count} pairs between rank {@code i} and rank {@code i + offset}: {i, i + offset} when
     * {@code forward}, else {i + offset, i}.
     */
    static Pairs offsetPairs(int[] gpus, int count, int offset, boolean forward) {
        return forward ? new Pairs(gpus, count, r -> r, r -> r + offset, offset)
                : new Pairs(gpus, count, r -> r + offset, r -> r, offset);
    }

    /** Groups of evenly spaced ranks. */
    static final class Strided extends GroupList {
        final int stride;
        /** Whether group i is ranks {@code i·size .. (i + 1)·size - 1}. */
        final boolean tiles;
        private final IntUnaryOperator base;

        private Strided(int[] gpus, int count, int size, int stride, IntUnaryOperator base, boolean tiles) {
            super(gpus, count, size);
            this.stride = stride;
            this.base = base;
            this.tiles = tiles;
        }

        /** The first rank of group {@code group}. */
        int base(int group) {
            return base.applyAsInt(group);
        }

        @Override
        int rank(int group, int member) {
            return base.applyAsInt(group) + member * stride;
        }
    }

    /** Pairs of ranks; {@link #offset} {@code > 0} when every pair is {i, i + offset} in one order or the other. */
    static final class Pairs extends GroupList {
        final int offset;
        private final IntUnaryOperator source;
        private final IntUnaryOperator destination;

        private Pairs(int[] gpus, int count, IntUnaryOperator source, IntUnaryOperator destination, int offset) {
            super(gpus, count, 2);
            this.source = source;
            this.destination = destination;
            this.offset = offset;
        }

        @Override
        int rank(int group, int member) {
            return member == 0 ? source.applyAsInt(group) : destination.applyAsInt(group);
        }
    }
}
