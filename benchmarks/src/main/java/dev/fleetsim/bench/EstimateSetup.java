package dev.fleetsim.bench;

import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The estimate benchmarks' job and placements: a dense Llama-3-70B job (TP 8, PP 8, DP
 * {@code gpus}/64, selective recompute, distributed optimizer) on DGX-H100 nodes (8 × 400 Gb/s,
 * 32 nodes a leaf, 4:1 oversubscribed leaves for the fragmented case). {@code block}: the first
 * {@code gpus} GPUs of a cluster of exactly that size. {@code fragmented}: a busy cluster twice
 * that size, the job given the free GPUs of nodes taken in random order, 2, 4, 6 or 8 of each
 * (other jobs hold the rest), each node's GPUs together in random order: partial nodes, leaves
 * interleaved, what a scheduler hands out on a fragmented cluster.
 */
final class EstimateSetup {

    final Topology topology;
    final TrainingJobSpec job;
    final int[] placement;

    EstimateSetup(int gpus, String kind) {
        boolean fragmented = kind.equals("fragmented");
        if (!fragmented && !kind.equals("block")) {
            throw new IllegalArgumentException("placement must be block or fragmented, not " + kind);
        }
        int nodes = fragmented ? gpus / 4 : gpus / 8;
        topology = Topology.build(new ClusterSpec(List.of(new NodeGroupSpec("dgx", "H100-SXM", nodes, 8, 8, 400e9 / 8)),
                new FabricSpec(32, fragmented ? 4.0 : 1.0, 5_000, 1_000)), HardwareCatalog.defaults());
        job = new TrainingJobSpec("bench", ModelCatalog.find("llama3-70b").orElseThrow(), Precision.BF16, gpus / 4, 1,
                new ParallelismSpec(8, 8, gpus / 64, 1), Recompute.SELECTIVE, 1, 1.0, true, 1, 0, "t", 0, Optional.empty());
        placement = fragmented ? fragmented(topology, gpus, new Random(42)) : inOrder(gpus);
    }

    private static int[] inOrder(int gpus) {
        int[] out = new int[gpus];
        for (int i = 0; i < gpus; i++) {
            out[i] = i;
        }
        return out;
    }

    private static int[] fragmented(Topology t, int gpus, Random random) {
        List<Integer> nodes = new ArrayList<>();
        for (int i = 0; i < t.nodeCount(); i++) {
            nodes.add(i);
        }
        Collections.shuffle(nodes, random);
        int[] out = new int[gpus];
        int n = 0;
        for (int node : nodes) {
            Topology.Node nd = t.node(node);
            List<Integer> local = new ArrayList<>();
            for (int k = 0; k < nd.gpuCount(); k++) {
                local.add(nd.firstGpu() + k);
            }
            Collections.shuffle(local, random);
            int free = 2 * (1 + random.nextInt(4));
            for (int k = 0; k < free && n < gpus; k++) {
                out[n++] = local.get(k);
            }
            if (n == gpus) {
                return out;
            }
        }
        throw new IllegalStateException("the cluster has too few free GPUs for " + gpus);
    }
}
