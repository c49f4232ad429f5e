package dev.fleetsim.engine.run;

import dev.fleetsim.engine.metrics.LinkRecord;
import dev.fleetsim.engine.observe.LinkLoad;
import dev.fleetsim.engine.network.burst.BurstSharing;
import dev.fleetsim.engine.network.burst.BurstTraffic;
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
import java.util.function.IntConsumer;

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
        /** The contention its pace was last worked out from (null before): the same again gives the same pace. */
        BurstSharing.Contention paced;

        Running(TrainingJob job, FlowStepModel.Costing costing, int[] collectiveOfClass) {
            this.job = job;
            this.costing = costing;
            this.collectiveOfClass = collectiveOfClass;
            this.paceS = costing.estimate().iterationTimeS();
        }
    }

    private static final double PACE_EPS = 1e-9;

    private final NetworkGraph graph;
    private final FlowStepModel model;
    private final BurstSharing sharing;
    private final PaceSink sink;
    /** Per job index, the job's registration while it runs (null otherwise): no boxed key or map node per start. */
    private Running[] running = new Running[64];
    private long updates;
    private long paceChanges;
    private String[] linkNames;
    private final JobBursts bursts;
    /** Ids registered by {@link #external}: traffic that is not paced here. */
    private final Set<Integer> externals = new HashSet<>();
    private IntConsumer externalSink = id -> { };

    NetworkCoupling(FlowStepModel model, PaceSink sink) {
        this.graph = model.graph();
        this.model = model;
        this.sharing = new BurstSharing(graph.capacitiesBytesPerS());
        this.sink = sink;
        this.bursts = new JobBursts(graph);
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
        BurstTraffic traffic = bursts.of(job, costing, collectiveOfClass);
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
     * under the index of the job it belongs to: a serving replica's KV moves and collectives between
     * nodes, averaged over a window of {@code periodS} ({@link KvLoad}). Never paced here: the jobs
     * whose pace it moves are re-paced, once, the other externals told ({@link #onExternalContention}).
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

    /** Who is told, in id order, of each external registration whose contention a change may have moved. */
    void onExternalContention(IntConsumer sink) {
        this.externalSink = sink;
    }

    /** External registration {@code id}'s contention with everything else registered now. */
    BurstSharing.Contention contention(int id) {
        return sharing.contention(id);
    }

    /** The run's idle collective costing, which a serving replica's collectives are planned with. */
    dev.fleetsim.engine.network.collective.FlowCollectiveModel collectives() {
        return model.collectives();
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


    private boolean onOneNode(int[] gpus) {
        int node = graph.nodeOfGpu(gpus[0]);
        for (int g : gpus) {
            if (graph.nodeOfGpu(g) != node) {
                return false;
            }
        }
        return true;
    }


    /** Re-paces the affected jobs and the new one, in job order; an affected external's owner is told instead. */
    private void repace(int[] affected, int added, long nowNs) {
        boolean addedDone = added < 0;
        for (int id : affected) {
            if (!addedDone && added < id) {
                pace(runningAt(added), nowNs);
                addedDone = true;
            }
            if (externals.contains(id)) {
                externalSink.accept(id);
            } else {
                pace(runningAt(id), nowNs);
            }
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
            return;
        }
        BurstSharing.Contention c = sharing.contention(r.job.index);
        if (sameContention(c, r.paced)) {
            // Its pace is a function of the contention: worked out again it would be what it was.
            return;
        }
        r.paced = c;
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

    private static boolean sameContention(BurstSharing.Contention a, BurstSharing.Contention b) {
        return b != null && Double.compare(a.fluidIterationS(), b.fluidIterationS()) == 0
                && a.fluidClass() == b.fluidClass() && Arrays.equals(a.stretchS(), b.stretchS());
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
