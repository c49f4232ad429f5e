package dev.fleetsim.engine.metrics;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A run's job records kept as columns of primitive arrays, by job index, instead of an object per
 * job: a million-job run holds a record for every job that has ended until the run does, and as
 * objects they were a quarter of what every young collection copied and most of what a full one
 * traced (docs/PERFORMANCE.md, "Ended jobs in columns"). Rows are written as jobs end, in any
 * order, and read back as {@link JobRecord}s equal to the ones written (each made anew on
 * {@link #get}), so every reader of a {@code List<JobRecord>} reads it unchanged. Rows live in
 * blocks of {@value #BLOCK_ROWS} that are allocated, as large as the rows they hold, when the first
 * row of each is written, so nothing is copied as a long run fills them (a block grows only for rows
 * added later). A store
 * is filled on one thread; once {@link #freeze() frozen} it is an unmodifiable list, safe to read
 * from any thread it is handed to.
 */
public final class JobRecords extends AbstractList<JobRecord> implements RandomAccess {
    private static final int SHIFT = 14;
    /** Rows a block holds at most. */
    static final int BLOCK_ROWS = 1 << SHIFT;
    private static final int MASK = BLOCK_ROWS - 1;
    private static final byte WRITTEN = 8;
    private static final int REFS = 7;
    private static final int INTS = 3;
    private static final int LONGS = 7;
    private static final int DOUBLES = 10;

    private Block[] blocks = new Block[4];
    private int size;
    private boolean frozen;

    /** An empty store of {@code size} rows, none written yet; {@link #grow} adds rows. */
    public JobRecords(int size) {
        grow(size);
    }

    /** Adds rows up to {@code newSize} (at least the current size), none written yet. */
    public void grow(int newSize) {
        checkOpen();
        if (newSize < size) {
            throw new IllegalArgumentException("size " + newSize + " is below " + size);
        }
        int needed = (newSize + MASK) >>> SHIFT;
        if (needed > blocks.length) {
            blocks = Arrays.copyOf(blocks, Math.max(needed, 2 * blocks.length));
        }
        size = newSize;
    }

    /** Whether row {@code index} has been written. */
    public boolean written(int index) {
        Block b = block(index);
        int row = index & MASK;
        return b != null && row < b.rows && (b.present[row] & WRITTEN) != 0;
    }

    /** Writes row {@code index} (once): the record's fields, so that {@link #get} gives back an equal record. */
    public void write(int index, JobRecord r) {
        checkOpen();
        if (written(index)) {
            throw new IllegalStateException("row " + index + " is already written");
        }
        int n = index >>> SHIFT;
        Block b = blocks[n];
        if (b == null) {
            b = new Block();
            b.ensure(Math.min(BLOCK_ROWS, size - (n << SHIFT)) - 1); // the rows it has now, at once
            blocks[n] = b;
        }
        int row = index & MASK;
        b.ensure(row);
        int s = row * REFS;
        b.refs[s] = r.id();
        b.refs[s + 1] = r.kind();
        b.refs[s + 2] = r.tenant();
        b.refs[s + 3] = r.state();
        b.refs[s + 4] = r.gpuType();
        b.refs[s + 5] = r.placement();
        b.refs[s + 6] = r.reason();
        s = row * INTS;
        b.ints[s] = r.gpus();
        b.ints[s + 1] = r.preemptions();
        b.ints[s + 2] = r.interruptions();
        s = row * LONGS;
        b.longs[s] = r.submitNs();
        b.longs[s + 1] = r.rawStartNs();
        b.longs[s + 2] = r.rawEndNs();
        b.longs[s + 3] = r.iterations();
        b.longs[s + 4] = r.runNs();
        b.longs[s + 5] = r.restartNs();
        b.longs[s + 6] = r.rawQueueingNs();
        s = row * DOUBLES;
        b.doubles[s] = r.iterationsDone();
        b.doubles[s + 1] = r.tokens();
        b.doubles[s + 2] = r.iterationTimeS();
        b.doubles[s + 3] = r.idealIterationTimeS();
        b.doubles[s + 4] = r.modelTflopsPerGpu();
        b.doubles[s + 5] = r.mfu();
        b.doubles[s + 6] = r.costUsd();
        b.doubles[s + 7] = r.energyKWh();
        b.doubles[s + 8] = r.lostWorkNs();
        b.doubles[s + 9] = r.checkpointNs();
        b.present[row] = (byte) (r.present() | WRITTEN);
    }

    /** Row {@code index}'s job id, without making its record. */
    public String id(int index) {
        return written(index) ? block(index).refs[(index & MASK) * REFS] : unwritten(index);
    }

    /** Row {@code index}'s state ({@link JobRecord#state()}), without making its record. */
    public String state(int index) {
        return written(index) ? block(index).refs[(index & MASK) * REFS + 3] : unwritten(index);
    }

    /** Row {@code index}'s tokens ({@link JobRecord#tokens()}), without making its record. */
    public double tokens(int index) {
        if (!written(index)) {
            unwritten(index);
        }
        return block(index).doubles[(index & MASK) * DOUBLES + 1];
    }

    /** No row can be written from now on: the store is an unmodifiable list of every row, each written. */
    public JobRecords freeze() {
        for (int i = 0; i < size; i++) {
            if (!written(i)) {
                unwritten(i);
            }
        }
        frozen = true;
        return this;
    }

    /** Whether {@link #freeze()} was called. */
    public boolean frozen() {
        return frozen;
    }

    @Override
    public int size() {
        return size;
    }

    /** The record of row {@code index}, made from its columns (a new object equal to the one written). */
    @Override
    public JobRecord get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("row " + index + " of " + size);
        }
        if (!written(index)) {
            unwritten(index);
        }
        Block b = block(index);
        int row = index & MASK;
        int r = row * REFS;
        int i = row * INTS;
        int l = row * LONGS;
        int d = row * DOUBLES;
        String[] refs = b.refs;
        long[] longs = b.longs;
        double[] doubles = b.doubles;
        return new JobRecord(refs[r], refs[r + 1], refs[r + 2], refs[r + 3], b.ints[i], refs[r + 4], longs[l],
                (byte) (b.present[row] & ~WRITTEN), longs[l + 1], longs[l + 2], refs[r + 5], longs[l + 3],
                doubles[d], doubles[d + 1], doubles[d + 2], doubles[d + 3], doubles[d + 4], doubles[d + 5],
                doubles[d + 6], doubles[d + 7], b.ints[i + 1], refs[r + 6], longs[l + 4], doubles[d + 8],
                longs[l + 5], b.ints[i + 2], doubles[d + 9], longs[l + 6]);
    }

    private Block block(int index) {
        int n = index >>> SHIFT;
        return index >= 0 && n < blocks.length ? blocks[n] : null;
    }

    private void checkOpen() {
        if (frozen) {
            throw new UnsupportedOperationException("the run's records are final");
        }
    }

    private static <T> T unwritten(int index) {
        throw new IllegalStateException("row " + index + " has no record");
    }

    /** Up to {@value #BLOCK_ROWS} rows' columns; a block's arrays grow (doubling, from 16 rows) to hold a row added later. */
    private static final class Block {
        private int rows;
        private String[] refs = new String[0];
        private int[] ints = new int[0];
        private long[] longs = new long[0];
        private double[] doubles = new double[0];
        private byte[] present = new byte[0];

        void ensure(int row) {
            if (row < rows) {
                return;
            }
            int n = Math.max(16, rows);
            while (n <= row) {
                n *= 2;
            }
            n = Math.min(n, BLOCK_ROWS);
            refs = Arrays.copyOf(refs, n * REFS);
            ints = Arrays.copyOf(ints, n * INTS);
            longs = Arrays.copyOf(longs, n * LONGS);
            doubles = Arrays.copyOf(doubles, n * DOUBLES);
            present = Arrays.copyOf(present, n);
            rows = n;
        }
    }
}
