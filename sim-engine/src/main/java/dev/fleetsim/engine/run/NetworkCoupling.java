package dev.fleetsim.engine.run;

import dev.fleetsim.engine.metrics.LinkRecord;
import dev.fleetsim.engine.network.collective.CollectivePhase;
import dev.fleetsim.engine.network.collective.CollectivePlan;
import dev.fleetsim.engine.network.collective.FlowCollectiveModel;
import dev.fleetsim.engine.network.flow.FlowNetwork;
import dev.fleetsim.engine.network.flow.RateUpdate;
import dev.fleetsim.engine.network.graph.LinkKind;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.perf.FlowStepModel;
import dev.fleetsim.engine.perf.IterationTraffic;
import dev.fleetsim.engine.perf.StepEstimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Couples the run loop to one shared {@link FlowNetwork}: every running job's communication is
 * registered as flows on its actual placement for as long as it runs, and jobs share links by
 * max-min fairness. Training traffic is periodic; each flow is capped at its average demand at
 * the job's idle pace ({@code bytes per iteration / idle iteration time}), and a job whose flows
 * get less than that cannot keep its pace: its iteration time becomes
 * {@code max(idle time, max over its flows of bytes per iteration / rate)} (docs/NETWORK.md,
 * "Coupling"). Flows that never leave a node are not registered: NVLink and PCIe links of a GPU
 * belong to the one job holding the GPU, so no other job can slow them, and their cost is
 * already in the idle estimate. A job start or stop is one incremental max-min update; the jobs
 * whose flow rates moved get a new pace through the {@link PaceSink}, visited in job order so
 * runs are deterministic. Also integrates each link's load over time for {@code links.csv}.
 */
final class NetworkCoupling {

    /** Receives a running job's new pace: the estimate with the network slow-down added. */
    interface PaceSink {
        void changePace(Job job, StepEstimate paced);
    }

    /** The flows of one running job and the pace they allow. */
    private static final class JobFlows {
        final Job job;
        final StepEstimate idle;
        final int[] ids;
        double iterationTimeS;

        JobFlows(Job job, StepEstimate idle, int[] ids) {
            this.job = job;
            this.idle = idle;
            this.ids = ids;
            this.iterationTimeS = idle.iterationTimeS();
        }
    }

    private static final double PACE_EPS = 1e-9;

    private final NetworkGraph graph;
    private final FlowCollectiveModel collectives;
    private final FlowNetwork net;
    private final PaceSink sink;
    private final Map<Integer, JobFlows> byJob = new HashMap<>();
    private JobFlows[] ownerOfFlow = new JobFlows[256];
    private double[] bytesOfFlow = new double[256];
    private byte[] dimensionOfFlow = new byte[256];
    private int[][] pathOfFlow = new int[256][];
    private final double[] linkLoad;
    private final double[] linkBytes;
    private final double[] linkPeak;
    private final long[] linkSinceNs;
    private final int[] linkStamp;
    private int stamp;
    private long updates;
    private long paceChanges;

    NetworkCoupling(FlowStepModel model, PaceSink sink) {
        this.graph = model.graph();
        this.collectives = model.collectives();
        this.net = new FlowNetwork(graph);
        this.sink = sink;
        int links = graph.linkCount();
        this.linkLoad = new double[links];
        this.linkBytes = new double[links];
        this.linkPeak = new double[links];
        this.linkSinceNs = new long[links];
        this.linkStamp = new int[links];
    }

    /** Registers a job that has just started with its idle-network estimate, and re-paces whoever it slows. */
    void started(Job job, long nowNs) {
        List<int[]> paths = new ArrayList<>();
        List<double[]> perFlow = new ArrayList<>();
        collectFlows(job, paths, perFlow);
        if (paths.isEmpty()) {
            return;
        }
        double idleS = job.estimate.iterationTimeS();
        double[] caps = new double[paths.size()];
        for (int i = 0; i < caps.length; i++) {
            caps[i] = perFlow.get(i)[0] / idleS;
        }
        RateUpdate up = net.addFlows(paths.toArray(new int[0][]), caps);
        updates++;
        int[] ids = up.addedFlowIds();
        JobFlows jf = new JobFlows(job, job.estimate, ids);
        byJob.put(job.index, jf);
        for (int i = 0; i < ids.length; i++) {
            ensureFlowCapacity(ids[i]);
            ownerOfFlow[ids[i]] = jf;
            bytesOfFlow[ids[i]] = perFlow.get(i)[0];
            dimensionOfFlow[ids[i]] = (byte) perFlow.get(i)[1];
            pathOfFlow[ids[i]] = paths.get(i);
        }
        stamp++;
        account(ids, nowNs);
        account(up.changedFlowIds(), nowNs);
        repace(up.changedFlowIds(), jf);
    }

    /** Removes a job that stopped (finished or preempted) and re-paces the jobs it was slowing. */
    void stopped(Job job, long nowNs) {
        JobFlows jf = byJob.remove(job.index);
        if (jf == null) {
            return;
        }
        RateUpdate up = net.removeFlows(jf.ids);
        updates++;
        stamp++;
        account(jf.ids, nowNs);
        for (int f : jf.ids) {
            ownerOfFlow[f] = null;
            pathOfFlow[f] = null;
        }
        account(up.changedFlowIds(), nowNs);
        repace(up.changedFlowIds(), null);
    }

    long updates() {
        return updates;
    }

    long paceChanges() {
        return paceChanges;
    }

