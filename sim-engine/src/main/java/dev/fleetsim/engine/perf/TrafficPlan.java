package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.perf.IterationTraffic.Collective;
import dev.fleetsim.engine.perf.IterationTraffic.Dimension;
import dev.fleetsim.engine.perf.IterationTraffic.Window;
import dev.fleetsim.engine.workload.FineTuningSpec;
import dev.fleetsim.engine.workload.Fp8Scaling;
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
            tensorParallel(job, gpus, layers, moeLayers, routed, m, tokens, out);
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
            List<int[]> groups = TrafficGroups.expert(par, gpus);
            if (!job.options().epCommOverlap()) {
                out.add(new Collective("ep-alltoall", Dimension.EP, CollectiveKind.ALL_TO_ALL, groups, bytes, count,
                        Window.STAGE, 0.0));
            } else {
                // Megatron-Core's combined 1F1B: each all-to-all behind one sub-module of the paired micro-batch
                // (Window.MOE_ATTENTION_FORWARD); what full recomputation replays goes with the dispatches.
                double perLayer = m * moeLayers;
                out.add(new Collective("ep-combine-backward", Dimension.EP, CollectiveKind.ALL_TO_ALL, groups, bytes,
                        perLayer, Window.MOE_ATTENTION_FORWARD, 1.0));
                out.add(new Collective("ep-dispatch", Dimension.EP, CollectiveKind.ALL_TO_ALL, groups, bytes,
                        count - 2 * perLayer, Window.MOE_EXPERTS, 1.0));
                out.add(new Collective("ep-combine-forward", Dimension.EP, CollectiveKind.ALL_TO_ALL, groups, bytes,
                        perLayer, Window.MOE_ATTENTION_BACKWARD, 1.0));
            }
            Window dispatch = job.options().epCommOverlap() ? Window.MOE_EXPERTS : Window.STAGE;
            MoeDispatchTraffic.add(job, groups, e.experts(), routedTokens, m * moeLayers * (passes - 1),
                    m * moeLayers * passes, dispatch, out);
        }
        if (par.pp() > 1) {
            long bytes = Math.round((double) activation / par.tp());
            // Megatron's overlap_p2p_comm (interleaved schedule): every hand-off but the warm-up's and the
            // flush's (pp - 1 each way) is posted before the chunk that consumes it and hides behind compute.
            boolean overlap = job.options().ppCommOverlap() && v > 1;
            double hidden = overlap ? Math.max(0.0, 1.0 - (par.pp() - 1.0) / ((double) m * v)) : 0.0;
            out.add(new Collective("pp-send-forward", Dimension.PP, CollectiveKind.SEND_RECV,
                    TrafficGroups.stageSends(par, gpus, true), bytes, (double) m * v,
                    overlap ? Window.FORWARD : Window.BETWEEN_STAGES, hidden));
            out.add(new Collective("pp-send-backward", Dimension.PP, CollectiveKind.SEND_RECV,
                    TrafficGroups.stageSends(par, gpus, false), bytes, (double) m * v,
                    overlap ? Window.BACKWARD : Window.BETWEEN_STAGES, hidden));
        }
        dataParallel(job, gpus, plan, out);
        return out;
    }

    /**
     * The TP collectives of the busiest rank's layers, per pair of linear layers (attention: QKV or
     * MLA's up-projections, then the output projection; MLP: FC1, then FC2; MoE layers: the shared
     * experts' MLP only). With sequence parallelism (Megatron-Core's {@code
     * LinearWithGradAccumulationAndAsyncCommunication}, Transformer Engine's {@code LayerNormLinear} /
     * {@code Linear}): forward, an all-gather of the column-parallel layer's input and a
     * reduce-scatter of the row-parallel layer's output; backward, an all-gather of the row-parallel
     * layer's output gradient, a re-gather of the column-parallel input (only the shard is saved) behind
     * that layer's data-gradient GEMM, and a reduce-scatter of its input gradient behind its
     * weight-gradient GEMM (both asynchronous in Megatron, bulk overlaps in TE). With {@code
     * tpCommOverlap} the forward all-gather and the output-gradient all-gather run as TE's ring
     * exchanges, each behind its own GEMM, split in {@code tp} steps of which the last cannot hide,
     * moved by the copy engines (no SMs), and the forward reduce-scatter as TE's pipeline overlap
     * ({@link TpOverlapGemms#PIPELINE_SPLITS} chunks, the last exposed; its SMs are taken off the
     * GEMM); otherwise they are exposed. In FP8 the all-gathers move the 1-byte
     * quantized tensors (TE's quantized all-gather) and current scaling all-reduces each gathered
     * tensor's amax over the TP group first. Without sequence parallelism: an all-reduce of the
     * row-parallel output forward and of the column-parallel input gradient backward, both exposed.
     * Full recomputation replays the forward ones.
     */
    private static void tensorParallel(TrainingJobSpec job, int[] gpus, int layers, int moeLayers, boolean routed, int m,
                                       double tokens, List<Collective> out) {
        ParallelismSpec par = job.parallelism();
        ModelSpec model = job.model();
        List<int[]> groups = TrafficGroups.tensor(par, gpus);
        boolean fp8 = job.precision() == Precision.FP8;
        double act = fp8 ? 2 : job.precision().bytesPerElement();
        double h = model.hidden();
        double replays = 1 + (job.recompute() == Recompute.FULL ? LayerCompute.fullRecomputeFraction(job) : 0);
        boolean shared = routed && model.moe().get().sharedExperts() > 0;
        int mlpLayers = layers - moeLayers + (shared ? moeLayers : 0);
        // MLA gathers its compressed q and kv latents before the column-parallel up-projections.
        double attentionIn = model.mla().map(a -> (double) a.qLoraRank() + a.kvLoraRank()).orElse(h);
        if (!job.options().sequenceParallel()) {
            // One all-reduce per linear pair forward (and per replay), one backward; all exposed.
            double count = (double) m * (layers + mlpLayers);
            out.add(new Collective("tp-allreduce", Dimension.TP, CollectiveKind.ALL_REDUCE, groups,
                    Math.round(tokens * h * act), count * (replays + 1), Window.STAGE, 0));
            return;
        }
        boolean ring = job.options().tpCommOverlap();
        double gatherWord = fp8 ? 1 : act;
        double ringHidden = ring ? 1 - 1.0 / par.tp() : 0;
        int ringSms = ring ? 0 : IterationTraffic.NCCL_SMS;
        Window[][] pairs = {{Window.QKV_FPROP, Window.PROJ_FPROP, Window.PROJ_DGRAD, Window.QKV_DGRAD, Window.QKV_WGRAD},
            {Window.FC1_FPROP, Window.FC2_FPROP, Window.FC2_DGRAD, Window.FC1_DGRAD, Window.FC1_WGRAD}};
        String[] names = {"attention", "mlp"};
        double[] inWidth = {attentionIn, h};
        int[] count = {layers, mlpLayers};
        for (int i = 0; i < 2; i++) {
            if (count[i] == 0) {
                continue;
            }
            Window[] w = pairs[i];
            double n = (double) m * count[i];
            String p = "tp-" + names[i];
            out.add(new Collective(p + "-allgather-fprop", Dimension.TP, CollectiveKind.ALL_GATHER, groups,
                    Math.round(tokens * inWidth[i] * gatherWord), n * replays, ring ? w[0] : Window.STAGE, ringHidden, ringSms));
            // TE's pipeline overlap: all but the last of its chunks hide; its SMs are taken off the GEMM (LayerCompute).
            out.add(new Collective(p + "-reducescatter-fprop", Dimension.TP, CollectiveKind.REDUCE_SCATTER, groups,
                    Math.round(tokens * h * act), n * replays, ring ? w[1] : Window.STAGE,
                    ring ? 1 - 1.0 / TpOverlapGemms.PIPELINE_SPLITS : 0, ringSms));
            out.add(new Collective(p + "-allgather-dgrad", Dimension.TP, CollectiveKind.ALL_GATHER, groups,
                    Math.round(tokens * h * gatherWord), n, ring ? w[2] : Window.STAGE, ringHidden, ringSms));
            out.add(new Collective(p + "-regather-dgrad", Dimension.TP, CollectiveKind.ALL_GATHER, groups,
                    Math.round(tokens * inWidth[i] * gatherWord), n, w[3], 1.0));
            out.add(new Collective(p + "-reducescatter-wgrad", Dimension.TP, CollectiveKind.REDUCE_SCATTER, groups,
                    Math.round(tokens * inWidth[i] * act), n, w[4], 1.0));
            if (fp8 && job.options().fp8Scaling() == Fp8Scaling.CURRENT) {
                out.add(new Collective(p + "-amax-allreduce", Dimension.TP, CollectiveKind.ALL_REDUCE, groups, 4,
                        n * (replays + 1), Window.STAGE, 0));
            }
        }
    }

    /** The gradient (and parameter) exchange, by ZeRO stage; see {@link IterationTraffic}. */
    private static void dataParallel(TrainingJobSpec job, int[] gpus, StagePlan plan, List<Collective> out) {
        ParallelismSpec par = job.parallelism();
        StageParams p = largestStage(job, plan);
        boolean frozen = job.options().fineTuning().map(FineTuningSpec::frozenBase).orElse(false);
        double word = job.precision() == Precision.FP8 ? 2 : job.precision().bytesPerElement();
        double gradWord = job.options().gradReduceFp32() ? 4 : word;
        double overlap = Math.min(1.0, Math.max(0.0, job.dpOverlap()));
        // With model chunks, the last chunk's exchange has nothing left to hide behind (ChunkedDpOverlap).
        double chunked = overlap * ChunkedDpOverlap.hiddenShare(par.pp(), plan.virtualStages());
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
                        Math.round(g.trainable * gradWord), 1, Window.LAST_BACKWARD, chunked));
            } else {
                out.add(new Collective(g.name + "-reducescatter", Dimension.DP, CollectiveKind.REDUCE_SCATTER, g.groups,
                        Math.round(g.trainable * gradWord), 1, Window.LAST_BACKWARD, chunked));
                out.add(new Collective(g.name + "-allgather", Dimension.DP, CollectiveKind.ALL_GATHER, g.groups,
                        Math.round(g.trainable * word), 1, Window.FIRST_FORWARD, chunked));
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
