package dev.fleetsim.engine.network;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.Topology;

/**
 * Closed-form ring collectives on a {@link Topology}, each costed alone (no other traffic):
 * {@code time = steps × hopLatency + volume / bottleneckBandwidth}, where a ring all-reduce
 * moves {@code 2(n-1)/n·S} per rank in {@code 2(n-1)} steps and all-gather / reduce-scatter
 * move {@code (n-1)/n·S} in {@code n-1} steps (S as nccl-tests counts it: the per-rank buffer
 * of an all-reduce, the full gathered buffer of an all-gather / reduce-scatter).
 *
 * <p>The bottleneck is the slowest link a rank's ring traffic crosses, taken as NCCL lays a
 * multi-node ring out: members on one node are chained over NVLink, and the ring leaves and
 * enters each node once per channel, so the traffic crossing a node's NICs is one rank's ring
 * volume, not one per member. The exact rule, per node {@code i} holding {@code k_i} of the
 * {@code n} members:
 * <ul>
 * <li>intra-node, when {@code k_i ≥ 2}: {@code nvlinkBandwidthBytesPerS × efficiency.nvlink}
 *     (PCIe bandwidth instead when the GPU has no NVLink);</li>
 * <li>inter-node, when the group spans nodes: the group's share of the node's NICs, which
 *     follow their GPUs as on rail-optimised DGX/HGX nodes:
 *     {@code scaleOutBandwidth × efficiency.nic × k_i / gpusOnNode}; when the group also spans
 *     leaf switches this share is divided by the fabric oversubscription, i.e. the leaf
 *     up-links are assumed as loaded as the down-links (the worst case; the flow-level model
 *     replaces this with the real load);</li>
 * <li>bottleneck = minimum of the above over the nodes the group touches.</li>
 * </ul>
 * Hop latency is the fabric's NIC latency when the group spans nodes, else its NVLink latency.
 * With all eight GPUs of a DGX-A100 in the group this gives the measured 192 GB/s multi-node
 * bus bandwidth (8 × 25 GB/s × 0.96); a TP group split 4 + 4 over two DGX-A100 nodes gets half
 * the node's NICs (96 GB/s against 246 GB/s of NVLink), 2.6 times slower for large messages and
 * more for small ones, whose time is dominated by the NIC hop latency.
 *
 * <p>Cost is O(group size) with no allocation after the first call on a thread: per-node
 * member counts live in a per-thread scratch array that is reset as it is read.
 */
public final class AnalyticCollectiveModel implements CollectiveModel {

    private final Topology topology;
    private final double nicLatencyS;
    private final double nvlinkLatencyS;
    private final ThreadLocal<Scratch> scratch;