    /** Every link that carried traffic up to {@code endNs}, by link id. */
    List<LinkRecord> links(long endNs) {
        List<LinkRecord> out = new ArrayList<>();
        double seconds = endNs / 1e9;
        for (int l = 0; l < linkLoad.length; l++) {
            double bytes = linkBytes[l] + linkLoad[l] * ((endNs - linkSinceNs[l]) / 1e9);
            if (bytes <= 0) {
                continue;
            }
            double cap = graph.capacityBytesPerS(l);
            out.add(new LinkRecord(l, graph.describeVertex(graph.linkFrom(l)) + "->" + graph.describeVertex(graph.linkTo(l)),
                    graph.linkKind(l).name(), cap, bytes, seconds > 0 ? bytes / (cap * seconds) : 0, linkPeak[l]));
        }
        return out;
    }

    /**
     * The job's inter-node flows: every collective of an iteration planned on the placement,
     * flows with the same path merged (they belong to collectives that run one after another),
     * each with its bytes per iteration and parallel dimension, in first-seen order.
     */
    private void collectFlows(Job job, List<int[]> paths, List<double[]> perFlow) {
        Map<PathKey, Integer> index = new HashMap<>();
        IterationTraffic traffic = IterationTraffic.of(job.spec, graph.topology(), job.gpus);
        int c = 0;
        for (IterationTraffic.Collective col : traffic.collectives()) {
            for (int[] group : col.groups()) {
                long keyBase = ((long) job.index << 32) + ((long) c++ << 16);
                if (!spansNodes(group)) {
                    continue;
                }
                CollectivePlan plan = collectives.plan(col.kind(), group, col.bytes(), keyBase);
                for (CollectivePhase phase : plan.phases()) {
                    for (int i = 0; i < phase.flowCount(); i++) {
                        int[] path = phase.paths()[i];
                        double bytes = phase.bytes()[i] * col.perIteration();
                        if (bytes <= 0 || isInsideNode(path)) {
                            continue;
                        }
                        Integer at = index.putIfAbsent(new PathKey(path), paths.size());
                        if (at == null) {
                            paths.add(path);
                            perFlow.add(new double[] {bytes, col.dimension().ordinal()});
                        } else {
                            perFlow.get(at)[0] += bytes;
                        }
                    }
                }
            }
        }
    }

    private boolean spansNodes(int[] group) {
        int node = graph.nodeOfGpu(group[0]);
        for (int g : group) {
            if (graph.nodeOfGpu(g) != node) {
                return true;
            }
        }
        return false;
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

    /** Re-paces the owners of the changed flows (and the new job), in job order. */
    private void repace(int[] changedFlows, JobFlows added) {
        List<JobFlows> owners = new ArrayList<>();
        if (added != null) {
            owners.add(added);
        }
        for (int f : changedFlows) {
            JobFlows o = ownerOfFlow[f];
            if (o != null) {
                owners.add(o);
            }
        }
        owners.sort((a, b) -> Integer.compare(a.job.index, b.job.index));
        JobFlows previous = null;
        for (JobFlows jf : owners) {
            if (jf != previous) {
                pace(jf);
            }
            previous = jf;
        }
    }

    private void pace(JobFlows jf) {
        double paceS = jf.idle.iterationTimeS();
        int slowest = -1;
        for (int f : jf.ids) {
            double s = bytesOfFlow[f] / net.rateBytesPerS(f);
            if (s > paceS) {
                paceS = s;
                slowest = f;
            }
        }
        if (Math.abs(paceS - jf.iterationTimeS) <= PACE_EPS * jf.iterationTimeS) {
            return;
        }
        jf.iterationTimeS = paceS;
        paceChanges++;
        sink.changePace(jf.job, slowed(jf.idle, paceS, slowest < 0 ? -1 : dimensionOfFlow[slowest]));
    }

    /** The idle estimate stretched to {@code paceS}, the extra time booked on the slowest flow's dimension. */
    static StepEstimate slowed(StepEstimate e, double paceS, int dimension) {
        if (dimension < 0 || paceS <= e.iterationTimeS()) {
            return e;
        }
        return e.slowedTo(paceS, IterationTraffic.Dimension.values()[dimension]);
    }

    /** Integrates the old load of every link on these flows' paths up to now and takes the new one. */
    private void account(int[] flows, long nowNs) {
        for (int f : flows) {
            for (int l : pathOfFlow[f]) {
                if (linkStamp[l] == stamp) {
                    continue;
                }
                linkStamp[l] = stamp;
                linkBytes[l] += linkLoad[l] * ((nowNs - linkSinceNs[l]) / 1e9);
                linkSinceNs[l] = nowNs;
                linkLoad[l] = net.linkLoadBytesPerS(l);
                linkPeak[l] = Math.max(linkPeak[l], net.linkUtilisation(l));
            }
        }
    }

    private void ensureFlowCapacity(int id) {
        if (id >= ownerOfFlow.length) {
            int n = Math.max(id + 1, ownerOfFlow.length * 2);
            ownerOfFlow = Arrays.copyOf(ownerOfFlow, n);
            bytesOfFlow = Arrays.copyOf(bytesOfFlow, n);
            dimensionOfFlow = Arrays.copyOf(dimensionOfFlow, n);
            pathOfFlow = Arrays.copyOf(pathOfFlow, n);
        }
    }

    /** A path as a hash key (content equality), used only to merge a job's flows. */
    private record PathKey(int[] links) {
        @Override
        public boolean equals(Object o) {
            return o instanceof PathKey && Arrays.equals(links, ((PathKey) o).links);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(links);
        }
    }
}
