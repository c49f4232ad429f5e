package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.perf.IterationTraffic.Collective;
import dev.fleetsim.engine.perf.IterationTraffic.Dimension;
import dev.fleetsim.engine.perf.IterationTraffic.Window;
import dev.fleetsim.engine.workload.FineTuningSpec;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.MoeDispatcher;
import dev.fleetsim.engine.workload.MoeSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the collectives of {@link IterationTraffic} for one job: what its class comment lists,
 * for the pipeline rank with the most layers (which paces the pipeline) and the rank with the
 * most parameters (which the DP exchange waits for).
 */
final class TrafficPlan {

    private TrafficPlan() {
    }

    static List<Collective> collectives(TrainingJobSpec job, int[] gpus, int gpusPerNode) {
        ParallelismSpec par = job.parallelism();
        ModelSpec model = job.model();
        StagePlan plan = StagePlan.of(model, par);
        int busiest = 0;
        for (int r = 1; r < plan.ranks(); r++) {
            if (plan.layersOn(r) > plan.layersOn(busiest)) {
                busiest = r;
            }
        }
        int layers = plan.layersOn(busiest);
        boolean routed = model.moe().isPresent() && !model.moe().get().isTrivial();
        int moeLayers = routed ? plan.countOn(busiest, model::isMoeLayer) : 0;
        int m = job.microBatchesPerIteration();
        int v = plan.virtualStages();
        double act = job.precision() == Precision.FP8 ? 2 : job.precision().bytesPerElement();
        double tokens = (double) job.microBatchSeqs() * model.seqLength() / par.cp();
        long activation = Math.round(tokens * model.hidden() * act);
        boolean full = job.recompute() == Recompute.FULL;
        double passes = full ? 2 + LayerCompute.fullRecomputeFraction(job) : 2;
        List<Collective> out = new ArrayList<>();

        if (par.tp() > 1) {
            List<int[]> groups = TrafficGroups.tensor(par, gpus);
            boolean shared = routed && model.moe().get().sharedExperts() > 0;
            double pairs = (layers - moeLayers) * 2.0 + moeLayers * (shared ? 2.0 : 1.0);
            double count = m * pairs * passes;
            Window w = job.options().tpCommOverlap() ? Window.TP_GEMMS : Window.STAGE;
            double hidden = job.options().tpCommOverlap() ? 1.0 : 0.0;
            if (job.options().sequenceParallel()) {
                out.add(new Collective("tp-allgather", Dimension.TP, CollectiveKind.ALL_GATHER, groups, activation, count, w,
                        hidden));
                out.add(new Collective("tp-reducescatter", Dimension.TP, CollectiveKind.REDUCE_SCATTER, groups, activation,
                        count, w, hidden));
            } else {
                out.add(new Collective("tp-allreduce", Dimension.TP, CollectiveKind.ALL_REDUCE, groups, activation, count, w,
                        hidden));
            }
        }
        if (par.cp() > 1) {
            List<int[]> sends = TrafficGroups.contextSends(par, gpus);
            double kvHeads = Math.max(1.0, (double) (model.mla().isPresent() ? model.heads() : model.kvHeads()) / par.tp());
            long kv = Math.round(2 * tokens * kvHeads * model.headDim() * act);
            double steps = (par.cp() - 1.0) * layers * m;
            double replays = job.recompute() == Recompute.NONE ? 1 : 2;
            out.add(new Collective("cp-kv-forward", Dimension.CP, CollectiveKind.SEND_RECV, sends, kv, steps * replays,
                    Window.ATTENTION_FORWARD, 1.0));
            out.add(new Collective("cp-kv-backward", Dimension.CP, CollectiveKind.SEND_RECV, sends, 2 * kv, steps,
                    Window.ATTENTION_BACKWARD, 1.0));
        }
        if (moeLayers > 0 && par.ep() > 1) {
            MoeSpec e = model.moe().get();
            double share = 1.0;
            if (job.options().moeDispatcher() == MoeDispatcher.HIERARCHICAL) {
                // One copy per (token, destination node): of top-k copies spread over N nodes, N(1 - (1 - 1/N)^k) distinct nodes.
                double nodes = Math.ceil((double) par.ep() * par.etp() / gpusPerNode);
                share = nodes > 1 ? nodes * (1 - Math.pow(1 - 1 / nodes, e.topK())) / e.topK() : 1.0;
            }
            double routedTokens = tokens / par.tp() * e.topK() * e.tokenFactor();
            long bytes = Math.round(routedTokens * model.hidden() * act * share);
            double count = m * moeLayers * 2.0 * passes;
            boolean overlap = job.options().epCommOverlap();
            out.add(new Collective("ep-alltoall", Dimension.EP, CollectiveKind.ALL_TO_ALL, TrafficGroups.expert(par, gpus),
                    bytes, count, overlap ? Window.MOE_LAYERS : Window.STAGE, overlap ? 1.0 : 0.0));
        }
        if (par.pp() > 1) {
            long bytes = Math.round((double) activation / par.tp());
            out.add(new Collective("pp-send-forward", Dimension.PP, CollectiveKind.SEND_RECV,
                    TrafficGroups.stageSends(par, gpus, true), bytes, (double) m * v, Window.BETWEEN_STAGES, 0));
            out.add(new Collective("pp-send-backward", Dimension.PP, CollectiveKind.SEND_RECV,
                    TrafficGroups.stageSends(par, gpus, false), bytes, (double) m * v, Window.BETWEEN_STAGES, 0));
        }
        dataParallel(job, gpus, plan, out);
        return out;
    }

