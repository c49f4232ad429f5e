package dev.fleetsim.engine.network.graph;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.Topology;

/**
 * The interconnect as a directed graph held in primitive arrays, so that 100k-GPU clusters fit
 * in a few tens of megabytes: vertices are GPUs, one NVSwitch (or PCIe switch for GPUs without
 * NVLink) per node, NICs, leaves, spines and optional super-spines; links are directed, each
 * with an effective capacity (line rate times the GPU type's efficiency, bytes/s) and a
 * latency. GPU ids equal {@link Topology} GPU ids. Immutable; built by
 * {@link #build(Topology, FabricLayout)}, routed by {@link Routing}.
 */
public final class NetworkGraph {

    /** Marks "no such link" in the lookup arrays, e.g. the NIC link of a GPU on a NIC-less node. */
    public static final int NO_LINK = -1;

    final Topology topology;
    final FabricLayout layout;
    final int gpuCount;
    final int nodeCount;
    final int nicCount;
    final int leafCount;
    final int podCount;
    final int spinesPerPod;
    final int superSpinesPerPlane;
    final int[] vertexBase;
    final int[] linkFrom;
    final int[] linkTo;
    /** {@code LinkKind.values()} once: each call of {@code values()} copies the array. */
    private static final LinkKind[] LINK_KINDS = LinkKind.values();
    private static final VertexKind[] VERTEX_KINDS = VertexKind.values();
    final byte[] linkKind;
    final double[] capacityBytesPerS;
    final long[] latencyNs;
    final int[] gpuUp;
    final int[] gpuDown;
    final int[] gpuNicUp;
    final int[] gpuNicDown;
    final int[] nicOfGpu;
    final int[] nicUp;
    final int[] nicDown;
    final int[] leafOfNic;
    final int[] podOfLeaf;
    final int[] leafUp;
    final int[] leafDown;
    final int[] spineUp;
    final int[] spineDown;
    final boolean[] nodeHasNvSwitch;
    private final int[] outStart;
    private final int[] outLinks;
    /** GPUs sending through NIC n: ids {@code nicFirstGpu[n] .. nicFirstGpu[n] + nicGpuCount[n] - 1} (contiguous on a node). */
    private final int[] nicFirstGpu;
    private final int[] nicGpuCount;

    NetworkGraph(NetworkGraphBuilder b) {
        this.topology = b.topology;
        this.layout = b.layout;
        this.gpuCount = b.topology.gpuCount();
        this.nodeCount = b.topology.nodeCount();
        this.nicCount = b.nicCount;
        this.leafCount = b.leafCount;
        this.podCount = b.podCount;
        this.spinesPerPod = b.layout.spinesPerPod();
        this.superSpinesPerPlane = b.layout.superSpinesPerPlane();
        this.vertexBase = b.vertexBase;
        this.linkFrom = b.links.from();
        this.linkTo = b.links.to();
        this.linkKind = b.links.kind();
        this.capacityBytesPerS = b.links.capacity();
        this.latencyNs = b.links.latency();
        this.gpuUp = b.gpuUp;
        this.gpuDown = b.gpuDown;
        this.gpuNicUp = b.gpuNicUp;
        this.gpuNicDown = b.gpuNicDown;
        this.nicOfGpu = b.nicOfGpu;
        this.nicUp = b.nicUp;
        this.nicDown = b.nicDown;
        this.leafOfNic = b.leafOfNic;
        this.podOfLeaf = b.podOfLeaf;
        this.leafUp = b.leafUp;
        this.leafDown = b.leafDown;
        this.spineUp = b.spineUp;
        this.spineDown = b.spineDown;
        this.nodeHasNvSwitch = b.nodeHasNvSwitch;
        this.nicFirstGpu = new int[nicCount];
        this.nicGpuCount = new int[nicCount];
        java.util.Arrays.fill(nicFirstGpu, -1);
        for (int g = 0; g < gpuCount; g++) {
            int nic = nicOfGpu[g];
            if (nic != NO_LINK) {
                if (nicFirstGpu[nic] < 0) {
                    nicFirstGpu[nic] = g;
                }
                nicGpuCount[nic]++;
            }
        }
        int vertices = vertexCount();
        this.outStart = new int[vertices + 1];
        for (int from : linkFrom) {
            outStart[from + 1]++;
        }
        for (int v = 0; v < vertices; v++) {
            outStart[v + 1] += outStart[v];
        }
        this.outLinks = new int[linkFrom.length];
        int[] fill = outStart.clone();
        for (int l = 0; l < linkFrom.length; l++) {
            outLinks[fill[linkFrom[l]]++] = l;
        }
    }

    /** Builds the graph of a topology under the given fabric layout. */
    public static NetworkGraph build(Topology topology, FabricLayout layout) {
        return new NetworkGraphBuilder(topology, layout).build();
    }

    public Topology topology() {
        return topology;
    }

    public FabricLayout layout() {
        return layout;
    }

    public int gpuCount() {
        return gpuCount;
    }

    public int nodeCount() {
        return nodeCount;
    }

    public int nicCount() {
        return nicCount;
    }

    public int leafCount() {
        return leafCount;
    }

    public int podCount() {
        return podCount;
    }

    public int spineCount() {
        return podCount * spinesPerPod;
    }

    /** Super-spines in the whole fabric; 0 for a single pod. */
    public int superSpineCount() {
        return podCount > 1 ? spinesPerPod * superSpinesPerPlane : 0;
    }

    public int vertexCount() {
        return vertexBase[VERTEX_KINDS.length];
    }

