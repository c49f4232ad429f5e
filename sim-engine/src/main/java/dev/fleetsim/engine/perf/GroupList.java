package dev.fleetsim.engine.perf;

import java.util.AbstractList;
import java.util.RandomAccess;

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
    static GroupList strided(int[] gpus, int count, int size, int stride, java.util.function.IntUnaryOperator base) {
        return new GroupList(gpus, count, size) {
            @Override
            int rank(int group, int member) {
                return base.applyAsInt(group) + member * stride;
            }
        };
    }

    /** {@code count} pairs {source rank, destination rank}. */
    static GroupList pairs(int[] gpus, int count, java.util.function.IntUnaryOperator source,
                           java.util.function.IntUnaryOperator destination) {
        return new GroupList(gpus, count, 2) {
            @Override
            int rank(int group, int member) {
                return member == 0 ? source.applyAsInt(group) : destination.applyAsInt(group);
            }
        };
    }
}
