package dev.fleetsim.engine.network.graph;

import dev.fleetsim.engine.topology.Topology;

/**
 * Links named by what they connect, for people: {@code node 12 NIC 3 -> leaf 1},
 * {@code leaf 0 -> spine 1}, {@code node 4 GPU 7 -> node 4 NVSwitch}. Node, GPU and NIC numbers
 * are the ones {@code jobs.csv} placements use (nodes in cluster order, GPUs and NICs counted
 * from 0 inside their node), so a chart's link can be matched to the jobs that crossed it.
 */
public final class LinkLabels {
    private final NetworkGraph graph;
    private final int[] nodeOfNic;
    private final int[] firstNicOfNode;

    public LinkLabels(NetworkGraph graph) {
        this.graph = graph;
        Topology topology = graph.topology();
        this.nodeOfNic = new int[graph.nicCount()];
        this.firstNicOfNode = new int[topology.nodeCount() + 1];
        for (Topology.Node n : topology.nodes()) {
            firstNicOfNode[n.index() + 1] = firstNicOfNode[n.index()] + n.nics();
            for (int k = firstNicOfNode[n.index()]; k < firstNicOfNode[n.index() + 1] && k < nodeOfNic.length; k++) {
                nodeOfNic[k] = n.index();
            }
        }
    }

    /** {@code from -> to}. */
    public String label(int link) {
        return vertex(graph.linkFrom(link)) + " -> " + vertex(graph.linkTo(link));
    }

    /** One end of a link: {@code node 3 GPU 5}, {@code node 3 NIC 0}, {@code leaf 2}, {@code spine 0}. */
    public String vertex(int vertex) {
        VertexKind kind = graph.vertexKind(vertex);
        int index = vertex - graph.vertex(kind, 0);
        switch (kind) {
            case GPU: {
                Topology.Node n = graph.topology().nodeOfGpu(index);
                return "node " + n.index() + " GPU " + (index - n.firstGpu());
            }
            case NVSWITCH:
                return "node " + index + " NVSwitch";
            case PCIE_SWITCH:
                return "node " + index + " PCIe switch";
            case NIC: {
                int node = nodeOfNic[index];
                return "node " + node + " NIC " + (index - firstNicOfNode[node]);
            }
            case LEAF:
                return "leaf " + index;
            case SPINE:
                return "spine " + index;
            default:
                return "super-spine " + index;
        }
    }
}
