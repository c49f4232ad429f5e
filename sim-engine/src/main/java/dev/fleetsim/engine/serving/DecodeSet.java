package dev.fleetsim.engine.serving;

import java.util.Arrays;

/**
 * The requests of one replica that are decoding, held so that an iteration costs O(1) however
 * large the batch: each decode adds one token per iteration, so a request that joined after
 * iteration {@code j0} with {@code k} KV tokens holds {@code base + j} tokens after iteration
 * {@code j} ({@code base = k − j0}) and finishes after iteration {@code j0 + remaining}. The set
 * keeps the count and the sum of bases (the context every decode attends over is
 * {@code sumBase + size × j}), the count per {@code base mod blockTokens} (the decodes that need a
 * new block in iteration {@code j} are those whose tokens so far fill their last block), and a heap
 * of finishing iterations. Removal before the end (a preemption) is lazy in the heap.
 */
final class DecodeSet {
    private final int blockTokens;
    private final int[] residue;
    private int size;
    private long sumBase;
    private long[] keys = new long[64];
    private Request[] items = new Request[64];
    private int[] epochs = new int[64];
    private int heap;

    DecodeSet(int blockTokens) {
        this.blockTokens = blockTokens;
        this.residue = new int[blockTokens];
    }

    int size() {
        return size;
    }

    /** {@code r} decodes from iteration {@code joinIter + 1} on, holding {@code r.prefilled} KV tokens now. */
    void add(Request r, long joinIter) {
        r.decoding = true;
        r.base = r.prefilled - joinIter;
        r.finishIter = joinIter + (r.output - r.generated);
        residue[Math.floorMod(r.base, blockTokens)]++;
        sumBase += r.base;
        size++;
        push(r.finishIter, r, ++r.epoch);
    }

    /** Takes {@code r} out (finished or preempted); its KV tokens are then {@code r.prefilled}. */
    void remove(Request r, long iter) {
        r.decoding = false;
        r.prefilled = (int) Math.min(Integer.MAX_VALUE, r.base + iter);
        r.generated = (int) (r.output - (r.finishIter - iter));
        r.epoch++;
        residue[Math.floorMod(r.base, blockTokens)]--;
        sumBase -= r.base;
        size--;
    }

    /** KV tokens all decodes attend over in iteration {@code j} (their new token included). */
    double contextAt(long j) {
        return sumBase + (double) size * j;
    }

    /** Decodes whose iteration {@code j} token starts a new block. */
    int blocksNeededAt(long j) {
        return residue[Math.floorMod(1 - j, blockTokens)];
    }

    /** The next decode whose last token came in iteration {@code j} or earlier, or null. */
    Request pollFinished(long j) {
        while (heap > 0 && keys[0] <= j) {
            Request r = items[0];
            int epoch = epochs[0];
            pop();
            if (r.decoding && r.epoch == epoch) {
                return r;
            }
        }
        return null;
    }

    /** Every decode, for a replica that stops: the caller removes them. */
    Request[] members() {
        Request[] out = new Request[size];
        int k = 0;
        for (int i = 0; i < heap; i++) {
            if (items[i].decoding && items[i].epoch == epochs[i]) {
                out[k++] = items[i];
            }
        }
        return Arrays.copyOf(out, k);
    }

    private void push(long key, Request r, int epoch) {
        if (heap == keys.length) {
            keys = Arrays.copyOf(keys, heap * 2);
            items = Arrays.copyOf(items, heap * 2);
            epochs = Arrays.copyOf(epochs, heap * 2);
        }
        int i = heap++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (keys[parent] <= key) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        keys[i] = key;
        items[i] = r;
        epochs[i] = epoch;
    }

    private void pop() {
        heap--;
        long key = keys[heap];
        Request r = items[heap];
        int epoch = epochs[heap];
        items[heap] = null;
        if (heap == 0) {
            return;
        }
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= heap) {
                break;
            }
            if (child + 1 < heap && keys[child + 1] < keys[child]) {
                child++;
            }
            if (keys[child] >= key) {
                break;
            }
            move(child, i);
            i = child;
        }
        keys[i] = key;
        items[i] = r;
        epochs[i] = epoch;
    }

    private void move(int from, int to) {
        keys[to] = keys[from];
        items[to] = items[from];
        epochs[to] = epochs[from];
    }
}
