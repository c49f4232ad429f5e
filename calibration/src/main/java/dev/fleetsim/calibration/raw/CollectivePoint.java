package dev.fleetsim.calibration.raw;

/**
 * One NCCL collective at one size, in nccl-tests' terms.
 *
 * @param where file and line
 * @param op {@code allReduce}, {@code allGather}, {@code reduceScatter}, {@code allToAll} or {@code sendRecv}
 * @param scope {@code intraNode} or {@code interNode}
 * @param ranks GPUs in the communicator
 * @param nodes nodes they span
 * @param bytes nccl-tests' size column
 * @param timeS time of one operation
 */
public record CollectivePoint(String where, String op, String scope, int ranks, int nodes, long bytes, double timeS)
        implements Measurement {

    /** nccl-tests' bus-bandwidth factor: 2(n-1)/n for all-reduce, (n-1)/n for gather/scatter/all-to-all, 1 for send/receive. */
    public static double busFactor(String op, int ranks) {
        if (op.equals("allReduce")) {
            return 2.0 * (ranks - 1) / ranks;
        }
        if (op.equals("sendRecv")) {
            return 1.0;
        }
        return (ranks - 1) / (double) ranks;
    }

    public double algBandwidthBytesPerS() {
        return bytes / timeS;
    }

    public double busBandwidthBytesPerS() {
        return algBandwidthBytesPerS() * busFactor(op, ranks);
    }
}
