package dev.fleetsim.engine.run;

import dev.fleetsim.engine.network.burst.BurstSharing;
import dev.fleetsim.engine.network.burst.BurstTraffic;
import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.network.collective.CollectivePhase;
import dev.fleetsim.engine.network.collective.CostedPlan;
import dev.fleetsim.engine.network.collective.FlowCollectiveModel;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.serving.ServingModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A serving replica's own collectives between nodes as traffic on the shared network, the way a
 * training job's are (docs/NETWORK.md, "Coupling"): every TP group of a stage whose ranks sit on
 * more than one node all-reduces {@code tokens × hidden} twice a layer, every stage boundary whose
 * two ranks sit on different nodes sends the micro-batch's activations once. Within a node the
 * traffic stays on NVLink, which no other job shares: such a replica has nothing here. Like the
 * KV moves ({@link KvLoad}), the traffic is registered as an average over a window of the
 * deployment: its micro-batches and their tokens in the window that ended, one burst class per
 * collective and plan phase with the flows' bytes at the window's mean micro-batch and their idle
 * rates (the run's {@link FlowCollectiveModel}, as a training job's costing), registered for the
 * next window. Each class's stretch against the neighbours ({@link BurstSharing#contention})
 * becomes the factor the replica's {@link ServingModel} applies to its TP all-reduces and to its
 * hand-offs ({@link ServingModel#fabricStretch}), re-read whenever a start or stop beside it may
 * have moved it. No event of its own: the event count grows with windows and job changes, never
 * with iterations or tokens.
 */
final class ReplicaComm {

    private final ServingModel model;
    private final FlowCollectiveModel collectives;
    private final NetworkGraph graph;
    /** TP groups of stages that span nodes, and stage boundaries (source, destination GPU) between nodes. */
    private final List<int[]> tpGroups = new ArrayList<>();
    private final List<int[]> handoffs = new ArrayList<>();
    private long microBatches;
    private long tokens;
    /** Per class of the last registration: whether it is a hand-off, and its idle transfer time. */
    private boolean[] classIsHandoff = new boolean[0];
    private double[] classIdleS = new double[0];

    private ReplicaComm(ServingModel model, FlowCollectiveModel collectives, int[] gpus) {
        this.model = model;
        this.collectives = collectives;
        this.graph = collectives.planner().graph();
        int tp = model.tp();
        for (int s = 0; s < model.pp() && (s + 1) * tp <= gpus.length; s++) {
            int[] group = Arrays.copyOfRange(gpus, s * tp, (s + 1) * tp);
            if (tp > 1 && !collectives.onOneNode(group)) {
                tpGroups.add(group);
            }
            if (s > 0 && graph.nodeOfGpu(gpus[s * tp - 1]) != graph.nodeOfGpu(gpus[s * tp])) {
                // ServingModel's hand-off: the last rank of one stage to the first of the next.
                handoffs.add(new int[] {gpus[s * tp - 1], gpus[s * tp]});
            }
        }
    }

    /** The replica's traffic between nodes on {@code gpus} (rank order), or null when every collective stays inside a node. */
    static ReplicaComm of(ServingModel model, FlowCollectiveModel collectives, int[] gpus) {
        ReplicaComm c = new ReplicaComm(model, collectives, gpus);
        return c.tpGroups.isEmpty() && c.handoffs.isEmpty() ? null : c;
    }

    /** The replica started {@code batches} micro-batches carrying {@code tokenCount} tokens. */
    void record(long batches, long tokenCount) {
        microBatches += batches;
        tokens += tokenCount;
    }

    /**
     * Adds the window's traffic to {@code b} (nothing if the replica iterated nothing), its average
     * load per link over {@code windowS} to {@code loadByLink}, and starts the next window.
     */
    void addWindow(BurstTraffic.Builder b, double windowS, Map<Integer, Double> loadByLink) {
        List<Boolean> handoff = new ArrayList<>();
        List<Double> idle = new ArrayList<>();
        if (microBatches > 0 && tokens > 0) {
            long bytes = Math.max(1, Math.round((double) tokens / microBatches * model.activationBytesPerToken()));
            double allReduces = 2.0 * model.layersPerStage() * microBatches;
            for (int[] group : tpGroups) {
                add(b, collectives.costed(CollectiveKind.ALL_REDUCE, List.of(group), bytes), allReduces, false, windowS,
                        loadByLink, handoff, idle);
            }
            for (int[] pair : handoffs) {
                add(b, collectives.costed(CollectiveKind.SEND_RECV, List.of(pair), bytes), microBatches, true, windowS,
                        loadByLink, handoff, idle);
            }
        }
        classIsHandoff = new boolean[handoff.size()];
        classIdleS = new double[idle.size()];
        for (int i = 0; i < classIdleS.length; i++) {
            classIsHandoff[i] = handoff.get(i);
            classIdleS[i] = idle.get(i);
        }
        microBatches = 0;
        tokens = 0;
    }

    /** One class per phase of {@code plan} that leaves a node, {@code bursts} times a window, into {@code b}. */
    private void add(BurstTraffic.Builder b, CostedPlan plan, double bursts, boolean isHandoff, double windowS,
                     Map<Integer, Double> loadByLink, List<Boolean> handoff, List<Double> idle) {
        for (int p = 0; p < plan.plan().phases().size(); p++) {
            CollectivePhase phase = plan.plan().phases().get(p);
            double[] rates = plan.rates().get(p);
            int cls = -1;
            for (int i = 0; i < phase.flowCount(); i++) {
                int[] links = SharedTransfers.outsideNodes(graph, phase.paths()[i]);
                double flowBytes = phase.bytes()[i];
                if (links.length == 0 || flowBytes <= 0) {
                    continue;
                }
                if (cls < 0) {
                    cls = b.addClass(bursts, plan.transferSeconds()[p]);
                    handoff.add(isHandoff);
                    idle.add(plan.transferSeconds()[p]);
                }
                b.addFlow(cls, links, flowBytes, rates[i]);
                for (int l : links) {
                    loadByLink.merge(l, flowBytes * bursts / windowS, Double::sum);
                }
            }
        }
    }

    /**
     * Applies the contention of the registration ({@code null}: none) to the replica's costs, its
     * classes starting at {@code first}: each kind's factor is its most stretched class's
     * {@code (idle + stretch) / idle} (the collective waits for its slowest flow).
     */
    void apply(BurstSharing.Contention c, int first) {
        double tp = 1;
        double pp = 1;
        if (c != null) {
            for (int i = 0; i < classIdleS.length && first + i < c.stretchS().length; i++) {
                double f = classIdleS[i] > 0 ? 1 + c.stretchS()[first + i] / classIdleS[i] : 1;
                if (classIsHandoff[i]) {
                    pp = Math.max(pp, f);
                } else {
                    tp = Math.max(tp, f);
                }
            }
        }
        model.fabricStretch(tp, pp);
    }
}
