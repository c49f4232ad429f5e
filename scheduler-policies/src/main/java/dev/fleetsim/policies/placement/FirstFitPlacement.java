package dev.fleetsim.policies.placement;

import dev.fleetsim.engine.cluster.ClusterView;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.topology.Topology;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * First fit at node granularity, as batch schedulers do it: a job that fits in one node goes
 * to the first node (in index order) with enough free GPUs; a larger job takes whole free nodes
 * first, in order, and only then the free GPUs of partly used nodes. GPU types are tried in the
 * job's feasible order. GPUs come back in node order, so tensor-parallel groups stay inside a
 * node whenever the node holds a whole group.
 */
public final class FirstFitPlacement implements PlacementStrategy {

    @Override
    public Optional<int[]> place(JobView job, ClusterView cluster, BitSet taken) {
        for (String type : job.feasibleGpuTypes()) {
            if (cluster.freeGpusOfType(type) - countTaken(cluster.topology(), taken, type) < job.gpus()) {
                continue;
            }
            Optional<int[]> found = placeOnType(job.gpus(), type, cluster, taken);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<int[]> placeOnType(int need, String type, ClusterView cluster, BitSet taken) {
        List<Topology.Node> nodes = cluster.topology().nodes();
        // The index finds the nodes with enough free GPUs in the cluster; GPUs promised earlier in
        // this round (few nodes) can still make one short, so each hit is checked and skipped past.
        for (int n = cluster.firstNodeWithFree(type, need, 0); n >= 0; n = cluster.firstNodeWithFree(type, need, n + 1)) {
            Topology.Node node = nodes.get(n);
            if (free(node, cluster, taken) >= need) {
                int[] out = new int[need];
                collect(node, cluster, taken, out, 0);
                return Optional.of(out);
            }
        }
        int[] out = new int[need];
        int filled = 0;
        for (int pass = 0; pass < 2 && filled < need; pass++) {
            for (int n = cluster.firstNodeWithFree(type, 1, 0); n >= 0 && filled < need;
                 n = cluster.firstNodeWithFree(type, 1, n + 1)) {
                Topology.Node node = nodes.get(n);
                int free = free(node, cluster, taken);
                boolean whole = free == node.gpuCount();
                if (free > 0 && (pass == 0) == whole) {
                    filled = collect(node, cluster, taken, out, filled);
                }
            }
        }
        return filled == need ? Optional.of(out) : Optional.empty();
    }

    private static int free(Topology.Node node, ClusterView cluster, BitSet taken) {
        return cluster.freeGpusOnNode(node.index()) - FreeGpus.takenOnNode(node, taken);
    }

    private static int collect(Topology.Node node, ClusterView cluster, BitSet taken, int[] out, int filled) {
        for (int g = node.firstGpu(); g < node.firstGpu() + node.gpuCount() && filled < out.length; g++) {
            if (cluster.isFree(g) && !taken.get(g)) {
                out[filled++] = g;
            }
        }
        return filled;
    }

    private static int countTaken(Topology topology, BitSet taken, String type) {
        int n = 0;
        for (int g = taken.nextSetBit(0); g >= 0; g = taken.nextSetBit(g + 1)) {
            if (topology.gpuSpecOf(g).name().equals(type)) {
                n++;
            }
        }
        return n;
    }
}