    public AnalyticCollectiveModel(Topology topology) {
        this.topology = topology;
        this.nicLatencyS = topology.fabric().nicLatencyNs() * 1e-9;
        this.nvlinkLatencyS = topology.fabric().nvlinkLatencyNs() * 1e-9;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(topology.nodeCount()));
    }

    public Topology topology() {
        return topology;
    }

    @Override
    public double allReduceSeconds(int[] group, long bytes) {
        int n = group.length;
        if (n <= 1 || bytes <= 0) {
            return 0.0;
        }
        double bw = busBandwidthBytesPerS(group);
        return 2.0 * (n - 1) * scratch.get().hopLatencyS + 2.0 * (n - 1) / n * bytes / bw;
    }

    @Override
    public double allGatherSeconds(int[] group, long bytes) {
        return halfRingSeconds(group, bytes);
    }

    @Override
    public double reduceScatterSeconds(int[] group, long bytes) {
        return halfRingSeconds(group, bytes);
    }

    @Override
    public double sendRecvSeconds(int srcGpu, int dstGpu, long bytes) {
        if (srcGpu == dstGpu || bytes <= 0) {
            return 0.0;
        }
        Topology.Node src = topology.nodeOfGpu(srcGpu);
        Topology.Node dst = topology.nodeOfGpu(dstGpu);
        if (src.index() == dst.index()) {
            return nvlinkLatencyS + bytes / intraNodeBandwidthBytesPerS(src.gpu());
        }
        // One GPU's share of each node's NICs; a cross-leaf path also pays the oversubscription.
        double bw = Math.min(nicShareBytesPerS(src, 1), nicShareBytesPerS(dst, 1));
        if (src.leaf() != dst.leaf()) {
            bw /= oversubscription();
        }
        return nicLatencyS + bytes / bw;
    }

    /**
     * All-to-all: every rank sends {@code bytes / n} to each of the other ranks at once. Per GPU
     * the share for peers on its node crosses NVLink, the share for the others its own NIC share
     * (every member of the group sends off the node at the same time, so each uses its own),
     * divided by the oversubscription when the group spans leaves; the slowest GPU sets the time,
     * plus one hop latency.
     */
    @Override
    public double allToAllSeconds(int[] group, long bytes) {
        int n = group.length;
        if (n <= 1 || bytes <= 0) {
            return 0.0;
        }
        busBandwidthBytesPerS(group);
        double hop = scratch.get().hopLatencyS;
        int[] counts = scratch.get().countsPerNode;
        int firstLeaf = topology.nodeOfGpu(group[0]).leaf();
        boolean spansLeaves = false;
        for (int gpu : group) {
            counts[topology.nodeOf(gpu)]++;
            spansLeaves |= topology.nodeOfGpu(gpu).leaf() != firstLeaf;
        }
        double worst = 0.0;
        for (int gpu : group) {
            Topology.Node node = topology.nodeOfGpu(gpu);
            int local = counts[node.index()];
            if (local == 0) {
                continue;
            }
            counts[node.index()] = 0;
            double perPeer = (double) bytes / n;
            double intra = local > 1 ? (local - 1) * perPeer / intraNodeBandwidthBytesPerS(node.gpu()) : 0.0;
            double nic = nicShareBytesPerS(node, 1) / (spansLeaves ? oversubscription() : 1.0);
            double inter = n > local ? (n - local) * perPeer / nic : 0.0;
            worst = Math.max(worst, Math.max(intra, inter));
        }
        return hop + worst;
    }

    /**
     * The per-rank ring bandwidth of a group's placement (the nccl-tests "bus bandwidth" the
     * model predicts), per the rule in the class comment; {@code +Infinity} for one GPU, 0 when
     * a spanned node has no NICs. Also records the group's hop latency for the caller.
     */
    public double busBandwidthBytesPerS(int[] group) {
        Scratch s = scratch.get();
        if (group.length == 0) {
            s.hopLatencyS = 0.0;
            return Double.POSITIVE_INFINITY;
        }
        int[] counts = s.countsPerNode;
        int[] touched = s.touched(group.length);
        int touchedCount = 0;
        for (int gpu : group) {
            int node = topology.nodeOf(gpu);
            if (counts[node]++ == 0) {
                touched[touchedCount++] = node;
            }
        }
        boolean spansNodes = touchedCount > 1;
        boolean spansLeaves = false;
        int firstLeaf = topology.node(touched[0]).leaf();
        for (int i = 1; i < touchedCount && !spansLeaves; i++) {
            spansLeaves = topology.node(touched[i]).leaf() != firstLeaf;
        }
        double bw = Double.POSITIVE_INFINITY;
        for (int i = 0; i < touchedCount; i++) {
            Topology.Node node = topology.node(touched[i]);
            int members = counts[node.index()];
            counts[node.index()] = 0;
            if (members > 1) {
                bw = Math.min(bw, intraNodeBandwidthBytesPerS(node.gpu()));
            }
            if (spansNodes) {
                double share = nicShareBytesPerS(node, members);
                bw = Math.min(bw, spansLeaves ? share / oversubscription() : share);
            }
        }
        s.hopLatencyS = spansNodes ? nicLatencyS : nvlinkLatencyS;
        return bw;
    }

    /** NVLink per direction × efficiency, or PCIe when the GPU has no NVLink. */
    public static double intraNodeBandwidthBytesPerS(GpuSpec gpu) {
        double link = gpu.nvlinkBandwidthBytesPerS() > 0 ? gpu.nvlinkBandwidthBytesPerS() : gpu.pcieBandwidthBytesPerS();
        return link * gpu.efficiency().nvlink();
    }

    private double halfRingSeconds(int[] group, long bytes) {
        int n = group.length;
        if (n <= 1 || bytes <= 0) {
            return 0.0;
        }
        double bw = busBandwidthBytesPerS(group);
        return (n - 1) * scratch.get().hopLatencyS + (double) (n - 1) / n * bytes / bw;
    }

    private static double nicShareBytesPerS(Topology.Node node, int members) {
        return node.scaleOutBandwidthBytesPerS() * node.gpu().efficiency().nic() * members / node.gpuCount();
    }

    private double oversubscription() {
        return Math.max(1.0, topology.fabric().oversubscription());
    }

    /** Per-thread working memory, so concurrent sweeps over one topology do not share counts. */
    private static final class Scratch {
        final int[] countsPerNode;
        int[] touchedNodes = new int[16];
        double hopLatencyS;

        Scratch(int nodes) {
            countsPerNode = new int[nodes];
        }

        int[] touched(int groupSize) {
            if (touchedNodes.length < groupSize) {
                touchedNodes = new int[Math.max(groupSize, 2 * touchedNodes.length)];
            }
            return touchedNodes;
        }
    }
}
