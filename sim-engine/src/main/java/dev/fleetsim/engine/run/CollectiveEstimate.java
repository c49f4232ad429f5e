package dev.fleetsim.engine.run;

import dev.fleetsim.engine.network.collective.CollectiveCost;
import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.network.collective.CollectivePlan;
import dev.fleetsim.engine.network.collective.CollectivePlanner;
import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.collective.FlowCollectiveModel;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.Topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One collective on an idle cluster at a range of message sizes, as nccl-tests reports it: for
 * each size (doubling from {@code fromBytes} to {@code toBytes}) the time, the algorithm
 * bandwidth and the bus bandwidth, under the flow-level model the runs use. The ranks are the
 * first {@code ranksPerNode} GPUs of each of the first {@code gpus / ranksPerNode} nodes.
 *
 * @param algorithm the algorithm the model chose (or was told to use)
 * @param rows one per size
 */
public record CollectiveEstimate(String algorithm, List<Row> rows) {

    /** What to estimate. {@code algorithm} is {@code auto} or, for an all-reduce, ring, tree, nvls or hierarchical. */
    public record Request(ClusterSpec cluster, CollectiveKind kind, String algorithm, int gpus, int ranksPerNode,
                          long fromBytes, long toBytes) {
    }

    /** One size: the time and the bandwidths ({@code algbw = bytes / time}; {@code busbw} nccl-tests' bus factor). */
    public record Row(long bytes, double seconds, double algBwBytesPerS, double busBwBytesPerS) {
    }

    public CollectiveEstimate {
        rows = List.copyOf(rows);
    }

    /**
     * @throws IllegalArgumentException when the algorithm cannot run on these ranks (its message says why)
     */
    public static CollectiveEstimate of(Request r, Map<String, GpuSpec> catalogue) {
        Topology topology = Topology.build(r.cluster(), catalogue);
        NetworkGraph graph = NetworkGraph.build(topology, FabricLayout.of(topology));
        FlowCollectiveModel model = new FlowCollectiveModel(graph, CollectiveTuning.defaults());
        int gpusPerNode = r.cluster().nodeGroups().get(0).gpusPerNode();
        int[] group = new int[r.gpus()];
        for (int i = 0; i < group.length; i++) {
            group[i] = (i / r.ranksPerNode()) * gpusPerNode + i % r.ranksPerNode();
        }
        List<Row> rows = new ArrayList<>();
        String algorithm = null;
        for (long size = r.fromBytes(); size <= r.toBytes() && size > 0; size *= 2) {
            CollectivePlan plan = plan(model, r.kind(), r.algorithm().toLowerCase(Locale.ROOT), group, size);
            CollectiveCost c = model.cost(plan);
            algorithm = plan.algorithm();
            rows.add(new Row(size, c.seconds(), c.algBwBytesPerS(), c.busBwBytesPerS()));
        }
        return new CollectiveEstimate(algorithm, rows);
    }

    private static CollectivePlan plan(FlowCollectiveModel model, CollectiveKind kind, String a, int[] group, long bytes) {
        if (a.equals("auto") || kind != CollectiveKind.ALL_REDUCE) {
            return model.plan(kind, group, bytes, 0);
        }
        CollectivePlanner p = model.planner();
        switch (a) {
            case "ring":
                return p.ringAllReduce(group, bytes, 0);
            case "tree":
                return p.treeAllReduce(group, bytes, 0);
            case "nvls":
                return p.nvlsAllReduce(group, bytes, 0);
            case "hierarchical":
                return p.hierarchicalAllReduce(group, bytes, 0);
            default:
                throw new IllegalArgumentException("no all-reduce algorithm " + a + "; expected auto, ring, tree, nvls or "
                        + "hierarchical");
        }
    }

    /** The average bus bandwidth over the sizes, as nccl-tests' last line. */
    public double averageBusBwBytesPerS() {
        return rows.stream().mapToDouble(Row::busBwBytesPerS).average().orElse(0);
    }
}
