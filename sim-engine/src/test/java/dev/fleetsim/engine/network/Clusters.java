package dev.fleetsim.engine.network;

import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;

import java.util.List;
import java.util.Map;

/** Small cluster fixtures for the network tests, built from the shipped hardware catalogue. */
public final class Clusters {

    public static final Map<String, GpuSpec> CATALOGUE = HardwareCatalog.defaults();
    /** 400 Gb/s and 200 Gb/s NICs in bytes/s. */
    public static final double NDR_BYTES_PER_S = 400e9 / 8;
    public static final double HDR_BYTES_PER_S = 200e9 / 8;
    public static final long NIC_LATENCY_NS = 2_000;
    public static final long NVLINK_LATENCY_NS = 1_000;

    private Clusters() {
    }

    public static GpuSpec gpu(String name) {
        return CATALOGUE.get(name);
    }

    /** {@code nodes} DGX-like nodes of one GPU type, 8 GPUs and 8 NICs each. */
    public static NetworkGraph dgx(String gpuType, int nodes, double nicBytesPerS, int nodesPerLeaf,
                                   double oversubscription, FabricLayout layout) {
        return graph(List.of(new NodeGroupSpec("dgx", gpuType, nodes, 8, 8, nicBytesPerS)),
                nodesPerLeaf, oversubscription, layout);
    }

    public static NetworkGraph graph(List<NodeGroupSpec> groups, int nodesPerLeaf, double oversubscription,
                                     FabricLayout layout) {
        ClusterSpec spec = new ClusterSpec(groups,
                new FabricSpec(nodesPerLeaf, oversubscription, NIC_LATENCY_NS, NVLINK_LATENCY_NS));
        return NetworkGraph.build(Topology.build(spec, CATALOGUE), layout);
    }

    public static int[] range(int from, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = from + i;
        }
        return out;
    }

    /**
     * The first {@code size} of {@code 0..n-1} after a partial Fisher-Yates shuffle with {@code rnd}: a random
     * group of distinct ids (GPUs, links), drawn the same way by every test that needs one.
     */
    public static int[] randomSubset(java.util.SplittableRandom rnd, int n, int size) {
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        for (int j = 0; j < size; j++) {
            int m = j + rnd.nextInt(n - j);
            int t = all[j];
            all[j] = all[m];
            all[m] = t;
        }
        return java.util.Arrays.copyOf(all, size);
    }
}
