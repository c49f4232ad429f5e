package dev.fleetsim.engine.network.collective;

import dev.fleetsim.engine.network.flow.FlowNetwork;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.network.graph.Routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decomposes collectives on a placement (GPU ids in rank order) into phases of flows over the
 * topology, following what NCCL does for large messages. Rings across nodes use one channel
 * per member of the smallest node share, each channel entering and leaving a node through a
 * different GPU and so a different NIC, as NCCL's rings do; chains alternate direction from node
 * to node so that each hop between nodes stays on one rail (all of them for an even node count
 * with equal shares, all but the closing hop otherwise). The ECMP choice of flow i of a plan
 * hashes its source, destination and {@code flowKeyBase + i} ({@link #flowKey}), as a switch
 * hashes a connection. Bytes are the full buffer as nccl-tests counts them. Keeps scratch
 * arrays over the nodes, so one instance serves one thread.
 */
public final class CollectivePlanner {

    private final Routing routing;
    private final NetworkGraph graph;
    private final CollectiveTuning tuning;
    /** Scratch of {@link #membersByNode}: per node the call that last saw it and its slot; per slot a count. */
    private final int[] nodeSeen;
    private final int[] nodeSlot;
    private final int[] nodeCount;
    private int nodeCall;

    public CollectivePlanner(Routing routing, CollectiveTuning tuning) {
        this.routing = routing;
        this.graph = routing.graph();
        this.tuning = tuning;
        this.nodeSeen = new int[graph.nodeCount()];
        this.nodeSlot = new int[graph.nodeCount()];
        this.nodeCount = new int[graph.nodeCount()];
    }

    public NetworkGraph graph() {
        return graph;
    }

    public CollectiveTuning tuning() {
        return tuning;
    }

    /** Ring all-reduce: reduce-scatter then all-gather around the rings, 2(n-1) steps. */
    public CollectivePlan ringAllReduce(int[] group, long bytes, long flowKeyBase) {
        int n = checkGroup(group);
        return new CollectivePlan("ring", CollectiveKind.ALL_REDUCE, bytes, n,
                List.of(ring(group, 2.0 * (n - 1) / n * bytes, 2 * (n - 1), flowKeyBase)));
    }

    /** Ring reduce-scatter: n-1 steps, each rank passing (n-1)/n of the buffer. */
    public CollectivePlan ringReduceScatter(int[] group, long bytes, long flowKeyBase) {
        int n = checkGroup(group);
        return new CollectivePlan("ring", CollectiveKind.REDUCE_SCATTER, bytes, n,
                List.of(ring(group, (n - 1.0) / n * bytes, n - 1, flowKeyBase)));
    }

    /** Ring all-gather: n-1 steps, each rank passing (n-1)/n of the buffer. */
    public CollectivePlan ringAllGather(int[] group, long bytes, long flowKeyBase) {
        int n = checkGroup(group);
        return new CollectivePlan("ring", CollectiveKind.ALL_GATHER, bytes, n,
                List.of(ring(group, (n - 1.0) / n * bytes, n - 1, flowKeyBase)));
    }

    /**
     * Double binary tree all-reduce (NCCL's tree): inside each node a chain of its members,
     * across nodes two binary trees over the nodes (the second over the reversed node order),
     * each carrying half the buffer up (reduce) and down (broadcast) at once, pipelined.
     * Channels as for rings: channel c's chain starts at the node's c-th member, whose NIC
     * carries that channel's tree edges.
     */
    public CollectivePlan treeAllReduce(int[] group, long bytes, long flowKeyBase) {
        int n = checkGroup(group);
        List<int[]> nodes = membersByNode(group);
        int channels = channelCount(nodes);
        FlowBuilder fb = new FlowBuilder(flowKeyBase);
        double share = bytes / 2.0 / channels;
        for (int tree = 0; tree < 2; tree++) {
            for (int c = 0; c < channels; c++) {
                int[] heads = new int[nodes.size()];
                for (int j = 0; j < nodes.size(); j++) {
                    int[] chain = rotate(nodes.get(j), c);
                    heads[j] = chain[0];
                    for (int k = 1; k < chain.length; k++) {
                        fb.flow(chain[k], chain[k - 1], share);
                        fb.flow(chain[k - 1], chain[k], share);
                    }
                }
                int k = heads.length;
                for (int pos = 1; pos < k; pos++) {
                    int child = tree == 0 ? heads[pos] : heads[k - 1 - pos];
                    int parent = tree == 0 ? heads[(pos - 1) / 2] : heads[k - 1 - (pos - 1) / 2];
                    fb.flow(child, parent, share);
                    fb.flow(parent, child, share);
                }
            }
        }
        int longestChain = nodes.stream().mapToInt(m -> m.length).max().orElse(1) - 1;
        int depth = 32 - Integer.numberOfLeadingZeros(nodes.size()) - 1;
        return new CollectivePlan("tree", CollectiveKind.ALL_REDUCE, bytes, n,
                List.of(fb.phase(2 * (longestChain + depth))));
    }

    /**
     * NVLS all-reduce inside one NVSwitch node: each GPU's shard is reduced in the switch
     * (multimem load-reduce) and multicast back (multimem store). Per GPU that moves
     * S(n+1)/n bytes up to the switch and as much down, in two steps; flows are capped at
     * {@link CollectiveTuning#nvlsEfficiency()} of the link because the switch reduction
     * engines, not the links, set the pace.
     *
     * @throws IllegalArgumentException if the group spans nodes or the node cannot do NVLS
     */
    public CollectivePlan nvlsAllReduce(int[] group, long bytes, long flowKeyBase) {
        int n = checkGroup(group);
        if (!nvlsApplicable(group)) {
            throw new IllegalArgumentException("NVLS needs all ranks on one node whose NVSwitch supports it ("
                    + tuning.nvlsGpuTypes() + ")");
        }
        FlowBuilder fb = new FlowBuilder(flowKeyBase);
        double perDirection = bytes * (n + 1.0) / n;
        for (int gpu : group) {
            int up = graph.gpuToSwitchLink(gpu);
            int down = graph.switchToGpuLink(gpu);
            fb.add(new int[] {up}, perDirection, tuning.nvlsEfficiency() * graph.capacityBytesPerS(up));
            fb.add(new int[] {down}, perDirection, tuning.nvlsEfficiency() * graph.capacityBytesPerS(down));
        }
        return new CollectivePlan("nvls", CollectiveKind.ALL_REDUCE, bytes, n, List.of(fb.phase(2)));
    }

    /** True when {@link #nvlsAllReduce} accepts the group. */
    public boolean nvlsApplicable(int[] group) {
        int node = graph.nodeOfGpu(group[0]);
        for (int gpu : group) {
            if (graph.nodeOfGpu(gpu) != node) {
                return false;
            }
        }
        return group.length > 1 && graph.hasNvSwitch(node)
                && tuning.nvlsGpuTypes().contains(graph.gpuSpecOfGpu(group[0]).name());
    }

    /**
     * Hierarchical all-reduce: reduce-scatter inside each node, then an all-reduce of each
     * 1/m shard across nodes among the GPUs holding it (one ring per local index, all at
     * once), then all-gather inside each node. Three phases, one after another.
     *
     * @throws IllegalArgumentException unless every node holds the same number of ranks
     */
    public CollectivePlan hierarchicalAllReduce(int[] group, long bytes, long flowKeyBase) {
        int n = checkGroup(group);
        List<int[]> nodes = membersByNode(group);
        int m = nodes.get(0).length;
        for (int[] members : nodes) {
            if (members.length != m) {
                throw new IllegalArgumentException("hierarchical all-reduce needs the same number of ranks on every node");
            }
        }
        int k = nodes.size();
        List<CollectivePhase> phases = new ArrayList<>();
        long key = flowKeyBase;
        if (m > 1) {
            phases.add(singleRings(nodes, (m - 1.0) / m * bytes, m - 1, key));
            key += (long) n;
        }
        if (k > 1) {
            List<int[]> rails = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                int[] rail = new int[k];
                for (int i = 0; i < k; i++) {
                    rail[i] = nodes.get(i)[j];
                }
                rails.add(rail);
            }
            phases.add(singleRings(rails, 2.0 * (k - 1) / k * bytes / m, 2 * (k - 1), key));
            key += (long) n;
        }
        if (m > 1) {
            phases.add(singleRings(nodes, (m - 1.0) / m * bytes, m - 1, key));
        }
        return new CollectivePlan("hierarchical", CollectiveKind.ALL_REDUCE, bytes, n, phases);
    }

    /** All-to-all: every rank sends 1/n of the buffer to every other rank at once. */
    public CollectivePlan allToAll(int[] group, long bytes, long flowKeyBase) {
        int n = checkGroup(group);
        FlowBuilder fb = new FlowBuilder(flowKeyBase);
        for (int src : group) {
            for (int dst : group) {
                if (src != dst) {
                    fb.flow(src, dst, (double) bytes / n);
                }
            }
        }
        return new CollectivePlan("pairwise", CollectiveKind.ALL_TO_ALL, bytes, n, List.of(fb.phase(1)));
    }

    /** Point-to-point: one flow of the whole buffer. */
    public CollectivePlan sendRecv(int srcGpu, int dstGpu, long bytes, long flowKeyBase) {
        if (srcGpu == dstGpu || srcGpu < 0 || dstGpu < 0 || srcGpu >= graph.gpuCount() || dstGpu >= graph.gpuCount()) {
            checkGroup(new int[] {srcGpu, dstGpu});
        }
        // A job's pipeline hand-offs are tens of thousands of these: no group array, a builder of one flow.
        FlowBuilder fb = new FlowBuilder(flowKeyBase, 1);
        fb.flow(srcGpu, dstGpu, bytes);
        return new CollectivePlan("p2p", CollectiveKind.SEND_RECV, bytes, 2, List.of(fb.phase(1)));
    }

    /**
     * The sends of {@code pairs} ({source, destination}) as one plan: what {@link CollectivePlan#concurrent} makes
     * of their {@link #sendRecv} plans (flow key base 0), without a plan per pair; sends to oneself left out, with
     * {@code acrossNodesOnly} those inside a node too; null when none is left.
     */
    public CollectivePlan concurrentSends(List<int[]> pairs, long bytes, boolean acrossNodesOnly) {
        FlowBuilder fb = new FlowBuilder(0, Math.max(1, pairs.size()));
        for (int[] pair : pairs) {
            int src = pair[0];
            int dst = pair[1];
            if (src < 0 || dst < 0 || src >= graph.gpuCount() || dst >= graph.gpuCount()) {
                checkGroup(pair);
            }
            if (src != dst && !(acrossNodesOnly && graph.nodeOfGpu(src) == graph.nodeOfGpu(dst))) {
                fb.add(routing.path(src, dst, flowKey(src, dst, 0)), bytes, FlowNetwork.UNCAPPED);
            }
        }
        return fb.size == 0 ? null : new CollectivePlan("p2p", CollectiveKind.SEND_RECV, bytes, 2, List.of(fb.phase(1)));
    }

    private CollectivePhase ring(int[] group, double bytesPerRank, int steps, long flowKeyBase) {
        List<int[]> nodes = membersByNode(group);
        int channels = channelCount(nodes);
        FlowBuilder fb = new FlowBuilder(flowKeyBase);
        for (int c = 0; c < channels; c++) {
            int[] order = new int[group.length];
            int at = 0;
            int start = c;
            for (int j = 0; j < nodes.size(); j++) {
                int[] members = nodes.get(j);
                int s = Math.floorMod(start, members.length);
                // Odd nodes run their chain backwards, so each chain starts on the member (rail)
                // the previous one ended on and, with an even node count, the ring closes on it too.
                int step = j % 2 == 0 ? 1 : -1;
                for (int i = 0; i < members.length; i++) {
                    order[at++] = members[Math.floorMod(s + step * i, members.length)];
                }
                start = s - step;
            }
            for (int i = 0; i < order.length; i++) {
                fb.flow(order[i], order[(i + 1) % order.length], bytesPerRank / channels);
            }
        }
        return fb.phase(steps);
    }

    private CollectivePhase singleRings(List<int[]> rings, double bytesPerRank, int steps, long flowKeyBase) {
        FlowBuilder fb = new FlowBuilder(flowKeyBase);
        for (int[] ring : rings) {
            for (int i = 0; i < ring.length && ring.length > 1; i++) {
                fb.flow(ring[i], ring[(i + 1) % ring.length], bytesPerRank);
            }
        }
        return fb.phase(steps);
    }

    /** Ranks grouped by node, nodes in order of their first rank, members in rank order. */
    private List<int[]> membersByNode(int[] group) {
        // Two passes over the group with a slot per node (stamped, so never cleared): no boxing,
        // no search of the nodes seen so far.
        if (++nodeCall == Integer.MAX_VALUE) {
            Arrays.fill(nodeSeen, 0);
            nodeCall = 1;
        }
        int k = 0;
        for (int gpu : group) {
            int node = graph.nodeOfGpu(gpu);
            if (nodeSeen[node] != nodeCall) {
                nodeSeen[node] = nodeCall;
                nodeSlot[node] = k;
                nodeCount[k++] = 0;
            }
            nodeCount[nodeSlot[node]]++;
        }
        int[][] members = new int[k][];
        for (int j = 0; j < k; j++) {
            members[j] = new int[nodeCount[j]];
            nodeCount[j] = 0;
        }
        for (int gpu : group) {
            int j = nodeSlot[graph.nodeOfGpu(gpu)];
            members[j][nodeCount[j]++] = gpu;
        }
        return Arrays.asList(members);
    }

    /** One channel inside a node; across nodes one per member of the smallest node share. */
    private static int channelCount(List<int[]> nodes) {
        if (nodes.size() == 1) {
            return 1;
        }
        int least = Integer.MAX_VALUE;
        for (int[] m : nodes) {
            least = Math.min(least, m.length);
        }
        return least;
    }

    private static int[] rotate(int[] members, int start) {
        int m = members.length;
        int s = Math.floorMod(start, m);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = members[(s + i) % m];
        }
        return out;
    }

    private int checkGroup(int[] group) {
        if (group.length < 2) {
            throw new IllegalArgumentException("a collective needs at least 2 ranks, got " + group.length);
        }
        int[] sorted = group.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0 || sorted[i] >= graph.gpuCount() || (i > 0 && sorted[i] == sorted[i - 1])) {
                throw new IllegalArgumentException("group has an unknown or repeated GPU " + sorted[i]);
            }
        }
        return group.length;
    }

    /**
     * The ECMP key of a flow: its endpoints and its index, as a switch hashes a connection's
     * addresses and port. Keys depend on the GPUs, not on who asks, so a job's flows take the
     * same paths in its idle estimate and in a run, the concurrent groups of one job spread over
     * the spines independently, and different jobs (on different GPUs) collide only by chance.
     */
    static long flowKey(int src, int dst, long index) {
        return ((long) src << 40) ^ ((long) dst << 20) ^ index;
    }

    /** Collects flows of one phase and the worst path latency among them, in growable primitive columns. */
    private final class FlowBuilder {
        private final long keyBase;
        private int[][] paths;
        private double[] bytes;
        private double[] caps;
        private int size;
        private long maxLatencyNs;

        FlowBuilder(long keyBase) {
            this(keyBase, 16);
        }

        FlowBuilder(long keyBase, int capacity) {
            this.keyBase = keyBase;
            this.paths = new int[capacity][];
            this.bytes = new double[capacity];
            this.caps = new double[capacity];
        }

        void flow(int src, int dst, double flowBytes) {
            add(routing.path(src, dst, flowKey(src, dst, keyBase + size)), flowBytes, FlowNetwork.UNCAPPED);
        }

        void add(int[] path, double flowBytes, double demandCap) {
            if (size == paths.length) {
                paths = Arrays.copyOf(paths, 2 * size);
                bytes = Arrays.copyOf(bytes, 2 * size);
                caps = Arrays.copyOf(caps, 2 * size);
            }
            paths[size] = path;
            bytes[size] = flowBytes;
            caps[size] = demandCap;
            size++;
            maxLatencyNs = Math.max(maxLatencyNs, graph.pathLatencyNs(path));
        }

        CollectivePhase phase(int steps) {
            boolean full = size == paths.length;
            return new CollectivePhase(full ? paths : Arrays.copyOf(paths, size), full ? bytes : Arrays.copyOf(bytes, size),
                    full ? caps : Arrays.copyOf(caps, size), steps, maxLatencyNs + tuning.stepOverheadNs());
        }
    }
}
