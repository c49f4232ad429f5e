package dev.fleetsim.engine.network.graph;

/**
 * Deterministic shortest-path routing with ECMP. The fabric is a Clos (leaf, spine, optional
 * super-spine), where the up-then-down path through the lowest common tier is a shortest path,
 * so routes are assembled from lookup tables in O(path length) rather than searched. Where
 * several equal-cost paths exist (the spine inside a pod, the super-spine inside a plane) the
 * choice is a hash of the caller's flow key, as switch ECMP hashes a flow's 5-tuple: the same
 * key always takes the same path, different keys spread evenly. Inside a node traffic goes
 * GPU → NVSwitch (or PCIe switch) → GPU; between nodes GPU → its NIC → fabric → the peer's
 * NIC → peer GPU. Rail-optimised fabrics send cross-rail traffic through a spine (no PXN).
 */
public final class Routing {

    private final NetworkGraph g;

    public Routing(NetworkGraph graph) {
        this.g = graph;
    }

    public NetworkGraph graph() {
        return g;
    }

    /**
     * Links of the path from one GPU to another. {@code flowKey} picks among equal-cost paths.
     *
     * @throws IllegalArgumentException if {@code src == dst} or either node has no NIC when
     *         the GPUs are on different nodes
     */
    public int[] path(int srcGpu, int dstGpu, long flowKey) {
        if (srcGpu == dstGpu) {
            throw new IllegalArgumentException("no path from GPU " + srcGpu + " to itself");
        }
        int srcNode = g.nodeOfGpu(srcGpu);
        int dstNode = g.nodeOfGpu(dstGpu);
        if (srcNode == dstNode) {
            return new int[] {g.gpuUp[srcGpu], g.gpuDown[dstGpu]};
        }
        int srcNic = g.nicOfGpu[srcGpu];
        int dstNic = g.nicOfGpu[dstGpu];
        if (srcNic == NetworkGraph.NO_LINK || dstNic == NetworkGraph.NO_LINK) {
            throw new IllegalArgumentException("GPU " + srcGpu + " and GPU " + dstGpu
                    + " are on different nodes but one of the nodes has no NIC");
        }
        int srcLeaf = g.leafOfNic[srcNic];
        int dstLeaf = g.leafOfNic[dstNic];
        // One array: NIC up, the fabric (0, 2 or 4 links), NIC down.
        int fabric = srcLeaf == dstLeaf ? 0 : g.podOfLeaf[srcLeaf] == g.podOfLeaf[dstLeaf] ? 2 : 4;
        int[] path = new int[4 + fabric];
        path[0] = g.gpuNicUp[srcGpu];
        path[1] = g.nicUp[srcNic];
        fabricPath(srcLeaf, dstLeaf, flowKey, path);
        path[2 + fabric] = g.nicDown[dstNic];
        path[3 + fabric] = g.gpuNicDown[dstGpu];
        return path;
    }

    /** The equal-cost choice a flow key makes at one tier: a mixed hash reduced to a range. */
    static int ecmpChoice(long flowKey, int salt, int ways) {
        long h = mix(flowKey * 0x9E3779B97F4A7C15L + salt);
        return (int) Long.remainderUnsigned(h, ways);
    }

    /** Writes the fabric links between two leaves (none for one leaf) into {@code path} from index 2. */
    private void fabricPath(int srcLeaf, int dstLeaf, long flowKey, int[] path) {
        if (srcLeaf == dstLeaf) {
            return;
        }
        int spines = g.spinesPerPod;
        int s = ecmpChoice(flowKey, 1, spines);
        int up = g.leafUp[srcLeaf * spines + s];
        if (up == NetworkGraph.NO_LINK) {
            throw new IllegalArgumentException("leaf " + srcLeaf + " has no up-links");
        }
        int srcPod = g.podOfLeaf[srcLeaf];
        int dstPod = g.podOfLeaf[dstLeaf];
        path[2] = up;
        if (srcPod == dstPod) {
            path[3] = g.leafDown[dstLeaf * spines + s];
            return;
        }
        int perPlane = g.superSpinesPerPlane;
        int k = ecmpChoice(flowKey, 2, perPlane);
        int srcSpine = srcPod * spines + s;
        int dstSpine = dstPod * spines + s;
        path[3] = g.spineUp[srcSpine * perPlane + k];
        path[4] = g.spineDown[dstSpine * perPlane + k];
        path[5] = g.leafDown[dstLeaf * spines + s];
    }

    /** Stafford's variant 13 of the SplitMix64 finaliser: every input bit moves every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
