package dev.fleetsim.engine.network.collective;

/**
 * One phase of a collective: flows that run at the same time, and the latency term. The phase
 * ends when its slowest flow has moved its bytes; on top of that come {@code steps} algorithm
 * steps of {@code alphaPerStepNs} each (path latency plus the per-step overhead). Arrays are
 * parallel and indexed by flow; paths are link ids of the {@code NetworkGraph}.
 *
 * @param paths link ids of each flow
 * @param bytes bytes each flow carries
 * @param demandCapsBytesPerS rate cap of each flow ({@code FlowNetwork.UNCAPPED} for none)
 * @param steps sequential algorithm steps, each paying the alpha term
 * @param alphaPerStepNs latency of one step
 */
public record CollectivePhase(int[][] paths, double[] bytes, double[] demandCapsBytesPerS, int steps,
                              long alphaPerStepNs) {

    public CollectivePhase {
        if (paths.length != bytes.length || paths.length != demandCapsBytesPerS.length) {
            throw new IllegalArgumentException("paths, bytes and demand caps must have one entry per flow");
        }
    }

    /** Phases that run at the same time, as one: their flows together, the largest steps and alpha. */
    static CollectivePhase concurrent(java.util.List<CollectivePhase> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int n = 0;
        int steps = 0;
        long alpha = 0;
        for (CollectivePhase p : parts) {
            n += p.flowCount();
            steps = Math.max(steps, p.steps());
            alpha = Math.max(alpha, p.alphaPerStepNs());
        }
        int[][] paths = new int[n][];
        double[] bytes = new double[n];
        double[] caps = new double[n];
        int at = 0;
        for (CollectivePhase p : parts) {
            int k = p.flowCount();
            System.arraycopy(p.paths(), 0, paths, at, k);
            System.arraycopy(p.bytes(), 0, bytes, at, k);
            System.arraycopy(p.demandCapsBytesPerS(), 0, caps, at, k);
            at += k;
        }
        return new CollectivePhase(paths, bytes, caps, steps, alpha);
    }

    /** The time until the slowest flow has moved its bytes at these rates, without the alpha term. */
    public double transferSeconds(double[] ratesBytesPerS) {
        double transfer = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] > 0) {
                transfer = Math.max(transfer, bytes[i] / ratesBytesPerS[i]);
            }
        }
        return transfer;
    }

    public int flowCount() {
        return paths.length;
    }

    /** The phase's duration given each flow's rate (bytes/s), in seconds. */
    public double seconds(double[] ratesBytesPerS) {
        return transferSeconds(ratesBytesPerS) + alphaSeconds();
    }

    /** The latency term: {@code steps × alphaPerStepNs}. */
    public double alphaSeconds() {
        return steps * (alphaPerStepNs * 1e-9);
    }
}
