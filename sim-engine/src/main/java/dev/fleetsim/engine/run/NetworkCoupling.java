package dev.fleetsim.engine.run;

import dev.fleetsim.engine.metrics.LinkRecord;
import dev.fleetsim.engine.observe.LinkLoad;
import dev.fleetsim.engine.network.burst.BurstSharing;
import dev.fleetsim.engine.network.burst.BurstTraffic;
import dev.fleetsim.engine.network.collective.CollectivePhase;
import dev.fleetsim.engine.network.collective.CostedPlan;
import dev.fleetsim.engine.network.graph.LinkKind;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.perf.FlowStepModel;
import dev.fleetsim.engine.perf.IterationTraffic;
import dev.fleetsim.engine.perf.StepEstimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Couples the run loop to the shared network: every running job's inter-node traffic is
 * registered in one {@link BurstSharing} for as long as it runs, and its pace follows what its
 * neighbours leave it (docs/NETWORK.md, "Coupling"). A job's traffic is the idle costing of
 * {@link FlowStepModel}: each collective of {@code IterationTraffic} on all its groups at once,
 * every flow at the rate it had there; one class of bursts per collective and plan phase. When
 * other jobs share its links, each burst lasts longer by {@code BurstSharing}'s stretch, and the
 * iteration is the idle one re-added by {@code IterationTime} with the stretched bursts, at least
 * what the average demands allow. Flows that never leave a node are not registered: NVLink and
 * PCIe links of a GPU belong to the one job holding the GPU, so no other job can slow them.
 * A job start or stop is one update; the jobs whose pace moved get it through the
 * {@link PaceSink}, in job order so runs are deterministic. No event is scheduled here: the
 * event count grows with starts, stops and pace changes, never with iterations.
 */
final class NetworkCoupling {

    /** Receives a running job's new pace: the estimate with the network slow-down added. */
    interface PaceSink {
        void changePace(TrainingJob job, StepEstimate paced);
    }

    /**
     * A running job's registration: its idle costing without the plans (registering its bursts was
     * their only use; a big job's flows are most of what a run would otherwise keep per running job),
     * and which collective each burst class is.
     */
    private static final class Running {
        final TrainingJob job;
        final FlowStepModel.Costing costing;
        final int[] collectiveOfClass;
        double paceS;

        Running(TrainingJob job, FlowStepModel.Costing costing, int[] collectiveOfClass) {
            this.job = job;
            this.costing = costing;
            this.collectiveOfClass = collectiveOfClass;
            this.paceS = costing.estimate().iterationTimeS();
        }
    }

    private static final double PACE_EPS = 1e-9;
    private static final int NIC_STRIDE = 4;

    private final NetworkGraph graph;
    private final FlowStepModel model;
    private final BurstSharing sharing;
    private final PaceSink sink;
    /** Per job index, the job's registration while it runs (null otherwise): no boxed key or map node per start. */
    private Running[] running = new Running[64];
    private long updates;
    private long paceChanges;
    private String[] linkNames;
    /** Per GPU, the stamp of the last job start that held it ({@link #bursts}). */
    private final int[] gpuOwner;
    private int gpuStamp;
    /**
     * Per link, four ints: the start ({@code gpuStamp}) whose job its NIC was last judged for, whether
     * it was private to it (1 or 0), and for a NIC-leaf link its NIC's first GPU and GPU count (0 for
     * other links): one line of memory per judgement instead of the graph's four dependent lookups.
     */
    private final int[] nicLinks;
    private final RouteIds routes = new RouteIds();
    /** Ids registered by {@link #external}: traffic that is not paced here. */
    private final Set<Integer> externals = new HashSet<>();