    public int linkCount() {
        return linkFrom.length;
    }

    /** The kind of a vertex id. */
    public VertexKind vertexKind(int vertex) {
        VertexKind[] kinds = VERTEX_KINDS;
        for (int k = kinds.length - 1; k >= 0; k--) {
            if (vertex >= vertexBase[k]) {
                return kinds[k];
            }
        }
        throw new IllegalArgumentException("no vertex " + vertex);
    }

    /** The id of the {@code index}-th vertex of a kind (e.g. leaf 3). */
    public int vertex(VertexKind kind, int index) {
        return vertexBase[kind.ordinal()] + index;
    }

    public int linkFrom(int link) {
        return linkFrom[link];
    }

    public int linkTo(int link) {
        return linkTo[link];
    }

    public LinkKind linkKind(int link) {
        return LINK_KINDS[linkKind[link]];
    }

    /** Effective capacity of a link in one direction: line rate times the efficiency. */
    public double capacityBytesPerS(int link) {
        return capacityBytesPerS[link];
    }

    public long latencyNs(int link) {
        return latencyNs[link];
    }

    /** A copy of all link capacities, indexed by link id. */
    public double[] capacitiesBytesPerS() {
        return capacityBytesPerS.clone();
    }

    /** Links leaving a vertex, in id order. */
    public int[] outLinks(int vertex) {
        return java.util.Arrays.copyOfRange(outLinks, outStart[vertex], outStart[vertex + 1]);
    }

    public int nodeOfGpu(int gpu) {
        return topology.nodeOf(gpu);
    }

    public GpuSpec gpuSpecOfGpu(int gpu) {
        return topology.gpuSpecOf(gpu);
    }

    /** True when the node's GPUs talk through an NVSwitch (NVLink bandwidth above zero). */
    public boolean hasNvSwitch(int node) {
        return nodeHasNvSwitch[node];
    }

    /** The link from a GPU to its node's NVSwitch or PCIe switch. */
    public int gpuToSwitchLink(int gpu) {
        return gpuUp[gpu];
    }

    /** The link from a GPU's node switch down to the GPU. */
    public int switchToGpuLink(int gpu) {
        return gpuDown[gpu];
    }

    /** Global NIC index a GPU sends through, or {@link #NO_LINK} on a node without NICs. */
    public int nicOfGpu(int gpu) {
        return nicOfGpu[gpu];
    }

    /** The NIC at one end of a GPU-NIC or NIC-leaf link, or {@link #NO_LINK} for any other link. */
    public int nicOfLink(int link) {
        LinkKind k = linkKind(link);
        if (k != LinkKind.GPU_NIC && k != LinkKind.NIC_LEAF) {
            return NO_LINK;
        }
        int v = vertexKind(linkFrom[link]) == VertexKind.NIC ? linkFrom[link] : linkTo[link];
        return v - vertexBase[VertexKind.NIC.ordinal()];
    }

    /** The first GPU that sends through a NIC; its GPUs are contiguous ids ({@link #nicGpuCount}). */
    public int nicFirstGpu(int nic) {
        return nicFirstGpu[nic];
    }

    /** How many GPUs send through a NIC. */
    public int nicGpuCount(int nic) {
        return nicGpuCount[nic];
    }

    /** Leaf index a NIC attaches to. */
    public int leafOfNic(int nic) {
        return leafOfNic[nic];
    }

    public int podOfLeaf(int leaf) {
        return podOfLeaf[leaf];
    }

    /** Spine switches in each pod: each leaf's up-links, one per spine. */
    public int spinesPerPod() {
        return spinesPerPod;
    }

    /** Super-spines in each spine plane (meaningful with more than one pod). */
    public int superSpinesPerPlane() {
        return superSpinesPerPlane;
    }

    /** The up-link from a leaf to spine {@code s} of its pod, or {@link #NO_LINK} for a leaf without up-links. */
    public int leafUpLink(int leaf, int s) {
        return leafUp[leaf * spinesPerPod + s];
    }

    /** The down-link from spine {@code s} of a leaf's pod to the leaf, or {@link #NO_LINK}. */
    public int leafDownLink(int leaf, int s) {
        return leafDown[leaf * spinesPerPod + s];
    }

    /** The up-link from spine {@code spine} (pod × spines + s) to super-spine {@code k} of its plane, or {@link #NO_LINK}. */
    public int spineUpLink(int spine, int k) {
        return spineUp.length == 0 ? NO_LINK : spineUp[spine * superSpinesPerPlane + k];
    }

    /** The down-link from super-spine {@code k} of a spine's plane to the spine, or {@link #NO_LINK}. */
    public int spineDownLink(int spine, int k) {
        return spineDown.length == 0 ? NO_LINK : spineDown[spine * superSpinesPerPlane + k];
    }

    /** Sum of the latencies along a path of link ids. */
    public long pathLatencyNs(int[] path) {
        long sum = 0;
        for (int l : path) {
            sum += latencyNs[l];
        }
        return sum;
    }

    /** A readable name of a link for messages, e.g. {@code NIC_LEAF nic12->leaf1}. */
    public String describeLink(int link) {
        return linkKind(link) + " " + describeVertex(linkFrom[link]) + "->" + describeVertex(linkTo[link]);
    }

    public String describeVertex(int vertex) {
        VertexKind kind = vertexKind(vertex);
        return kind.name().toLowerCase(java.util.Locale.ROOT) + (vertex - vertexBase[kind.ordinal()]);
    }
}
