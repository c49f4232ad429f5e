package dev.fleetsim.engine.network.graph;

import java.util.Arrays;

/** Growable columns of links used while a {@link NetworkGraph} is built. */
final class LinkTable {

    private int size;
    private int[] from = new int[1024];
    private int[] to = new int[1024];
    private byte[] kind = new byte[1024];
    private double[] capacity = new double[1024];
    private long[] latency = new long[1024];

    /** Appends one directed link and returns its id. */
    int add(int fromVertex, int toVertex, LinkKind linkKind, double capacityBytesPerS, long latencyNs) {
        if (!(capacityBytesPerS > 0)) {
            throw new IllegalArgumentException("link " + linkKind + " needs a positive capacity, was " + capacityBytesPerS);
        }
        if (size == from.length) {
            int n = size * 2;
            from = Arrays.copyOf(from, n);
            to = Arrays.copyOf(to, n);
            kind = Arrays.copyOf(kind, n);
            capacity = Arrays.copyOf(capacity, n);
            latency = Arrays.copyOf(latency, n);
        }
        from[size] = fromVertex;
        to[size] = toVertex;
        kind[size] = (byte) linkKind.ordinal();
        capacity[size] = capacityBytesPerS;
        latency[size] = latencyNs;
        return size++;
    }

    double capacityOf(int link) {
        return capacity[link];
    }

    int[] from() {
        return Arrays.copyOf(from, size);
    }

    int[] to() {
        return Arrays.copyOf(to, size);
    }

    byte[] kind() {
        return Arrays.copyOf(kind, size);
    }

    double[] capacity() {
        return Arrays.copyOf(capacity, size);
    }

    long[] latency() {
        return Arrays.copyOf(latency, size);
    }
}
