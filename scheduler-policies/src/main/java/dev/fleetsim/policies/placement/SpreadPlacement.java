package dev.fleetsim.policies.placement;

import dev.fleetsim.engine.cluster.ClusterView;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.topology.Topology;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Spread (worst fit): balance load over nodes, as for power and thermal headroom or to keep
 * partial nodes for small jobs. A job that fits in one node goes to the node with the most free
 * GPUs; a larger job is dealt out round-robin over the least loaded nodes, one tensor-parallel
 * group at a time, so a TP group still stays inside a node; if the free GPUs cannot hold whole
 * groups it is dealt out one GPU at a time. Ties go to the lower node index.
 */
public final class SpreadPlacement implements PlacementStrategy {

    @Override
    public Optional<int[]> place(JobView job, ClusterView cluster, BitSet taken) {
        for (String type : job.feasibleGpuTypes()) {
            if (FreeGpus.ofType(type, cluster, taken) < job.gpus()) {
                continue;
            }
            List<Topology.Node> nodes = new ArrayList<>(FreeGpus.nodesOfType(type, cluster, taken));
            nodes.sort(Comparator.comparingInt((Topology.Node n) -> -FreeGpus.onNode(n, cluster, taken))
                    .thenComparingInt(Topology.Node::index));
            Topology.Node emptiest = nodes.get(0);
            if (FreeGpus.onNode(emptiest, cluster, taken) >= job.gpus()) {
                int[] out = new int[job.gpus()];
                FreeGpus.collect(emptiest, cluster, taken, out, 0, job.gpus());
                return Optional.of(out);
            }
            int tp = job.gpusPerGroup();
            Optional<int[]> dealt = deal(job.gpus(), tp, nodes, cluster, taken);
            if (dealt.isEmpty() && tp > 1) {
                dealt = deal(job.gpus(), 1, nodes, cluster, taken);
            }
            if (dealt.isPresent()) {
                return dealt;
            }
        }
        return Optional.empty();
    }

    /** Round-robin in units of {@code unit} GPUs over {@code nodes} (in order), while a node holds a whole unit. */
    private static Optional<int[]> deal(int need, int unit, List<Topology.Node> nodes, ClusterView cluster, BitSet taken) {
        if (need % unit != 0) {
            return Optional.empty();
        }
        int[] left = new int[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            left[i] = FreeGpus.onNode(nodes.get(i), cluster, taken);
        }
        int[] units = new int[nodes.size()];
        int assigned = 0;
        boolean progress = true;
        while (assigned < need && progress) {
            progress = false;
            for (int i = 0; i < nodes.size() && assigned < need; i++) {
                if (left[i] >= unit) {
                    left[i] -= unit;
                    units[i]++;
                    assigned += unit;
                    progress = true;
                }
            }
        }
        if (assigned < need) {
            return Optional.empty();
        }
        int[] out = new int[need];
        int filled = 0;
        for (int i = 0; i < nodes.size(); i++) {
            filled = FreeGpus.collect(nodes.get(i), cluster, taken, out, filled, units[i] * unit);
        }
        return Optional.of(out);
    }
}
