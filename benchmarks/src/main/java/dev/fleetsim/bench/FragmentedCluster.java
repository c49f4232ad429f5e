package dev.fleetsim.bench;

import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The network benchmarks' cluster: 2,048 DGX-H100 nodes (16,384 GPUs, 8 × 400 Gb/s NICs), 16
 * nodes a leaf, 128 spines, and a pool of free nodes handed out at random so that jobs land on
 * fragmented placements, as they do on a busy cluster.
 */
final class FragmentedCluster {
    static final int NODES = 2048;

    final NetworkGraph graph;
    private final SplittableRandom rnd;
    private final List<Integer> freeNodes = new ArrayList<>();

    FragmentedCluster(double leafOversubscription, long seed) {
        ClusterSpec spec = new ClusterSpec(List.of(new NodeGroupSpec("dgx", "H100-SXM", NODES, 8, 8, 400e9 / 8)),
                new FabricSpec(16, leafOversubscription, 5_000, 1_000).withTiers(FabricSpec.Kind.LEAF_SPINE, 128, Optional.empty()));
        Topology topology = Topology.build(spec, HardwareCatalog.defaults());
        graph = NetworkGraph.build(topology, FabricLayout.of(topology));
        rnd = new SplittableRandom(seed);
        for (int n = 0; n < NODES; n++) {
            freeNodes.add(n);
        }
        shuffle();
    }

    SplittableRandom random() {
        return rnd;
    }

    /** A job of 1, 2 or 4 random free nodes (8, 16, 32 GPUs) in proportions 50/30/20 %, sorted. */
    int[] takeJobNodes() {
        int p = rnd.nextInt(10);
        int count = p < 5 ? 1 : p < 8 ? 2 : 4;
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = freeNodes.remove(freeNodes.size() - 1);
        }
        Arrays.sort(out);
        return out;
    }

    /** Returns a job's nodes to the pool, reshuffled. */
    void release(int[] nodes) {
        for (int n : nodes) {
            freeNodes.add(n);
        }
        shuffle();
    }

    /** All GPUs of the nodes, node by node. */
    static int[] gpusOf(int[] nodes) {
        int[] gpus = new int[nodes.length * 8];
        for (int i = 0; i < nodes.length; i++) {
            for (int k = 0; k < 8; k++) {
                gpus[i * 8 + k] = nodes[i] * 8 + k;
            }
        }
        return gpus;
    }

    private void shuffle() {
        for (int i = freeNodes.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            freeNodes.set(i, freeNodes.set(j, freeNodes.get(i)));
        }
    }
}
