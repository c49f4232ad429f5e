package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.scenario.JobKeys.FineTuning;
import dev.fleetsim.engine.scenario.JobKeys.Job;
import dev.fleetsim.engine.scenario.JobKeys.Mla;
import dev.fleetsim.engine.scenario.JobKeys.Moe;
import dev.fleetsim.engine.scenario.JobKeys.Model;
import dev.fleetsim.engine.scenario.JobKeys.Parallelism;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.FineTuningSpec;
import dev.fleetsim.engine.workload.Fp8Scaling;
import dev.fleetsim.engine.workload.MlaSpec;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.MoeDispatcher;
import dev.fleetsim.engine.workload.MoeSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.engine.workload.TrainingOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads one training job ({@link JobKeys}), either a listed job (with its id, submit time, tenant
 * and length) or the {@code job} of a generator's mix entry (without them: the generator supplies
 * them per draw). Checks what the job alone can tell: the model's shape and how the layout divides it.
 * What needs the cluster is {@link JobChecks}'s.
 */
final class JobReader {

    private JobReader() {
    }

    /** A listed job of {@code workload.jobs}; null when anything in it is wrong (reported). */
    static TrainingJobSpec readJob(Cursor c) {
        int mark = c.mark();
        if (!c.map(Job.SECTION)) {
            return null;
        }
        String id = Job.ID.read(c);
        Long submitNs = Job.SUBMIT.read(c);
        String tenant = Job.TENANT.read(c);
        Long estimateNs = Job.ESTIMATE.read(c);
        TrainingJobSpec job = readBody(c, mark, id, submitNs, tenant, null);
        return job == null || estimateNs == null ? job : job.withEstimateNs(estimateNs);
    }

    /**
     * The prototype job of a generator's mix entry, given the generator's values for what the
     * template leaves out: {@code id}, the first tenant, and the shortest length.
     */
    static TrainingJobSpec readTemplate(Cursor c, String id, String tenant, long iterations) {
        int mark = c.mark();
        if (!c.map(Job.TEMPLATE)) {
            return null;
        }
        return readBody(c, mark, id, 0L, tenant, iterations);
    }

    /** The keys both kinds share; {@code iterations} null = read iterations or tokens here. */
    private static TrainingJobSpec readBody(Cursor c, int mark, String id, Long submitNs, String tenant,
                                            Long iterations) {
        ModelSpec model = readModel(Job.MODEL.at(c));
        Integer seqLength = Job.SEQ_LENGTH.read(c, model == null ? 1 : model.seqLength());
        Precision precision = Job.PRECISION.read(c);
        Integer globalBatch = Job.GLOBAL_BATCH.read(c);
        Integer microBatch = Job.MICRO_BATCH.read(c);
        Integer virtualStages = Job.VIRTUAL_STAGES.read(c);
        Integer gpus = Job.GPUS.read(c, 0);  // 0: not given
        ParallelismSpec parallelism = readParallelism(Job.PARALLELISM.at(c), virtualStages == null ? 1 : virtualStages);
        if (parallelism != null && gpus != null && gpus > 0) {
            parallelism = JobLayoutChecks.withGpus(Job.GPUS.at(c), Job.PARALLELISM.at(c), parallelism, gpus);
        }
        Recompute recompute = Job.RECOMPUTE.read(c);
        Integer zeroStage = Job.ZERO_STAGE.read(c);
        Double dpOverlap = Job.DP_OVERLAP.read(c);
        Boolean flashAttention = Job.FLASH_ATTENTION.read(c);
        Integer priority = Job.PRIORITY.read(c);
        String gpuType = Job.GPU_TYPE.read(c);
        TrainingOptions options = readOptions(c, parallelism);
        if (iterations == null && model != null && seqLength != null && globalBatch != null) {
            iterations = readLength(c, (long) globalBatch * seqLength);
        }
        // Each layout check runs when its own inputs are valid, so one bad field hides no other problem.
        if (globalBatch != null && microBatch != null && parallelism != null) {
            JobLayoutChecks.checkBatch(c, globalBatch, microBatch, parallelism);
        }
        if (model != null && parallelism != null) {
            JobLayoutChecks.checkModelSplit(c, model, parallelism, seqLength == null ? model.seqLength() : seqLength);
        }
        if (!c.cleanSince(mark)) {
            return null;
        }
        if (seqLength != model.seqLength()) {
            model = model.withSeqLength(seqLength);
        }
        return new TrainingJobSpec(id, model, precision, globalBatch, microBatch, parallelism, recompute, zeroStage,
                dpOverlap, flashAttention, iterations, submitNs, tenant, priority, Optional.ofNullable(gpuType),
                OptionalLong.empty(), options);
    }

