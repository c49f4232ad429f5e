package dev.fleetsim.cli;

import dev.fleetsim.engine.network.collective.CollectiveCost;
import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.network.collective.CollectivePlan;
import dev.fleetsim.engine.network.collective.CollectivePlanner;
import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.collective.FlowCollectiveModel;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.scenario.Units;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code fleetsim estimate collective}: an nccl-tests-style table (size, time, algbw, busbw with
 * the nccl-tests bus-bandwidth factors) of one collective on an idle cluster of identical nodes,
 * costed by the flow-level network model. Ranks fill nodes in order, {@code gpus / nodes} on each.
 */
@Command(name = "collective", mixinStandardHelpOptions = true,
        description = "Print an nccl-tests-style table of a collective on an idle fabric.")
final class EstimateCollectiveCommand implements Callable<Integer> {
    private static final Pattern SIZE = Pattern.compile("(?i)^\\s*([0-9]+)\\s*([KMGT]?)B?\\s*$");
    private static final Map<String, CollectiveKind> OPS = ops();

    @Option(names = "--op", defaultValue = "allreduce",
            description = "allreduce, allgather, reducescatter, alltoall or sendrecv (default ${DEFAULT-VALUE})")
    String op;

    @Option(names = "--gpus", defaultValue = "8", description = "ranks (default ${DEFAULT-VALUE})")
    int gpus;

    @Option(names = "--gpu", defaultValue = "H100-SXM", description = "GPU type from the catalogue (default ${DEFAULT-VALUE})")
    String gpuType;

    @Option(names = "--nodes", description = "nodes the ranks are spread over (default: as few as hold them)")
    Integer nodes;

    @Option(names = "--gpus-per-node", defaultValue = "8", description = "GPUs in one node (default ${DEFAULT-VALUE})")
    int gpusPerNode;

    @Option(names = "--nic", defaultValue = "400 Gb/s", description = "line rate of one NIC (default ${DEFAULT-VALUE})")
    String nic;

    @Option(names = "--nics-per-node", description = "NICs per node (default: one per GPU)")
    Integer nicsPerNode;

    @Option(names = "--nodes-per-leaf", defaultValue = "4", description = "nodes under one leaf (default ${DEFAULT-VALUE})")
    int nodesPerLeaf;

    @Option(names = "--oversubscription", defaultValue = "1", description = "leaf oversubscription (default ${DEFAULT-VALUE})")
    double oversubscription;

    @Option(names = "--algo", defaultValue = "auto",
            description = "auto (NVLS on one NVLS node, else ring), ring, tree, nvls, hierarchical (default ${DEFAULT-VALUE})")
    String algo;

    @Option(names = "--sizes", defaultValue = "1M..8G", description = "FROM..TO in bytes, K/M/G = 1024-based, doubling (default ${DEFAULT-VALUE})")
    String sizes;

