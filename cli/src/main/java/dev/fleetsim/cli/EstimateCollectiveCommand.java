package dev.fleetsim.cli;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.run.CollectiveEstimate;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.run.RunFootprint;
import dev.fleetsim.engine.scenario.CollectiveOptions;
import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code fleetsim estimate collective}: an nccl-tests-style table (size, time, algbw, busbw with
 * the nccl-tests bus-bandwidth factors) of one collective on an idle cluster of identical nodes,
 * costed by the flow-level network model. Ranks fill nodes in order, {@code gpus / nodes} on each.
 */
@Command(name = "collective", mixinStandardHelpOptions = true,
        description = "Print an nccl-tests-style table of a collective on an idle fabric.")
final class EstimateCollectiveCommand implements Callable<Integer> {
    private static final Map<String, CollectiveKind> OPS = ops();

    @Option(names = "--op", paramLabel = "OP",
            description = "allreduce, allgather, reducescatter, alltoall or sendrecv (default allreduce)")
    String op;

    @Option(names = "--gpus", paramLabel = "N", description = "ranks, 2 or more (default 8)")
    String gpus;

    @Option(names = "--gpu", paramLabel = "TYPE", description = "GPU type from the catalogue (default H100-SXM)")
    String gpuType;

    @Option(names = "--nodes", paramLabel = "N",
            description = "nodes the ranks are spread over (default: as few as hold them)")
    String nodes;

    @Option(names = "--gpus-per-node", paramLabel = "N", description = "GPUs in one node, 1 to 1024 (default 8)")
    String gpusPerNode;

    @Option(names = "--nic", paramLabel = "BANDWIDTH",
            description = "line rate of one NIC, 1 Gb/s to 100 Tb/s (default 400 Gb/s)")
    String nic;

    @Option(names = "--nics-per-node", paramLabel = "N",
            description = "NICs per node, 0 to 64 (default: one per GPU, at most 64)")
    String nicsPerNode;

    @Option(names = "--nodes-per-leaf", paramLabel = "N", description = "nodes under one leaf (default 4)")
    String nodesPerLeaf;

    @Option(names = "--oversubscription", paramLabel = "RATIO",
            description = "leaf oversubscription, 1 to 1000 (default 1)")
    String oversubscription;

    @Option(names = "--algo", paramLabel = "ALGO",
            description = "auto (NVLS on one NVLS node, else ring), ring, tree, nvls, hierarchical (default auto)")
    String algo;

    @Option(names = "--sizes", paramLabel = "FROM..TO",
            description = "FROM..TO in bytes, K/M/G/T = 1024-based, doubling, up to 1T (default 1M..8G)")
    String sizes;

    @Override
    public Integer call() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("--op", op);
        given.put("--gpus", gpus);
        given.put("--gpu", gpuType);
        given.put("--nodes", nodes);
        given.put("--gpus-per-node", gpusPerNode);
        given.put("--nic", nic);
        given.put("--nics-per-node", nicsPerNode);
        given.put("--nodes-per-leaf", nodesPerLeaf);
        given.put("--oversubscription", oversubscription);
        given.put("--algo", algo);
        given.put("--sizes", sizes);
        CollectiveOptions.Request r;
        try {
            r = CollectiveOptions.read(given, HardwareCatalog.defaults().keySet());
        } catch (ScenarioException e) {
            throw new UserError("estimate collective: " + e.problems().size() + " bad option"
                    + (e.problems().size() == 1 ? "" : "s") + ":\n" + e.format().indent(2).stripTrailing());
        }
        CollectiveKind kind = OPS.get(r.op());
        RunFootprint.Estimate footprint = RunFootprint.ofCollective(r.cluster(),
                CollectiveOptions.flows(r.op(), r.gpus()));
        List<Problem> tooLarge = RunFootprint.problems(footprint, 1, "--gpus", "fewer --gpus");
        if (!tooLarge.isEmpty()) {
            throw new UserError("estimate collective cannot run here:\n  "
                    + tooLarge.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
        }
        int perNode = r.ranksPerNode();
        CollectiveEstimate estimate;
        try {
            estimate = Fleetsim.create().estimateCollective(new CollectiveEstimate.Request(r.cluster(), kind,
                    kind == CollectiveKind.ALL_REDUCE ? r.algorithm() : "auto", r.gpus(), perNode, r.fromBytes(), r.toBytes()));
        } catch (IllegalArgumentException e) {
            throw new UserError("--algo: found " + Echo.quoted(r.algorithm()) + "; expected an algorithm these ranks can run ("
                    + e.getMessage() + ")");
        }
        String algorithm = estimate.algorithm();
        List<String> lines = new ArrayList<>();
        for (CollectiveEstimate.Row row : estimate.rows()) {
            lines.add(String.format(Locale.ROOT, "%14d %13d %7s %12.1f %12.2f %12.2f", row.bytes(), row.bytes() / 4, "float",
                    Finite.check("time", row.seconds()) * 1e6, Finite.check("algbw", row.algBwBytesPerS()) / 1e9,
                    Finite.check("busbw", row.busBwBytesPerS()) / 1e9));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "# %s on %d x %s: %d node(s), %d rank(s) a node, %d x %s NICs a node, "
                        + "%d nodes a leaf, %.3g:1 oversubscribed; algorithm %s; idle network, flow-level model%n",
                r.op(), r.gpus(), r.gpuType(), r.nodes(), perNode, r.nicsPerNode(), Echo.plain(r.nic()), r.nodesPerLeaf(),
                r.oversubscription(), algorithm));
        out.append(String.format(Locale.ROOT, "# %12s %13s %7s %12s %12s %12s%n", "size(B)", "count", "type", "time(us)",
                "algbw(GB/s)", "busbw(GB/s)"));
        for (String l : lines) {
            out.append(l).append('\n');
        }
        out.append(String.format(Locale.ROOT, "# Avg bus bandwidth    : %.2f%n", estimate.averageBusBwBytesPerS() / 1e9));
        System.out.print(out);
        return Main.EXIT_OK;
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
