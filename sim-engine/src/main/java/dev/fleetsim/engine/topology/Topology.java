package dev.fleetsim.engine.topology;

import dev.fleetsim.engine.hardware.GpuSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built cluster: GPUs numbered 0..n-1 node by node, nodes numbered in the order of their
 * groups, each node under a leaf switch ({@code node / nodesPerLeaf}). Immutable; the
 * allocation state lives in {@code ClusterState}.
 */
public final class Topology {

    /** One node as placed in the fabric. */
    public record Node(int index, String group, GpuSpec gpu, int firstGpu, int gpuCount, int leaf,
                       int nics, double nicBandwidthBytesPerS) {
        /** Aggregate scale-out bandwidth of the node per direction. */
        public double scaleOutBandwidthBytesPerS() {
            return nics * nicBandwidthBytesPerS;
        }
    }

    private final ClusterSpec spec;
    private final List<Node> nodes;
    private final int[] nodeOfGpu;
    private final int leafCount;

    private Topology(ClusterSpec spec, List<Node> nodes, int[] nodeOfGpu, int leafCount) {
        this.spec = spec;
        this.nodes = List.copyOf(nodes);
        this.nodeOfGpu = nodeOfGpu;
        this.leafCount = leafCount;
    }

    /** Builds the topology; every {@code gpuType} must be a key of {@code catalogue}. */
    public static Topology build(ClusterSpec spec, Map<String, GpuSpec> catalogue) {
        List<Node> nodes = new ArrayList<>();
        int gpu = 0;
        int nodesPerLeaf = Math.max(1, spec.fabric().nodesPerLeaf());
        for (NodeGroupSpec group : spec.nodeGroups()) {
            GpuSpec gpuSpec = catalogue.get(group.gpuType());
            if (gpuSpec == null) {
                throw new IllegalArgumentException("unknown GPU type " + group.gpuType());
            }
            for (int i = 0; i < group.count(); i++) {
                int index = nodes.size();
                nodes.add(new Node(index, group.name(), gpuSpec, gpu, group.gpusPerNode(), index / nodesPerLeaf,
                        group.nicsPerNode(), group.nicBandwidthBytesPerS()));
                gpu += group.gpusPerNode();
            }
        }
        int[] nodeOfGpu = new int[gpu];
        for (Node n : nodes) {
            for (int g = 0; g < n.gpuCount(); g++) {
                nodeOfGpu[n.firstGpu() + g] = n.index();
            }
        }
        int leaves = nodes.isEmpty() ? 0 : nodes.get(nodes.size() - 1).leaf() + 1;
        return new Topology(spec, nodes, nodeOfGpu, leaves);
    }

    public ClusterSpec spec() {
        return spec;
    }

    public FabricSpec fabric() {
        return spec.fabric();
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    public int gpuCount() {
        return nodeOfGpu.length;
    }

    public int nodeCount() {
        return nodes.size();
    }

    public int leafCount() {
        return leafCount;
    }

    public int nodeOf(int gpu) {
        return nodeOfGpu[gpu];
    }

    public Node nodeOfGpu(int gpu) {
        return nodes.get(nodeOfGpu[gpu]);
    }

    public int leafOf(int gpu) {
        return nodes.get(nodeOfGpu[gpu]).leaf();
    }

    public GpuSpec gpuSpecOf(int gpu) {
        return nodes.get(nodeOfGpu[gpu]).gpu();
    }
}
