package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.scenario.ClusterKeys.Fabric;
import dev.fleetsim.engine.scenario.ClusterKeys.NodeGroup;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of {@code fleetsim estimate collective} read as scenario values are: each
 * through the type its scenario key declares ({@code --nic} is a node group's
 * {@code nicBandwidth}, {@code --oversubscription} the fabric's), so the same bounds and the
 * same messages apply, with the option as the path ({@code --nic: found "0 Gb/s"; expected
 * from 1 Gb/s to 100 Tb/s: ...}). Every problem is reported at once, and nothing is built
 * unless all are right.
 */
public final class CollectiveOptions {

    /** The collectives, as {@code --op} names them. */
    public static final List<String> OPS = List.of("allreduce", "allgather", "reducescatter", "alltoall", "sendrecv");
    /** The all-reduce algorithms, as {@code --algo} names them; other collectives take auto or ring. */
    public static final List<String> ALGORITHMS = List.of("auto", "ring", "tree", "nvls", "hierarchical");
    /** The most flows a table may solve, summed over its rows: about a minute of work. */
    public static final long MAX_FLOW_ROWS = 4_000_000;
    /** The largest message: 1 TiB. */
    public static final long MAX_BYTES = 1L << 40;

    private static final Pattern SIZE = Pattern.compile("(?i)^\\s*([0-9]{1,13})\\s*([KMGT]?)B?\\s*$");
    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?");

    /**
     * A validated request: the collective, its ranks and the idle cluster they run on.
     *
     * @param op one of {@link #OPS}
     * @param algorithm one of {@link #ALGORITHMS}
     * @param ranksPerNode ranks on each node ({@code gpus / nodes}), filling nodes in order
     */
    public record Request(String op, int gpus, String gpuType, int nodes, int ranksPerNode, int gpusPerNode,
                          int nicsPerNode, String nic, int nodesPerLeaf, double oversubscription, String algorithm,
                          long fromBytes, long toBytes, ClusterSpec cluster) {
    }

    private CollectiveOptions() {
    }

    /**
     * Reads the options; {@code given} maps an option ({@code --gpus}) to its text, absent or
     * null when not given; {@code gpuTypes} are the catalogue's types in order.
     */
    public static Request read(Map<String, String> given, Set<String> gpuTypes) throws ScenarioException {
        ProblemList problems = new ProblemList();
        Map<String, Cursor> at = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (e.getValue() != null) {
                at.put(e.getKey(), Cursor.option(scalar(e.getValue()), e.getKey(), problems));
            }
        }
        String op = choice(at.get("--op"), OPS, "allreduce");
        Long gpus = at.containsKey("--gpus") ? at.get("--gpus").integer(2, ClusterKeys.MAX_CLUSTER_GPUS) : Long.valueOf(8);
        String gpuType = gpuType(at.get("--gpu"), gpuTypes);
        Integer gpusPerNode = read(at.get("--gpus-per-node"), NodeGroup.GPUS_PER_NODE.type(), 8);
        Double nicBytesPerS = read(at.get("--nic"), NodeGroup.NIC_BANDWIDTH.type(), 400e9 / 8);
        Integer nodesPerLeaf = read(at.get("--nodes-per-leaf"), Fabric.NODES_PER_LEAF.type(), 4);
        Double oversubscription = read(at.get("--oversubscription"), Fabric.OVERSUBSCRIPTION.type(), 1.0);
        String algorithm = choice(at.get("--algo"), ALGORITHMS, "auto");
        long[] sizes = sizes(at.get("--sizes"));
        Long nodes = null;
        if (gpus != null && gpusPerNode != null) {
            nodes = nodes(at.get("--nodes"), at.get("--gpus"), gpus, gpusPerNode, problems);
        }
        Integer nics = null;
        if (gpusPerNode != null) {
            nics = read(at.get("--nics-per-node"), NodeGroup.NICS_PER_NODE.type(), Math.min(gpusPerNode, 64));
        }
        if (nics != null && nics == 0 && nodes != null && nodes > 1) {
            Cursor c = at.get("--nics-per-node");
            c.problem(c.found(), "at least 1: the ranks span " + nodes + " nodes, which talk over NICs");
        }
        if (op != null && gpus != null && op.equals("sendrecv") && gpus != 2) {
            Cursor c = orDefault(at, "--gpus", "8", problems);
            c.problem(c.found(), "2: sendrecv runs between exactly 2 ranks");
        }
        if (op != null && algorithm != null && !op.equals("allreduce") && !List.of("auto", "ring").contains(algorithm)) {
            Cursor c = at.get("--algo");
            c.problem(c.found(), "auto or ring: only allreduce has algorithms besides ring");
        }
        if (op != null && gpus != null && problems.isEmpty()) {
            long rows = 64 - Long.numberOfLeadingZeros(sizes[1] / sizes[0]);
            long work = flows(op, gpus) * rows;
            if (work > MAX_FLOW_ROWS) {
                Cursor c = orDefault(at, "--gpus", "8", problems);
                c.problem(c.found() + String.format(Locale.ROOT, " (%s: %,d flows in each of %d sizes)", op, flows(op, gpus),
                        rows), String.format(Locale.ROOT, "at most %,d flows over the table (about a minute of work):"
                        + " fewer --gpus or fewer --sizes", MAX_FLOW_ROWS));
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException("estimate collective", problems.toList());
        }
        String nicText = given.getOrDefault("--nic", null) == null ? "400 Gb/s" : given.get("--nic").trim();
        ClusterSpec cluster = new ClusterSpec(List.of(new NodeGroupSpec("n", gpuType, (int) (long) nodes, gpusPerNode,
                nics, nicBytesPerS)), new FabricSpec(nodesPerLeaf, oversubscription, Fabric.NIC_LATENCY.defaultValue(),
                Fabric.NVLINK_LATENCY.defaultValue()));
        return new Request(op, (int) (long) gpus, gpuType, (int) (long) nodes, (int) (gpus / nodes), gpusPerNode, nics,
                nicText, nodesPerLeaf, oversubscription, algorithm, sizes[0], sizes[1], cluster);
    }

    /** The flows one step of the collective holds at once: every pair for all-to-all, two per rank otherwise. */
    public static long flows(String op, long ranks) {
        return op.equals("alltoall") ? ranks * (ranks - 1) : 2 * ranks;
    }

    /** The option's cursor, or one at its default value when it was not given, for a problem about the default. */
    private static Cursor orDefault(Map<String, Cursor> at, String option, String defaultText, ProblemList problems) {
        Cursor c = at.get(option);
        return c != null ? c : Cursor.option(scalar(defaultText), option, problems);
    }

    /** Option text as a scenario value: a number where it is one ("16", "2.5"), else text ("400 Gb/s"). */
    static JsonNode scalar(String text) {
        String t = text.trim();
        if (NUMBER.matcher(t).matches()) {
            if (t.matches("[-+]?[0-9]+")) {
                BigInteger big = new BigInteger(t);
                return big.bitLength() < 64 ? Types.NODES.numberNode(big.longValue()) : Types.NODES.numberNode(big);
            }
            return Types.NODES.numberNode(Double.parseDouble(t));
        }
        return Types.NODES.textNode(text);
    }

    private static <T> T read(Cursor c, ValueType<T> type, T fallback) {
        return c == null ? fallback : ((ValueType.Scalar<T>) type).read(c);
    }

    private static String choice(Cursor c, List<String> options, String fallback) {
        if (c == null) {
            return fallback;
        }
        String v = c.node().isTextual() ? c.node().asText().trim().toLowerCase(Locale.ROOT) : null;
        if (v != null && options.contains(v)) {
            return v;
        }
        c.problem(c.found(), Suggestions.oneOf(c.node().asText(), options));
        return null;
    }

    private static String gpuType(Cursor c, Set<String> gpuTypes) {
        if (c == null) {
            return "H100-SXM";
        }
        String v = c.node().isTextual() ? c.node().asText().trim() : null;
        Optional<String> exact = gpuTypes.stream().filter(t -> t.equalsIgnoreCase(v == null ? "" : v)).findFirst();
        if (exact.isPresent()) {
            return exact.get();
        }
        c.problem(c.found(), "a GPU type of the catalogue: " + Suggestions.oneOf(c.node().asText(), gpuTypes));
        return null;
    }

    /** {@code --nodes}, or as few nodes as hold the ranks; the ranks must fill them evenly. */
    private static Long nodes(Cursor given, Cursor gpusAt, long gpus, int gpusPerNode, ProblemList problems) {
        long nodes;
        Cursor at;
        if (given != null) {
            Long n = given.integer(1, ClusterKeys.MAX_CLUSTER_NODES);
            if (n == null) {
                return null;
            }
            nodes = n;
            at = given;
        } else {
            nodes = (gpus + gpusPerNode - 1) / gpusPerNode;
            at = gpusAt != null ? gpusAt : Cursor.option(Types.NODES.numberNode(gpus), "--gpus", problems);
            if (nodes > ClusterKeys.MAX_CLUSTER_NODES) {
                at.problem(at.found() + " (" + nodes + " nodes of " + gpusPerNode + ")",
                        String.format(Locale.ROOT, "ranks on at most %,d nodes", ClusterKeys.MAX_CLUSTER_NODES));
                return null;
            }
        }
        if (gpus % nodes != 0 || gpus / nodes > gpusPerNode) {
            at.problem(given != null ? at.found() : nodes + " (as few nodes as hold " + gpus + " ranks)",
                    "a node count that divides --gpus " + gpus + " into at most " + gpusPerNode
                            + " ranks a node (--gpus-per-node)");
            return null;
        }
        return nodes;
    }

    /** {@code FROM..TO} (or one size) in bytes with 1024-based K/M/G/T suffixes, as nccl-tests' -b/-e. */
    private static long[] sizes(Cursor c) {
        long[] fallback = {1L << 20, 8L << 30};
        if (c == null) {
            return fallback;
        }
        String allowed = "FROM..TO or one size, in bytes with K/M/G/T = 1024-based, from 1 B to 1T, such as 1M..8G";
        String text = c.node().asText();
        String[] parts = text.split("\\.\\.", -1);
        if (parts.length > 2) {
            c.problem(c.found(), allowed);
            return fallback;
        }
        long from = size(parts[0]);
        long to = parts.length == 2 ? size(parts[1]) : from;
        if (from < 0 || to < 0) {
            c.problem(c.found(), allowed);
            return fallback;
        }
        if (to < from) {
            c.problem(c.found(), "FROM no larger than TO");
            return fallback;
        }
        return new long[] {from, to};
    }

    /** A size, or -1 when it is not one from 1 B to 1 TiB. */
    private static long size(String part) {
        Matcher m = SIZE.matcher(part);
        if (!m.matches()) {
            return -1;
        }
        int shift = m.group(2).isEmpty() ? 0 : "KMGT".indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1;
        long value = Long.parseLong(m.group(1));
        if (value < 1 || value > MAX_BYTES >> (10 * shift)) {
            return -1;
        }
        return value << (10 * shift);
    }
}
