package dev.fleetsim.engine.run;

import dev.fleetsim.engine.network.burst.BurstTraffic;
import dev.fleetsim.engine.network.collective.CollectivePhase;
import dev.fleetsim.engine.network.collective.CostedPlan;
import dev.fleetsim.engine.network.graph.LinkKind;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.perf.FlowStepModel;
import dev.fleetsim.engine.perf.IterationTraffic;

import java.util.Arrays;

/**
 * A starting job's traffic between nodes as {@link NetworkCoupling} registers it on the shared
 * network ({@link BurstTraffic}): its idle costing's flows that leave a node, split into the links
 * another job could share and the job's private links. Each route (a path between two GPUs) is
 * judged once per start, however many collectives and phases cross it: its shared links and its
 * private links' entries are kept by route number, and a later flow on it only adds its bytes to
 * those entries in the same order (the same sums as judging every flow's links again). Its stamps
 * and tables are reused from start to start. Single-threaded.
 */
final class JobBursts {
    private static final int NIC_STRIDE = 4;

    private final NetworkGraph graph;
    /** Per GPU, the stamp of the last job start that held it ({@link #of}). */
    private final int[] gpuOwner;
    private int gpuStamp;
    /**
     * Per link, four ints: the start ({@code gpuStamp}) whose job its NIC was last judged for, whether
     * it was private to it (1 or 0), and for a NIC-leaf link its NIC's first GPU and GPU count (0 for
     * other links): one line of memory per judgement instead of the graph's four dependent lookups.
     */
    private final int[] nicLinks;
    private final RouteIds routes = new RouteIds();
    /** Per route of the job being registered ({@link #routes}' numbers): its shared links and its private links' entries. */
    private int[][] routeShared = new int[32][];
    private int[][] routePrivate = new int[32][];
    private int routeCount;

    JobBursts(NetworkGraph graph) {
        this.graph = graph;
        this.gpuOwner = new int[graph.gpuCount()];
        this.nicLinks = new int[NIC_STRIDE * graph.linkCount()];
        for (int l = 0; l < graph.linkCount(); l++) {
            if (graph.linkKind(l) == LinkKind.NIC_LEAF) {
                int nic = graph.nicOfLink(l);
                nicLinks[NIC_STRIDE * l + 2] = graph.nicFirstGpu(nic);
                nicLinks[NIC_STRIDE * l + 3] = graph.nicGpuCount(nic);
            }
        }
    }

    /**
     * The job's inter-node bursts: for every collective and phase of its idle costing, one class
     * with the flows that leave a node, each with its bytes per occurrence and idle rate, on the
     * links of its path another job could share. The bytes on the job's private links (its GPUs'
     * PCIe links to their NICs, and the NIC links of NICs only its GPUs send through) are
     * accounted apart: nobody else can slow them, and its idle estimate already costs them.
     */
    BurstTraffic of(TrainingJob job, FlowStepModel.Costing costing, int[][] collectiveOfClassOut) {
        int[] collectiveOfClass = new int[8];
        int classes = 0;
        // The job's GPUs, stamped in a per-GPU array kept between starts (not a bit set per job).
        if (gpuStamp == Integer.MAX_VALUE) {
            Arrays.fill(gpuOwner, 0);
            for (int at = 0; at < nicLinks.length; at += NIC_STRIDE) {
                nicLinks[at] = 0;
            }
            gpuStamp = 0;
        }
        int mine = ++gpuStamp;
        for (int g : job.gpus) {
            gpuOwner[g] = mine;
        }
        BurstTraffic.Builder b = BurstTraffic.builder();
        IterationTraffic traffic = costing.traffic();
        // Flows on the same route (collectives that run one after another) are one connection.
        routes.clear();
        routeCount = 0;
        for (int k = 0; k < traffic.size(); k++) {
            CostedPlan plan = costing.plans().get(k);
            double perIteration = traffic.get(k).perIteration();
            for (int p = 0; p < plan.plan().phases().size(); p++) {
                CollectivePhase phase = plan.plan().phases().get(p);
                double[] rates = plan.rates().get(p);
                int cls = -1;
                for (int i = 0; i < phase.flowCount(); i++) {
                    int[] path = phase.paths()[i];
                    double bytes = phase.bytes()[i];
                    if (bytes <= 0 || perIteration <= 0 || isInsideNode(path)) {
                        continue;
                    }
                    // A route's links are judged once per start: its shared links, its private entries.
                    int route = routes.idOf(path);
                    if (route == routeCount) {
                        judge(route, path, mine, bytes * perIteration, b);
                    } else {
                        for (int e : routePrivate[route]) {
                            b.addPrivateBytesAt(e, bytes * perIteration);
                        }
                    }
                    int[] sharedLinks = routeShared[route];
                    if (sharedLinks.length == 0) {
                        continue;
                    }
                    if (cls < 0) {
                        cls = b.addClass(perIteration, plan.transferSeconds()[p]);
                        if (classes == collectiveOfClass.length) {
                            collectiveOfClass = Arrays.copyOf(collectiveOfClass, 2 * classes);
                        }
                        collectiveOfClass[classes++] = k;
                    }
                    b.addFlow(cls, sharedLinks.clone(), bytes, rates[i], route);
                }
            }
        }
        collectiveOfClassOut[0] = Arrays.copyOf(collectiveOfClass, classes);
        return b.build();
    }

    /** Splits a route seen first now into its shared links and its private links' entries, adding these bytes to the latter. */
    private void judge(int route, int[] path, int mine, double bytesPerIteration, BurstTraffic.Builder b) {
        if (route == routeShared.length) {
            routeShared = Arrays.copyOf(routeShared, 2 * route);
            routePrivate = Arrays.copyOf(routePrivate, 2 * route);
        }
        int[] shared = new int[path.length];
        int[] entries = new int[path.length];
        int n = 0;
        int p = 0;
        for (int l : path) {
            if (isPrivate(l, mine)) {
                entries[p++] = b.privateEntry(l, bytesPerIteration);
            } else {
                shared[n++] = l;
            }
        }
        routeShared[route] = Arrays.copyOf(shared, n);
        routePrivate[route] = Arrays.copyOf(entries, p);
        routeCount++;
    }

    /** A link only the holder of {@code mine} can use: a GPU's own PCIe link to its NIC, or a NIC only its GPUs send through. */
    private boolean isPrivate(int link, int mine) {
        LinkKind kind = graph.linkKind(link);
        if (kind == LinkKind.NVLINK || kind == LinkKind.PCIE || kind == LinkKind.GPU_NIC) {
            return true;
        }
        if (kind != LinkKind.NIC_LEAF) {
            return false;
        }
        // A job's flows cross each of its NIC links many times: judge each once per start.
        int at = NIC_STRIDE * link;
        if (nicLinks[at] != mine) {
            nicLinks[at] = mine;
            nicLinks[at + 1] = nicOnlyMine(nicLinks[at + 2], nicLinks[at + 3], mine) ? 1 : 0;
        }
        return nicLinks[at + 1] == 1;
    }

    private boolean nicOnlyMine(int first, int count, int mine) {
        if (count == 0) {
            return false;
        }
        for (int g = first; g < first + count; g++) {
            if (gpuOwner[g] != mine) {
                return false;
            }
        }
        return true;
    }

    private boolean isInsideNode(int[] path) {
        for (int l : path) {
            LinkKind k = graph.linkKind(l);
            if (k != LinkKind.NVLINK && k != LinkKind.PCIE) {
                return false;
            }
        }
        return true;
    }
}