    /** The job's software options ({@link TrainingOptions}); Megatron-Core's defaults for what is absent. */
    private static TrainingOptions readOptions(Cursor c, ParallelismSpec parallelism) {
        int tp = parallelism == null ? 1 : parallelism.tp();
        Boolean sp = Job.SEQUENCE_PARALLEL.read(c, tp > 1);
        Boolean tpOverlap = Job.TP_COMM_OVERLAP.read(c);
        Boolean ppOverlap = Job.PP_COMM_OVERLAP.read(c);
        Boolean fp32 = Job.GRAD_REDUCE_FP32.read(c);
        Fp8Scaling scaling = Job.FP8_SCALING.read(c);
        AttentionKernel kernel = Job.ATTENTION.read(c);
        Boolean epOverlap = Job.EP_COMM_OVERLAP.read(c);
        MoeDispatcher dispatcher = Job.MOE_DISPATCHER.read(c);
        Integer recomputeLayers = Job.RECOMPUTE_LAYERS.read(c);
        Boolean fusion = Job.GRAD_ACCUMULATION_FUSION.read(c);
        Long hostPerKernel = Job.HOST_PER_KERNEL.read(c);
        List<String> modules = readNames(Job.RECOMPUTE_MODULES.at(c), TrainingOptions.RECOMPUTE_MODULES, List.of("core_attn"));
        FineTuningSpec fineTuning = readFineTuning(Job.FINE_TUNING.at(c));
        if (sp == null || tpOverlap == null || fp32 == null || scaling == null || epOverlap == null || dispatcher == null
                || modules == null || fusion == null || ppOverlap == null) {
            return null;
        }
        return new TrainingOptions(sp && tp > 1, tpOverlap, fp32, scaling, Optional.ofNullable(kernel),
                Optional.ofNullable(fineTuning), epOverlap,
                recomputeLayers == null ? OptionalInt.empty() : OptionalInt.of(recomputeLayers), Set.copyOf(modules),
                dispatcher, fusion, ppOverlap, hostPerKernel == null ? OptionalLong.empty() : OptionalLong.of(hostPerKernel));
    }