    NetworkCoupling(FlowStepModel model, PaceSink sink) {
        this.graph = model.graph();
        this.model = model;
        this.sharing = new BurstSharing(graph.capacitiesBytesPerS());
        this.sink = sink;
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

    /** Registers a job that has just started (at its idle-network estimate), and re-paces whoever it slows. */
    void started(TrainingJob job, long nowNs) {
        if (onOneNode(job.gpus)) {
            // Every flow of a job on one node stays on its NVLink or PCIe links: nothing to register.
            return;
        }
        // Only flows that leave a node are registered: a kept costing need not route the groups inside one.
        FlowStepModel.Costing costing = model.costingAcrossNodes(job.spec, job.gpus);
        int[][] collectiveOfClass = new int[1][];
        BurstTraffic traffic = bursts(job, costing, collectiveOfClass);
        if (traffic.isEmpty()) {
            return;
        }
        Running r = new Running(job, new FlowStepModel.Costing(costing.compute(), costing.traffic(), List.of(),
                costing.occurrenceS(), costing.estimate()), collectiveOfClass[0]);
        int[] affected = sharing.add(job.index, traffic, r.paceS, nowNs);
        updates++;
        if (job.index >= running.length) {
            running = Arrays.copyOf(running, Math.max(job.index + 1, 2 * running.length));
        }
        running[job.index] = r;
        repace(affected, job.index, nowNs);
    }

    /** Removes a job that stopped (finished or preempted) and re-paces the jobs it was slowing. */
    void stopped(TrainingJob job, long nowNs) {
        if (runningAt(job.index) == null) {
            return;
        }
        running[job.index] = null;
        int[] affected = sharing.remove(job.index, nowNs);
        updates++;
        repace(affected, -1, nowNs);
    }

    /**
     * Registers, replaces or (with {@code traffic} null) removes traffic that is no training job's,
     * under the index of the job it belongs to: a prefill replica's KV moves as their average over
     * a window of {@code periodS} ({@link KvLoad}). It is never paced itself; the training jobs
     * whose pace it moves are re-paced, once.
     */
    void external(int id, BurstTraffic traffic, double periodS, long nowNs) {
        TreeSet<Integer> affected = new TreeSet<>();
        if (externals.remove(id)) {
            for (int j : sharing.remove(id, nowNs)) {
                affected.add(j);
            }
            updates++;
        }
        if (traffic != null && !traffic.isEmpty()) {
            for (int j : sharing.add(id, traffic, periodS, nowNs)) {
                affected.add(j);
            }
            externals.add(id);
            updates++;
        }
        repace(affected.stream().mapToInt(Integer::intValue).toArray(), -1, nowNs);
    }

    /** The running jobs' actual average load on a link now, bytes/s (what a transfer beside them competes with). */
    double loadBytesPerS(int link) {
        return sharing.loadBytesPerS(link);
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
        for (int l = 0; l < sharing.linkCount(); l++) {
            double bytes = sharing.carriedBytes(l, endNs);
            if (bytes <= 0) {
                continue;
            }
            double cap = graph.capacityBytesPerS(l);
            out.add(new LinkRecord(l, linkName(l), graph.linkKind(l).name(), cap, bytes, seconds > 0 ? bytes / (cap * seconds) : 0,
                    sharing.peakUtilisation(l, endNs)));
        }
        return out;
    }

    /** The links carrying traffic now, by link id, for live samples (reads state only). */
    List<LinkLoad> linkLoads() {
        List<LinkLoad> out = new ArrayList<>();
        for (int l = 0; l < sharing.linkCount(); l++) {
            double load = sharing.loadBytesPerS(l);
            if (load > 0) {
                out.add(new LinkLoad(l, linkName(l), load, load / graph.capacityBytesPerS(l)));
            }
        }
        return out;
    }

    private String linkName(int l) {
        if (linkNames == null) {
            linkNames = new String[sharing.linkCount()];
        }
        if (linkNames[l] == null) {
            linkNames[l] = graph.describeVertex(graph.linkFrom(l)) + "->" + graph.describeVertex(graph.linkTo(l));
        }
        return linkNames[l];
    }

    /**
     * The job's inter-node bursts: for every collective and phase of its idle costing, one class
     * with the flows that leave a node, each with its bytes per occurrence and idle rate, on the
     * links of its path another job could share. The bytes on the job's private links (its GPUs'
     * PCIe links to their NICs, and the NIC links of NICs only its GPUs send through) are
     * accounted apart: nobody else can slow them, and its idle estimate already costs them.
     */
    private BurstTraffic bursts(TrainingJob job, FlowStepModel.Costing costing, int[][] collectiveOfClassOut) {
        int[] collectiveOfClass = new int[8];
        int classes = 0;
        // The job's GPUs, stamped in a per-GPU array kept between starts (not a bit set per job).
        if (gpuStamp == Integer.MAX_VALUE) {
            java.util.Arrays.fill(gpuOwner, 0);
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
        int[] shared = new int[8];
        // Flows on the same route (collectives that run one after another) are one connection.
        routes.clear();
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
                    if (shared.length < path.length) {
                        shared = new int[path.length];
                    }
                    int n = 0;
                    for (int l : path) {
                        if (isPrivate(l, mine)) {
                            b.addPrivateBytes(l, bytes * perIteration);
                        } else {
                            shared[n++] = l;
                        }
                    }
                    if (n == 0) {
                        continue;
                    }
                    if (cls < 0) {
                        cls = b.addClass(perIteration, plan.transferSeconds()[p]);
                        if (classes == collectiveOfClass.length) {
                            collectiveOfClass = Arrays.copyOf(collectiveOfClass, 2 * classes);
                        }
                        collectiveOfClass[classes++] = k;
                    }
                    b.addFlow(cls, Arrays.copyOf(shared, n), bytes, rates[i], routes.idOf(path));
                }
            }
        }
        collectiveOfClassOut[0] = Arrays.copyOf(collectiveOfClass, classes);
        return b.build();
    }

    private boolean onOneNode(int[] gpus) {
        int node = graph.nodeOfGpu(gpus[0]);
        for (int g : gpus) {
            if (graph.nodeOfGpu(g) != node) {
                return false;
            }
        }
        return true;
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

    /** Re-paces the affected jobs and the new one, in job order. */
    private void repace(int[] affected, int added, long nowNs) {
        boolean addedDone = added < 0;
        for (int id : affected) {
            if (!addedDone && added < id) {
                pace(runningAt(added), nowNs);
                addedDone = true;
            }
            pace(runningAt(id), nowNs);
        }
        if (!addedDone) {
            pace(runningAt(added), nowNs);
        }
    }

    /** The registration of the job at {@code index}, or null (not running, or external traffic). */
    private Running runningAt(int index) {
        return index >= 0 && index < running.length ? running[index] : null;
    }

    private void pace(Running r, long nowNs) {
        if (r == null) {
            // External traffic (KV moves) keeps its registration as it is.
            return;
        }
        BurstSharing.Contention c = sharing.contention(r.job.index);
        double[] extra = new double[r.costing.occurrenceS().length];
        boolean stretched = false;
        for (int cls = 0; cls < c.stretchS().length; cls++) {
            extra[r.collectiveOfClass[cls]] += c.stretchS()[cls];
            stretched |= c.stretchS()[cls] > 0;
        }
        StepEstimate paced = stretched ? r.costing.stretched(extra) : r.costing.estimate();
        if (c.fluidIterationS() > paced.iterationTimeS()) {
            int collective = r.collectiveOfClass[c.fluidClass()];
            paced = slowed(paced, c.fluidIterationS(), r.costing.traffic().get(collective).dimension());
        }
        double paceS = paced.iterationTimeS();
        if (Math.abs(paceS - r.paceS) <= PACE_EPS * r.paceS) {
            return;
        }
        r.paceS = paceS;
        sharing.pace(r.job.index, paceS, nowNs);
        paceChanges++;
        sink.changePace(r.job, paced);
    }

    /** The estimate stretched to {@code paceS}, the extra time booked on {@code dimension}. */
    static StepEstimate slowed(StepEstimate e, double paceS, IterationTraffic.Dimension dimension) {
        double extra = paceS - e.iterationTimeS();
        if (extra <= 0) {
            return e;
        }
        boolean tp = dimension == IterationTraffic.Dimension.TP;
        boolean pp = dimension == IterationTraffic.Dimension.PP;
        boolean dp = dimension == IterationTraffic.Dimension.DP;
        return new StepEstimate(paceS, e.computeS(), e.bubbleS(), e.tpCommS() + (tp ? extra : 0),
                e.ppCommS() + (pp ? extra : 0), e.dpCommS() + (dp ? extra : 0), e.otherS(), e.gpus(),
                e.tokensPerIteration(), e.modelFlopsPerIteration(), e.hardwareFlopsPerIteration(),
                e.peakFlopsPerSPerGpu(), e.memory());
    }

    /** The link graph the flows run on (for naming links in results). */
    NetworkGraph graph() {
        return graph;
    }
}
