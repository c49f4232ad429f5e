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
 * Best fit, or consolidation: a job that fits in one node goes to the tightest node that holds
 * it (fewest free GPUs left over), so that whole nodes stay free for large jobs; a larger job
 * takes the fewest nodes, fullest-free first, with its last part on the tightest node that holds
 * that remainder. Ties go to the lower node index. GPUs come back node by node.
 */
public final class BestFitPlacement implements PlacementStrategy {

    @Override
    public Optional<int[]> place(JobView job, ClusterView cluster, BitSet taken) {
        for (String type : job.feasibleGpuTypes()) {
            if (FreeGpus.ofType(type, cluster, taken) < job.gpus()) {
                continue;
            }
            Optional<int[]> found = placeOnType(job.gpus(), FreeGpus.nodesOfType(type, cluster, taken), cluster, taken);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<int[]> placeOnType(int need, List<Topology.Node> nodes, ClusterView cluster, BitSet taken) {
        Topology.Node tightest = tightestHolding(need, nodes, cluster, taken);
        if (tightest != null) {
            int[] out = new int[need];
            FreeGpus.collect(tightest, cluster, taken, out, 0, need);
            return Optional.of(out);
        }
        List<Topology.Node> byFreeDesc = new ArrayList<>(nodes);
        byFreeDesc.sort(Comparator.comparingInt((Topology.Node n) -> -FreeGpus.onNode(n, cluster, taken))
                .thenComparingInt(Topology.Node::index));
        List<Topology.Node> chosen = new ArrayList<>();
        int covered = 0;
        for (Topology.Node n : byFreeDesc) {
            if (covered >= need) {
                break;
            }
            chosen.add(n);
            covered += FreeGpus.onNode(n, cluster, taken);
        }
        if (covered < need) {
            return Optional.empty();
        }
        // The last node only holds the remainder: the tightest unchosen (or itself) that holds it.
        Topology.Node last = chosen.remove(chosen.size() - 1);
        int remainder = need - (covered - FreeGpus.onNode(last, cluster, taken));
        List<Topology.Node> rest = new ArrayList<>(byFreeDesc.subList(chosen.size(), byFreeDesc.size()));
        Topology.Node forRemainder = tightestHolding(remainder, rest, cluster, taken);
        chosen.add(forRemainder);
        chosen.sort(Comparator.comparingInt(Topology.Node::index));
        int[] out = new int[need];
        int filled = 0;
        for (Topology.Node n : chosen) {
            filled = FreeGpus.collect(n, cluster, taken, out, filled, n == forRemainder ? remainder : n.gpuCount());
        }
        return Optional.of(out);
    }

    /** The node with the fewest usable GPUs that still holds {@code need}, or null. */
    private static Topology.Node tightestHolding(int need, List<Topology.Node> nodes, ClusterView cluster, BitSet taken) {
        Topology.Node best = null;
        int bestFree = Integer.MAX_VALUE;
        for (Topology.Node n : nodes) {
            int free = FreeGpus.onNode(n, cluster, taken);
            if (free >= need && free < bestFree) {
                best = n;
                bestFree = free;
            }
        }
        return best;
    }
}