    /** A list of names from {@code allowed}; {@code fallback} when absent; null (reported) when wrong. */
    private static List<String> readNames(Cursor c, List<String> allowed, List<String> fallback) {
        if (!c.present()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (Cursor item : c.list("a list of " + String.join(", ", allowed))) {
            String name = item.string("one of " + String.join(", ", allowed));
            if (name == null) {
                ok = false;
            } else if (!allowed.contains(name)) {
                item.problem(item.found(), Suggestions.oneOf(name, allowed));
                ok = false;
            } else {
                out.add(name);
            }
        }
        return ok && c.node().isArray() ? out : null;
    }

    private static FineTuningSpec readFineTuning(Cursor c) {
        if (!c.present()) {
            return null;
        }
        int mark = c.mark();
        if (!c.map(FineTuning.SECTION)) {
            return null;
        }
        FineTuningSpec.Method method = FineTuning.METHOD.read(c);
        Integer rank = FineTuning.RANK.read(c);
        List<String> targets = readNames(FineTuning.TARGETS.at(c), FineTuningSpec.PROJECTIONS, FineTuningSpec.PROJECTIONS);
        if (targets != null && targets.isEmpty()) {
            FineTuning.TARGETS.at(c).problem("an empty list", "at least one of " + String.join(", ", FineTuningSpec.PROJECTIONS));
        }
        if (!c.cleanSince(mark)) {
            return null;
        }
        return new FineTuningSpec(method, rank, Set.copyOf(targets));
    }

    /** Exactly one of {@code iterations} or {@code tokens}; tokens round up to whole iterations. */
    private static Long readLength(Cursor c, long tokensPerIteration) {
        Cursor iterations = Job.ITERATIONS.at(c);
        Cursor tokens = Job.TOKENS.at(c);
        if (iterations.present() && tokens.present()) {
            tokens.problem(tokens.found() + " as well as iterations " + iterations.found(),
                    "exactly one of iterations or tokens");
            return null;
        }
        if (tokens.present()) {
            Double count = Job.TOKENS.read(c);
            return count == null ? null : (long) Math.ceil(count / tokensPerIteration);
        }
        if (iterations.present()) {
            return Job.ITERATIONS.read(c);
        }
        c.problem("no iterations or tokens", "exactly one of iterations (a count) or tokens (e.g. \"8B\")");
        return null;
    }

    private static ParallelismSpec readParallelism(Cursor c, int virtualStages) {
        if (!c.mapOrAbsent(Parallelism.SECTION)) {
            return null;
        }
        Integer tp = Parallelism.TP.read(c);
        Integer pp = Parallelism.PP.read(c);
        Integer dp = Parallelism.DP.read(c);
        Integer cp = Parallelism.CP.read(c);
        Integer ep = Parallelism.EP.read(c);
        Integer etp = Parallelism.ETP.read(c);
        Integer first = Parallelism.FIRST_STAGE_LAYERS.read(c);
        Integer last = Parallelism.LAST_STAGE_LAYERS.read(c);
        if (tp == null || pp == null || dp == null || cp == null || ep == null || etp == null) {
            return null;
        }
        long gpus = (long) tp * pp * dp * cp;
        if (gpus > JobKeys.MAX_JOB_GPUS) {
            String product = cp == 1 ? "tp x pp x dp = " + tp + " x " + pp + " x " + dp
                    : "tp x cp x dp x pp = " + tp + " x " + cp + " x " + dp + " x " + pp;
            c.problem(gpus + " GPUs (" + product + ")", String.format(
                    java.util.Locale.ROOT, "at most %,d GPUs, the most a cluster may have", JobKeys.MAX_JOB_GPUS));
            return null;
        }
        return new ParallelismSpec(tp, pp, dp, virtualStages, cp, ep, etp,
                first == null ? OptionalInt.empty() : OptionalInt.of(first),
                last == null ? OptionalInt.empty() : OptionalInt.of(last));
    }

    /** A catalogue name, or an inline shape. */
    static ModelSpec readModel(Cursor c) {
        if (!c.present()) {
            c.problem(c.found(), "a model: a catalogue name (" + String.join(", ", ModelCatalog.all().keySet())
                    + ") or a map " + Model.SECTION.braced());
            return null;
        }
        if (c.node().isTextual()) {
            String name = c.node().asText().trim();
            Optional<ModelSpec> found = ModelCatalog.find(name);
            if (found.isEmpty()) {
                c.problem(c.found(), "a catalogue model, " + Suggestions.oneOf(name, ModelCatalog.all().keySet())
                        + "; or an inline map {name, layers, hidden, heads, ...}");
                return null;
            }
            return found.get();
        }
        int mark = c.mark();
        if (!c.map(Model.SECTION)) {
            return null;
        }
        String name = Model.NAME.read(c);
        Integer layers = Model.LAYERS.read(c);
        Integer hidden = Model.HIDDEN.read(c);
        Integer heads = Model.HEADS.read(c);
        Boolean gatedMlp = Model.GATED_MLP.read(c);
        Integer defaultFfn = gatedMlp == null || gatedMlp || hidden == null ? null : 4 * hidden;
        Integer ffnHidden = Model.FFN_HIDDEN.read(c, defaultFfn);
        Integer kvHeads = Model.KV_HEADS.read(c, heads == null ? 1 : heads);
        Integer vocab = Model.VOCAB.read(c);
        Integer seqLength = Model.SEQ_LENGTH.read(c);
        boolean gptStyle = gatedMlp == null || !gatedMlp;
        Integer headDim = Model.HEAD_DIM.read(c, hidden == null || heads == null || heads == 0 ? 1 : Math.max(1, hidden / heads));
        Boolean tied = Model.TIED_EMBEDDINGS.read(c, gptStyle);
        Boolean learned = Model.LEARNED_POSITIONS.read(c, gptStyle);
        Boolean dropout = Model.DROPOUT.read(c, gptStyle);
        MoeSpec moe = readMoe(Model.MOE.at(c));
        MlaSpec mla = readMla(Model.MLA.at(c));
        Integer window = Model.SLIDING_WINDOW.read(c);
        Integer windowLayers = Model.SLIDING_WINDOW_LAYERS.read(c);
        Boolean qkNorm = Model.QK_NORM.read(c);
        if (!c.cleanSince(mark)) {
            return null;
        }
        if (windowLayers > layers) {
            Model.SLIDING_WINDOW_LAYERS.at(c).problem(Model.SLIDING_WINDOW_LAYERS.at(c).found(),
                    "at most the " + layers + " layers");
        } else if (windowLayers > 0 && window == null) {
            Model.SLIDING_WINDOW_LAYERS.at(c).problem(Model.SLIDING_WINDOW_LAYERS.at(c).found() + " without slidingWindow",
                    "0, or a slidingWindow as well");
        }
        if (hidden % heads != 0 && !Model.HEAD_DIM.at(c).present()) {
            Model.HEADS.at(c).problem(Model.HEADS.at(c).found(), "a head count dividing hidden " + hidden
                    + " (or a headDim)");
        }
        if (kvHeads > heads || heads % kvHeads != 0) {
            Cursor kv = Model.KV_HEADS.at(c);
            kv.problem(kv.present() ? kv.found() : kvHeads + " (the default, heads)", "a divisor of heads " + heads);
        }
        return c.cleanSince(mark)
                ? new ModelSpec(name, layers, hidden, heads, kvHeads, ffnHidden, gatedMlp, vocab, seqLength, headDim, tied,
                learned, dropout, Optional.ofNullable(moe), Optional.ofNullable(mla),
                window == null ? OptionalInt.empty() : OptionalInt.of(window), windowLayers, qkNorm) : null;
    }

    private static MoeSpec readMoe(Cursor c) {
        if (!c.present()) {
            return null;
        }
        int mark = c.mark();
        if (!c.map(Moe.SECTION)) {
            return null;
        }
        Integer experts = Moe.EXPERTS.read(c);
        Integer topK = Moe.TOP_K.read(c);
        Integer width = Moe.MOE_FFN_HIDDEN.read(c);
        Integer shared = Moe.SHARED_EXPERTS.read(c);
        Integer sharedWidth = Moe.SHARED_FFN_HIDDEN.read(c, width == null ? 1 : width);
        Integer dense = Moe.DENSE_LAYERS.read(c);
        Double capacity = Moe.CAPACITY_FACTOR.read(c);
        Boolean bias = Moe.EXPERT_BIAS.read(c);
        if (!c.cleanSince(mark)) {
            return null;
        }
        if (topK > experts) {
            Moe.TOP_K.at(c).problem(Moe.TOP_K.at(c).found(), "at most the " + experts + " experts");
            return null;
        }
        return new MoeSpec(experts, topK, width, shared, sharedWidth, dense,
                capacity == null ? OptionalDouble.empty() : OptionalDouble.of(capacity), bias);
    }

    private static MlaSpec readMla(Cursor c) {
        if (!c.present()) {
            return null;
        }
        int mark = c.mark();
        if (!c.map(Mla.SECTION)) {
            return null;
        }
        Integer q = Mla.Q_LORA_RANK.read(c);
        Integer kv = Mla.KV_LORA_RANK.read(c);
        Integer nope = Mla.QK_NOPE.read(c);
        Integer rope = Mla.QK_ROPE.read(c);
        Integer v = Mla.V_HEAD_DIM.read(c);
        return c.cleanSince(mark) ? new MlaSpec(q, kv, nope, rope, v) : null;
    }
}