    /** The gradient (and parameter) exchange, by ZeRO stage; see {@link IterationTraffic}. */
    private static void dataParallel(TrainingJobSpec job, int[] gpus, StagePlan plan, List<Collective> out) {
        ParallelismSpec par = job.parallelism();
        StageParams p = largestStage(job, plan);
        boolean frozen = job.options().fineTuning().map(FineTuningSpec::frozenBase).orElse(false);
        double word = job.precision() == Precision.FP8 ? 2 : job.precision().bytesPerElement();
        double gradWord = job.options().gradReduceFp32() ? 4 : word;
        double overlap = Math.min(1.0, Math.max(0.0, job.dpOverlap()));
        int m = job.microBatchesPerIteration();
        List<Group> groups = new ArrayList<>();
        if (par.dp() * par.cp() > 1) {
            groups.add(new Group("dp", TrafficGroups.gradient(par, gpus), p.trainableDense(frozen),
                    p.denseParams() / Math.max(1, p.layers())));
        }
        if (p.expertParams() > 0 && par.expertDp() > 1) {
            groups.add(new Group("edp", TrafficGroups.expertGradient(par, gpus), p.trainableExpert(frozen),
                    p.expertParams() / Math.max(1, p.layers())));
        }
        for (Group g : groups) {
            if (g.trainable <= 0) {
                continue;
            }
            if (job.zeroStage() >= 3 && !frozen) {
                long layerParams = Math.round(g.perLayer * word);
                long layerGrads = Math.round(g.perLayer * gradWord);
                int layers = Math.max(1, p.layers());
                out.add(new Collective(g.name + "-allgather-first", Dimension.DP, CollectiveKind.ALL_GATHER, g.groups,
                        layerParams, m, Window.STAGE, 0));
                out.add(new Collective(g.name + "-allgather-forward", Dimension.DP, CollectiveKind.ALL_GATHER, g.groups,
                        layerParams, (double) m * (layers - 1), Window.FORWARD, overlap));
                out.add(new Collective(g.name + "-allgather-backward", Dimension.DP, CollectiveKind.ALL_GATHER, g.groups,
                        layerParams, (double) m * layers, Window.BACKWARD, overlap));
                out.add(new Collective(g.name + "-reducescatter", Dimension.DP, CollectiveKind.REDUCE_SCATTER, g.groups,
                        layerGrads, (double) m * layers, Window.BACKWARD, overlap));
            } else if (job.zeroStage() == 0 || frozen) {
                out.add(new Collective(g.name + "-allreduce", Dimension.DP, CollectiveKind.ALL_REDUCE, g.groups,
                        Math.round(g.trainable * gradWord), 1, Window.LAST_BACKWARD, overlap));
            } else {
                out.add(new Collective(g.name + "-reducescatter", Dimension.DP, CollectiveKind.REDUCE_SCATTER, g.groups,
                        Math.round(g.trainable * gradWord), 1, Window.LAST_BACKWARD, overlap));
                out.add(new Collective(g.name + "-allgather", Dimension.DP, CollectiveKind.ALL_GATHER, g.groups,
                        Math.round(g.trainable * word), 1, Window.FIRST_FORWARD, overlap));
            }
        }
    }

    /** A set of gradient groups and the parameters one GPU exchanges over them. */
    private record Group(String name, List<int[]> groups, double trainable, double perLayer) {
    }

    static StageParams largestStage(TrainingJobSpec job, StagePlan plan) {
        StageParams best = null;
        for (int r = 0; r < plan.ranks(); r++) {
            StageParams p = StageParams.of(job, plan, r);
            if (best == null || p.total() > best.total()) {
                best = p;
            }
            if (r == 0 && plan.ranks() > 2) {
                r = plan.ranks() - 2;
            }
        }
        return best;
    }
}
