package dev.fleetsim.engine;

import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.LinkKind;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.network.graph.VertexKind;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.topology.Topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's network drawn at switch level, for pictures of the topology (the desktop app's
 * preview and its link-load view): nodes, leaves, spines and super-spines as vertices, and one
 * edge per pair of vertices that cables join, holding the ids of the directed links of the run's
 * network graph that make it (the ids of {@code links.csv} and of live link loads). Links inside a
 * node (NVLink, PCIe, GPU to NIC) belong to the node's vertex. Built from the same graph a
 * flow-model run uses, so ids match.
 *
 * @param vertices nodes first (in node order), then leaves, spines and super-spines
 * @param edges node-leaf edges first, then leaf-spine and spine-super-spine, in vertex order
 */
public record NetworkMap(List<Vertex> vertices, List<Edge> edges) {

    /** What a vertex is. */
    public enum Tier { NODE, LEAF, SPINE, SUPER_SPINE }

    /**
     * @param id index in {@link #vertices()}
     * @param index its number within the tier (node 3, leaf 0)
     * @param name as link names write it ({@code node3}, {@code leaf0}); a node's group and GPU type are in {@code detail}
     * @param detail for a node {@code h100: 8 x H100-SXM}; empty otherwise
     * @param gpus GPUs of a node (0 for switches)
     * @param internalLinks directed link ids inside a node (NVLink, PCIe, GPU-NIC)
     */
    public record Vertex(int id, Tier tier, int index, String name, String detail, int gpus, int[] internalLinks) {
        public Vertex {
            internalLinks = internalLinks.clone();
        }

        @Override
        public int[] internalLinks() {
            return internalLinks.clone();
        }
    }

    /**
     * Cables between two vertices, both directions.
     *
     * @param from the lower tier's vertex id
     * @param to the upper tier's vertex id
     * @param kind {@code NIC_LEAF}, {@code LEAF_SPINE} or {@code SPINE_SUPER}
     * @param capacityBytesPerS effective capacity of the edge per direction (all its up-links together)
     * @param links the directed link ids, up-links and down-links
     */
    public record Edge(int from, int to, String kind, double capacityBytesPerS, int[] links) {
        public Edge {
            links = links.clone();
        }

        @Override
        public int[] links() {
            return links.clone();
        }
    }

    public NetworkMap {
        vertices = List.copyOf(vertices);
        edges = List.copyOf(edges);
    }

    /** Vertices of one tier, in index order. */
    public List<Vertex> tier(Tier tier) {
        return vertices.stream().filter(v -> v.tier() == tier).toList();
    }

    /** The network of a scenario's cluster, link ids as in {@code links.csv}. */
    public static NetworkMap of(ScenarioSpec spec) {
        Topology topology = Topology.build(spec.cluster(), spec.hardware());
        NetworkGraph g = NetworkGraph.build(topology, FabricLayout.of(topology));
        int nodes = topology.nodeCount();
        // Each graph vertex to the drawn vertex it belongs to: GPUs, node switches and NICs to their node.
        int[] drawn = new int[g.vertexCount()];
        java.util.Arrays.fill(drawn, -1);
        List<Vertex> vertices = new ArrayList<>();
        List<List<Integer>> internal = new ArrayList<>();
        for (Topology.Node n : topology.nodes()) {
            vertices.add(null);
            internal.add(new ArrayList<>());
            for (int gpu = n.firstGpu(); gpu < n.firstGpu() + n.gpuCount(); gpu++) {
                drawn[g.vertex(VertexKind.GPU, gpu)] = n.index();
            }
            drawn[g.vertex(VertexKind.NVSWITCH, n.index())] = n.index();
            drawn[g.vertex(VertexKind.PCIE_SWITCH, n.index())] = n.index();
        }
        for (int l = 0; l < g.linkCount(); l++) {
            if (g.linkKind(l) == LinkKind.GPU_NIC) {
                int from = g.linkFrom(l);
                int to = g.linkTo(l);
                int gpuSide = g.vertexKind(from) == VertexKind.GPU ? from : to;
                int nicSide = gpuSide == from ? to : from;
                drawn[nicSide] = drawn[gpuSide];
            }
        }
        int[] tierBase = new int[Tier.values().length];
        tierBase[Tier.LEAF.ordinal()] = nodes;
        tierBase[Tier.SPINE.ordinal()] = nodes + g.leafCount();
        tierBase[Tier.SUPER_SPINE.ordinal()] = nodes + g.leafCount() + g.spineCount();
        addSwitches(g, drawn, vertices, internal, VertexKind.LEAF, Tier.LEAF, g.leafCount());
        addSwitches(g, drawn, vertices, internal, VertexKind.SPINE, Tier.SPINE, g.spineCount());
        addSwitches(g, drawn, vertices, internal, VertexKind.SUPER_SPINE, Tier.SUPER_SPINE, g.superSpineCount());
        Map<Long, List<Integer>> edgeLinks = new LinkedHashMap<>();
        Map<Long, String> edgeKind = new LinkedHashMap<>();
        for (int l = 0; l < g.linkCount(); l++) {
            int a = drawn[g.linkFrom(l)];
            int b = drawn[g.linkTo(l)];
            if (a < 0 || b < 0) {
                continue;
            }
            if (a == b) {
                internal.get(a).add(l);
                continue;
            }
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            long key = (long) lo << 32 | hi;
            edgeLinks.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
            edgeKind.putIfAbsent(key, g.linkKind(l).name());
        }
        for (Topology.Node n : topology.nodes()) {
            vertices.set(n.index(), new Vertex(n.index(), Tier.NODE, n.index(), "node" + n.index(),
                    n.group() + ": " + n.gpuCount() + " x " + n.gpu().name(), n.gpuCount(), ints(internal.get(n.index()))));
        }
        for (int v = nodes; v < vertices.size(); v++) {
            Vertex s = vertices.get(v);
            vertices.set(v, new Vertex(s.id(), s.tier(), s.index(), s.name(), "", 0, ints(internal.get(v))));
        }
        List<Edge> edges = new ArrayList<>();
        edgeLinks.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            int lo = (int) (e.getKey() >>> 32);
            int hi = (int) (long) e.getKey();
            double up = 0;
            for (int l : e.getValue()) {
                if (drawn[g.linkFrom(l)] == lo) {
                    up += g.capacityBytesPerS(l);
                }
            }
            edges.add(new Edge(lo, hi, edgeKind.get(e.getKey()), up, ints(e.getValue())));
        });
        return new NetworkMap(vertices, edges);
    }

    private static void addSwitches(NetworkGraph g, int[] drawn, List<Vertex> vertices, List<List<Integer>> internal,
                                    VertexKind kind, Tier tier, int count) {
        for (int i = 0; i < count; i++) {
            int id = vertices.size();
            drawn[g.vertex(kind, i)] = id;
            vertices.add(new Vertex(id, tier, i, g.describeVertex(g.vertex(kind, i)), "", 0, new int[0]));
            internal.add(new ArrayList<>());
        }
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
