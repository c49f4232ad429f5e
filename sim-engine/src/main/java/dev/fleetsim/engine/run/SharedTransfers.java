package dev.fleetsim.engine.run;

import dev.fleetsim.engine.network.CollectiveModel;
import dev.fleetsim.engine.network.graph.LinkKind;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.network.graph.Routing;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * One KV-cache move of prefill/decode disaggregation priced on the run's flow network, beside the
 * traffic of the jobs registered in {@link NetworkCoupling}: every tensor-parallel rank sends its
 * shard to the same rank of the decode replica at once, one flow each, on its ECMP route. The
 * move is a burst in the sense of docs/NETWORK.md, "Coupling", costed by the same rule as a
 * collective's burst there:
 * <ul>
 * <li>alone, each flow runs at the narrowest link of its path shared by the move's own flows
 *     crossing it (max-min among equal flows: {@code C / n});</li>
 * <li>on a link where the move demands {@code D} (its flows' idle rates, summed) and the running
 *     jobs' average load is {@code Λ}, the move gets the share {@code C / (D + Λ)} of its demand
 *     when {@code D + Λ > C}; a flow runs at its idle rate times the smallest share along its path;</li>
 * <li>the move lasts until its slowest flow is done, plus the path's latency.</li>
 * </ul>
 * Flows inside a node (NVLink, PCIe) belong to GPUs no other job holds: they keep the idle cost of
 * the collective model. With a {@link KvLoad}, every move across nodes is recorded there and its
 * prefill replica's moves load the network in turn, as an average rate a window late; a move does
 * not compete with its own replica's registered average (as a job's burst does not with its own).
 */
final class SharedTransfers {
    private final NetworkGraph graph;
    private final Routing routing;
    /** The running jobs' average load on a link, bytes/s ({@link NetworkCoupling#loadBytesPerS}). */
    private final IntToDoubleFunction load;
    private final CollectiveModel idle;
    /** Where moves are recorded as load; null: they load nothing. */
    private final KvLoad recorder;
    /** The ECMP key of the next flow: each move hashes onto its own paths, the same ones in every run. */
    private long flowKey;

    SharedTransfers(NetworkGraph graph, IntToDoubleFunction load, CollectiveModel idle) {
        this(graph, load, idle, null);
    }

    SharedTransfers(NetworkGraph graph, IntToDoubleFunction load, CollectiveModel idle, KvLoad recorder) {
        this.graph = graph;
        this.routing = new Routing(graph);
        this.load = load;
        this.idle = idle;
        this.recorder = recorder;
    }

    /** Seconds for rank {@code i} of {@code from} to send {@code bytesPerGpu} to rank {@code i} of {@code to}, for every rank at once. */
    double seconds(int[] from, int[] to, double bytesPerGpu) {
        return seconds(-1, null, from, to, bytesPerGpu);
    }

    /**
     * As {@link #seconds(int[], int[], double)}, for a move of prefill replica {@code source} (its
     * job index) of {@code service}, recorded as load when there is a {@link KvLoad}.
     */
    double seconds(int source, String service, int[] from, int[] to, double bytesPerGpu) {
        boolean record = recorder != null && source >= 0;
        int n = Math.min(from.length, to.length);
        if (n == 0 || bytesPerGpu <= 0) {
            return 0;
        }
        double longest = 0;
        int[][] paths = new int[n][];
        Map<Integer, Integer> flowsOnLink = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (from[i] == to[i]) {
                continue;
            }
            if (graph.nodeOfGpu(from[i]) == graph.nodeOfGpu(to[i])) {
                longest = Math.max(longest, idle.sendRecvSeconds(from[i], to[i], (long) Math.ceil(bytesPerGpu)));
                continue;
            }
            paths[i] = routing.path(from[i], to[i], flowKey++);
            for (int l : paths[i]) {
                flowsOnLink.merge(l, 1, Integer::sum);
            }
        }
        double[] idleRate = new double[n];
        Map<Integer, Double> demand = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (paths[i] == null) {
                continue;
            }
            double rate = Double.POSITIVE_INFINITY;
            for (int l : paths[i]) {
                rate = Math.min(rate, graph.capacityBytesPerS(l) / flowsOnLink.get(l));
            }
            idleRate[i] = rate;
            for (int l : paths[i]) {
                demand.merge(l, rate, Double::sum);
            }
        }
        double idleS = 0;
        for (int i = 0; i < n; i++) {
            if (paths[i] == null) {
                continue;
            }
            double share = 1;
            for (int l : paths[i]) {
                if (isOwn(graph.linkKind(l))) {
                    continue;
                }
                double others = load.applyAsDouble(l) - (record ? recorder.ownLoad(source, l) : 0);
                double d = demand.get(l) + Math.max(0, others);
                double c = graph.capacityBytesPerS(l);
                if (d > c) {
                    share = Math.min(share, c / d);
                }
            }
            double s = graph.pathLatencyNs(paths[i]) * 1e-9 + bytesPerGpu / (idleRate[i] * share);
            longest = Math.max(longest, s);
            idleS = Math.max(idleS, bytesPerGpu / idleRate[i]);
            if (record) {
                recorder.flow(source, service, outsideNodes(graph, paths[i]), bytesPerGpu, idleRate[i]);
            }
        }
        if (record && idleS > 0) {
            recorder.moved(source, idleS);
        }
        return longest;
    }

    /** The links of a path between nodes that leave the GPUs' node (all but NVLink and PCIe): what is registered as load. */
    static int[] outsideNodes(NetworkGraph graph, int[] path) {
        int n = 0;
        int[] out = new int[path.length];
        for (int l : path) {
            LinkKind k = graph.linkKind(l);
            if (k != LinkKind.NVLINK && k != LinkKind.PCIE) {
                out[n++] = l;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Links of one GPU alone (its NVLink, PCIe and its own path to its NIC): no job's load is on them but the holder's. */
    private static boolean isOwn(LinkKind kind) {
        return kind == LinkKind.NVLINK || kind == LinkKind.PCIE || kind == LinkKind.GPU_NIC;
    }
}