    @Override
    public Integer call() {
        CollectiveKind kind = OPS.get(op.toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw new UserError("--op: found " + op + "; expected one of " + String.join(", ", OPS.keySet()));
        }
        GpuSpec gpu = HardwareCatalog.defaults().get(gpuType);
        if (gpu == null) {
            throw new UserError("--gpu: found " + gpuType + "; expected one of " + String.join(", ", HardwareCatalog.defaults().keySet()));
        }
        if (gpus < 2 || gpusPerNode < 1 || nodesPerLeaf < 1 || !(oversubscription >= 1)) {
            throw new UserError("--gpus must be at least 2, --gpus-per-node and --nodes-per-leaf at least 1, "
                    + "--oversubscription at least 1; found " + gpus + ", " + gpusPerNode + ", " + nodesPerLeaf + ", " + oversubscription);
        }
        int nodeCount = nodes != null ? nodes : (gpus + gpusPerNode - 1) / gpusPerNode;
        if (nodeCount < 1 || gpus % nodeCount != 0 || gpus / nodeCount > gpusPerNode) {
            throw new UserError("--nodes: found " + nodeCount + "; expected a divisor of --gpus " + gpus
                    + " leaving at most " + gpusPerNode + " ranks a node");
        }
        if (kind == CollectiveKind.SEND_RECV && gpus != 2) {
            throw new UserError("--gpus: found " + gpus + "; sendrecv runs between exactly 2 ranks");
        }
        double nicBytesPerS;
        try {
            nicBytesPerS = Units.bandwidthBytesPerS(nic);
        } catch (IllegalArgumentException e) {
            throw new UserError("--nic: found " + nic + "; expected " + Units.BANDWIDTH_UNITS);
        }
        long[] range = sizeRange(sizes);
        int nics = nicsPerNode != null ? nicsPerNode : gpusPerNode;
        ClusterSpec cluster = new ClusterSpec(List.of(new NodeGroupSpec("n", gpuType, nodeCount, gpusPerNode, nics, nicBytesPerS)),
                new FabricSpec(nodesPerLeaf, oversubscription, 5_000, 1_000));
        Topology topology = Topology.build(cluster, HardwareCatalog.defaults());
        NetworkGraph graph = NetworkGraph.build(topology, FabricLayout.of(topology));
        FlowCollectiveModel model = new FlowCollectiveModel(graph, CollectiveTuning.defaults());
        int perNode = gpus / nodeCount;
        int[] group = new int[gpus];
        for (int i = 0; i < gpus; i++) {
            group[i] = (i / perNode) * gpusPerNode + i % perNode;
        }
        List<String> lines = new ArrayList<>();
        String algorithm = null;
        double busSum = 0;
        int rows = 0;
        for (long size = range[0]; size <= range[1]; size *= 2) {
            CollectivePlan plan = plan(model, kind, group, size);
            CollectiveCost c = model.cost(plan);
            algorithm = plan.algorithm();
            lines.add(String.format(Locale.ROOT, "%14d %13d %7s %12.1f %12.2f %12.2f", size, size / 4, "float",
                    c.seconds() * 1e6, c.algBwBytesPerS() / 1e9, c.busBwBytesPerS() / 1e9));
            busSum += c.busBwBytesPerS() / 1e9;
            rows++;
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "# %s on %d x %s: %d node(s), %d rank(s) a node, %d x %s NICs a node, "
                        + "%d nodes a leaf, %.3g:1 oversubscribed; algorithm %s; idle network, flow-level model%n",
                op.toLowerCase(Locale.ROOT), gpus, gpuType, nodeCount, perNode, nics, nic, nodesPerLeaf, oversubscription, algorithm));
        out.append(String.format(Locale.ROOT, "# %12s %13s %7s %12s %12s %12s%n", "size(B)", "count", "type", "time(us)",
                "algbw(GB/s)", "busbw(GB/s)"));
        for (String l : lines) {
            out.append(l).append('\n');
        }
        out.append(String.format(Locale.ROOT, "# Avg bus bandwidth    : %.2f%n", busSum / rows));
        System.out.print(out);
        return Main.EXIT_OK;
    }

    private CollectivePlan plan(FlowCollectiveModel model, CollectiveKind kind, int[] group, long bytes) {
        CollectivePlanner p = model.planner();
        String a = algo.toLowerCase(Locale.ROOT);
        if (a.equals("auto") || kind != CollectiveKind.ALL_REDUCE) {
            if (!a.equals("auto") && !a.equals("ring")) {
                throw new UserError("--algo: found " + algo + "; only allreduce has algorithms besides ring");
            }
            return model.plan(kind, group, bytes, 0);
        }
        try {
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
                    throw new UserError("--algo: found " + algo + "; expected auto, ring, tree, nvls or hierarchical");
            }
        } catch (IllegalArgumentException e) {
            throw new UserError("--algo " + algo + ": " + e.getMessage());
        }
    }

    /** {@code FROM..TO} (or one size) in bytes with 1024-based K/M/G/T suffixes, as nccl-tests' -b/-e. */
    static long[] sizeRange(String text) {
        String[] parts = text.split("\\.\\.", -1);
        if (parts.length > 2) {
            throw new UserError("--sizes: found " + text + "; expected FROM..TO such as 1M..8G");
        }
        long from = size(parts[0], text);
        long to = parts.length == 2 ? size(parts[1], text) : from;
        if (to < from) {
            throw new UserError("--sizes: found " + text + "; expected FROM no larger than TO");
        }
        return new long[] {from, to};
    }

    private static long size(String part, String whole) {
        Matcher m = SIZE.matcher(part);
        if (!m.matches()) {
            throw new UserError("--sizes: found " + whole + "; expected FROM..TO such as 1M..8G (sizes in bytes, K/M/G/T = 1024-based)");
        }
        int shift = m.group(2).isEmpty() ? 0 : "KMGT".indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1;
        long value = Long.parseLong(m.group(1)) << (10 * shift);
        if (value < 1 || value > (1L << 40)) {
            throw new UserError("--sizes: found " + whole + "; expected sizes from 1 B to 1T");
        }
        return value;
    }

    private static Map<String, CollectiveKind> ops() {
        Map<String, CollectiveKind> m = new LinkedHashMap<>();
        m.put("allreduce", CollectiveKind.ALL_REDUCE);
        m.put("allgather", CollectiveKind.ALL_GATHER);
        m.put("reducescatter", CollectiveKind.REDUCE_SCATTER);
        m.put("alltoall", CollectiveKind.ALL_TO_ALL);
        m.put("sendrecv", CollectiveKind.SEND_RECV);
        return m;
    }
}
