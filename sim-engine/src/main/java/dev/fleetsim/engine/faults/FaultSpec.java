package dev.fleetsim.engine.faults;

/**
 * Hardware failures a run draws: each GPU, node (host, maintenance, software) and scale-out
 * link fails after an exponentially distributed time of the given mean. A failure takes its
 * node out of service until it is repaired; the jobs on it are interrupted as a preemption is
 * (the work since their last checkpoint lost, a restart when they run again). The defaults are
 * Llama 3's 54 days on 16,384 H100 GPUs ({@link #LLAMA3}).
 *
 * @param gpuMtbfNs mean time between failures of one GPU
 * @param nodeMtbfNs of one node's host (CPU, memory, power, software, maintenance)
 * @param linkMtbfNs of one node's scale-out connectivity (NIC, cable, switch port); counted only for nodes with NICs
 * @param gpuRepairNs time a node with a failed GPU is out of service
 * @param nodeRepairNs time a node with a failed host is out
 * @param linkRepairNs time a node with a failed link is out
 */
public record FaultSpec(long gpuMtbfNs, long nodeMtbfNs, long linkMtbfNs, long gpuRepairNs, long nodeRepairNs,
                        long linkRepairNs) {

    static final long HOUR_NS = 3_600_000_000_000L;

    /**
     * Llama 3 (Dubey et al. 2024, sec. 3.3.4, Table 5; validation/reference/reliability.json):
     * 419 unexpected interruptions in 54 days on 16,384 GPUs in 2,048 nodes of 8. By cause: GPU
     * (faulty GPU, HBM3, SRAM, system processor, SDC, thermal) 268, so one GPU fails every
     * 16,384 × 1,296 h / 268 = 79,230 h; host, unplanned maintenance, software and unknown
     * 21 + 32 + 56 + 7 = 116, one node every 2,048 × 1,296 h / 116 = 22,881 h; network switch
     * and cable 35, one node's links every 75,834 h. A node of 8 GPUs then fails every 6,335 h,
     * and the 2,048 nodes every 3.09 h (419 in 54 days). Repair times are not published: 24 h
     * for a GPU swap, 4 h for a host and 2 h for a link are assumptions.
     */
    public static final FaultSpec LLAMA3 = new FaultSpec(79_230 * HOUR_NS, 22_881 * HOUR_NS, 75_834 * HOUR_NS,
            24 * HOUR_NS, 4 * HOUR_NS, 2 * HOUR_NS);

    /** No failures (a scenario without a {@code faults} section). */
    public static final FaultSpec NONE = new FaultSpec(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, 0, 0, 0);

    public FaultSpec {
        if (gpuMtbfNs <= 0 || nodeMtbfNs <= 0 || linkMtbfNs <= 0 || gpuRepairNs < 0 || nodeRepairNs < 0 || linkRepairNs < 0) {
            throw new IllegalArgumentException("MTBFs > 0 and repair times ≥ 0");
        }
    }

    public boolean enabled() {
        return !equals(NONE);
    }

    /** Failures per nanosecond of one node of {@code gpus} GPUs, by cause (gpu, node, link). */
    public double[] ratesPerNs(int gpus, boolean hasNics) {
        return new double[] {rate(gpuMtbfNs) * gpus, rate(nodeMtbfNs), hasNics ? rate(linkMtbfNs) : 0};
    }

    /** Repair time by cause, in the order of {@link #ratesPerNs}. */
    public long[] repairNs() {
        return new long[] {gpuRepairNs, nodeRepairNs, linkRepairNs};
    }

    /** A node's mean time between failures. */
    public double nodeMtbfNs(int gpus, boolean hasNics) {
        double[] r = ratesPerNs(gpus, hasNics);
        return 1 / (r[0] + r[1] + r[2]);
    }

    private static double rate(long mtbfNs) {
        return mtbfNs == Long.MAX_VALUE ? 0 : 1.0 / mtbfNs;
    }
}
