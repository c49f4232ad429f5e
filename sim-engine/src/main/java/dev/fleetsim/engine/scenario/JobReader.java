package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one training job, either a listed job (with its id, submit time, tenant and length) or
 * the {@code job} of a generator's mix entry (without them: the generator supplies them per
 * draw). Checks what the job alone can tell: the model's shape and how the layout divides it.
 * What needs the cluster is {@link JobChecks}'s.
 */
final class JobReader {

    static final List<String> JOB_KEYS = List.of("id", "model", "seqLength", "precision", "globalBatch", "microBatch",
            "parallelism", "virtualStages", "recompute", "zeroStage", "dpOverlap", "flashAttention", "iterations",
            "tokens", "submit", "tenant", "priority", "gpuType", "estimate");
    static final List<String> TEMPLATE_KEYS = List.of("model", "seqLength", "precision", "globalBatch", "microBatch",
            "parallelism", "virtualStages", "recompute", "zeroStage", "dpOverlap", "flashAttention", "priority",
            "gpuType");
    /** Keys of a listed job that a generator's template must not have, and why. */
    private static final Map<String, String> NOT_IN_TEMPLATE = Map.of(
            "id", "no id here: the generator names the jobs it draws",
            "submit", "no submit time here: the generator draws arrivals from start and meanInterarrival",
            "tenant", "no tenant here: each draw takes one of the generator's tenants",
            "iterations", "no length here: the mix entry's iterations {min, max} sets it",
            "tokens", "no length here: the mix entry's iterations {min, max} sets it",
            "estimate", "no estimate here: a user's run-time estimate belongs to a listed job");
    static final List<String> MODEL_KEYS = List.of("name", "layers", "hidden", "heads", "kvHeads", "ffnHidden",
            "gatedMlp", "vocab", "seqLength");
    static final List<String> PARALLELISM_KEYS = List.of("tp", "pp", "dp");

    static final Map<String, Precision> PRECISIONS = precisions();
    static final Map<String, Recompute> RECOMPUTE = recomputeModes();

    static final double DEFAULT_DP_OVERLAP = 0.8;
    static final String DEFAULT_TENANT = "default";

    private JobReader() {
    }

    /** A listed job of {@code workload.jobs}; null when anything in it is wrong (reported). */
    static TrainingJobSpec readJob(Cursor c) {
        int mark = c.mark();
        if (!c.map(JOB_KEYS, "a job")) {
            return null;
        }
        String id = c.requiredString("id", "a job id, unique in the scenario");
        Long submitNs = c.quantity("submit", 0L, Units::durationNs, Units.DURATION_UNITS, false);
        String tenant = c.optionalString("tenant", DEFAULT_TENANT, "a tenant name");
        Cursor estimate = c.field("estimate");
        Long estimateNs = estimate.present() ? estimate.quantity(Units::durationNs, Units.DURATION_UNITS, true) : null;
        TrainingJobSpec job = readBody(c, mark, id, submitNs, tenant, null);
        return job == null || estimateNs == null ? job : job.withEstimateNs(estimateNs);
    }

    /**
     * The prototype job of a generator's mix entry, given the generator's values for what the
     * template leaves out: {@code id}, the first tenant, and the shortest length.
     */
    static TrainingJobSpec readTemplate(Cursor c, String id, String tenant, long iterations) {
        int mark = c.mark();
        if (!c.map(TEMPLATE_KEYS, NOT_IN_TEMPLATE, "a job template")) {
            return null;
        }
        return readBody(c, mark, id, 0L, tenant, iterations);
    }

    /** The keys both kinds share; {@code iterations} null = read iterations or tokens here. */
    private static TrainingJobSpec readBody(Cursor c, int mark, String id, Long submitNs, String tenant,
                                            Long iterations) {
        ModelSpec model = readModel(c.field("model"));
        Integer seqLength = c.intValue("seqLength", model == null ? 1 : model.seqLength(), 1, 10_000_000);
        Precision precision = c.choice("precision", null, PRECISIONS);
        Integer globalBatch = c.intValue("globalBatch", null, 1, 100_000_000);
        Integer microBatch = c.intValue("microBatch", 1, 1, 100_000_000);
        Integer virtualStages = c.intValue("virtualStages", 1, 1, 1_000);
        ParallelismSpec parallelism = readParallelism(c.field("parallelism"), virtualStages == null ? 1 : virtualStages);
        Recompute recompute = c.choice("recompute", Recompute.NONE, RECOMPUTE);
        Integer zeroStage = c.intValue("zeroStage", 0, 0, 3);
        Double dpOverlap = c.number("dpOverlap", DEFAULT_DP_OVERLAP, 0, false, 1, false);
        Boolean flashAttention = c.bool("flashAttention", true);
        Integer priority = c.intValue("priority", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        String gpuType = c.optionalString("gpuType", null, "a GPU type name");
        if (iterations == null && model != null && seqLength != null && globalBatch != null) {
            iterations = readLength(c, (long) globalBatch * seqLength);
        }
        // Each layout check runs when its own inputs are valid, so one bad field hides no other problem.
        if (globalBatch != null && microBatch != null && parallelism != null) {
            checkBatch(c, globalBatch, microBatch, parallelism);
        }
        if (model != null && parallelism != null) {
            checkModelSplit(c, model, parallelism);
        }
        if (!c.cleanSince(mark)) {
            return null;
        }
        if (seqLength != model.seqLength()) {
            model = model.withSeqLength(seqLength);
        }
        return new TrainingJobSpec(id, model, precision, globalBatch, microBatch, parallelism, recompute, zeroStage,
                dpOverlap, flashAttention, iterations, submitNs, tenant, priority, Optional.ofNullable(gpuType));
    }

    /** Exactly one of {@code iterations} or {@code tokens}; tokens round up to whole iterations. */
    private static Long readLength(Cursor c, long tokensPerIteration) {
        Cursor iterations = c.field("iterations");
        Cursor tokens = c.field("tokens");
        if (iterations.present() && tokens.present()) {
            tokens.problem(tokens.found() + " as well as iterations " + iterations.found(),
                    "exactly one of iterations or tokens");
            return null;
        }
        if (tokens.present()) {
            Double count = tokens.node().isNumber()
                    ? Double.valueOf(tokens.node().asDouble()) : tokens.quantity(Units::count, Units.COUNT_UNITS, true);
            if (count == null) {
                return null;
            }
            if (!(count >= 1 && count <= 1e18)) {
                tokens.problem(tokens.found(), "a token count from 1 to 1e18");
                return null;
            }
            return (long) Math.ceil(count / tokensPerIteration);
        }
        if (iterations.present()) {
            return iterations.integer(1, Long.MAX_VALUE / 2);
        }
        c.problem("no iterations or tokens", "exactly one of iterations (a count) or tokens (e.g. \"8B\")");
        return null;
    }

    private static ParallelismSpec readParallelism(Cursor c, int virtualStages) {
        if (!c.present()) {
            return new ParallelismSpec(1, 1, 1, virtualStages);
        }
        if (!c.map(PARALLELISM_KEYS, "a parallel layout {tp, pp, dp}")) {
            return null;
        }
        Integer tp = c.intValue("tp", 1, 1, 1_000_000);
        Integer pp = c.intValue("pp", 1, 1, 1_000_000);
        Integer dp = c.intValue("dp", 1, 1, 1_000_000);
        if (tp == null || pp == null || dp == null) {
            return null;
        }
        return new ParallelismSpec(tp, pp, dp, virtualStages);
    }

    /** The global batch splits evenly into data-parallel replicas of whole micro-batches. */
    private static void checkBatch(Cursor c, int globalBatch, int microBatch, ParallelismSpec p) {
        int perStep = p.dp() * microBatch;
        if (globalBatch % perStep != 0) {
            c.field("globalBatch").problem(c.field("globalBatch").found(),
                    "a multiple of dp x microBatch = " + p.dp() + " x " + microBatch + " = " + perStep);
        }
    }

    /** Pipeline stages split the layers evenly, and tensor parallelism the attention heads. */
    private static void checkModelSplit(Cursor c, ModelSpec m, ParallelismSpec p) {
        int stages = p.pp() * p.virtualStages();
        if (m.layers() % stages != 0) {
            Cursor at = p.virtualStages() > 1 ? c.field("virtualStages") : c.field("parallelism").field("pp");
            at.problem(at.found() + " (" + m.layers() + " layers of " + m.name() + " over pp x virtualStages = "
                    + p.pp() + " x " + p.virtualStages() + " = " + stages + " stages)", "pp x virtualStages dividing "
                    + m.layers() + " layers");
        }
        if (p.virtualStages() > 1 && p.pp() == 1) {
            c.field("virtualStages").problem(c.field("virtualStages").found() + " with pp 1",
                    "1 unless pp >= 2: interleaving splits a pipeline stage");
        }
        if (m.heads() % p.tp() != 0) {
            Cursor tp = c.field("parallelism").field("tp");
            tp.problem(tp.found() + " (" + m.name() + " has " + m.heads() + " heads)",
                    "a tp dividing the " + m.heads() + " attention heads");
        }
    }

    /** A catalogue name, or an inline shape. */
    static ModelSpec readModel(Cursor c) {
        if (!c.present()) {
            c.problem(c.found(), "a model: a catalogue name (" + String.join(", ", ModelCatalog.all().keySet())
                    + ") or a map {name, layers, hidden, heads, kvHeads, ffnHidden, gatedMlp, vocab, seqLength}");
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
        if (!c.map(MODEL_KEYS, "a model name or a map {name, layers, hidden, heads, kvHeads, ffnHidden, gatedMlp, vocab, seqLength}")) {
            return null;
        }
        String name = c.requiredString("name", "a model name, used in results");
        Integer layers = c.intValue("layers", null, 1, 100_000);
        Integer hidden = c.intValue("hidden", null, 1, 10_000_000);
        Integer heads = c.intValue("heads", null, 1, 100_000);
        Boolean gatedMlp = c.bool("gatedMlp", false);
        // GPT's MLP is 4h wide; a gated (SwiGLU) MLP has no one convention, so it must be given.
        Integer defaultFfn = gatedMlp == null || gatedMlp || hidden == null ? null : 4 * hidden;
        Integer ffnHidden = c.intValue("ffnHidden", defaultFfn, 1, 100_000_000);
        Integer kvHeads = c.intValue("kvHeads", heads == null ? 1 : heads, 1, 100_000);
        Integer vocab = c.intValue("vocab", null, 1, 100_000_000);
        Integer seqLength = c.intValue("seqLength", null, 1, 10_000_000);
        if (!c.cleanSince(mark)) {
            return null;
        }
        if (hidden % heads != 0) {
            c.field("heads").problem(c.field("heads").found(), "a head count dividing hidden " + hidden);
        }
        if (kvHeads > heads || heads % kvHeads != 0) {
            Cursor kv = c.field("kvHeads");
            kv.problem(kv.present() ? kv.found() : kvHeads + " (the default, heads)", "a divisor of heads " + heads);
        }
        return c.cleanSince(mark)
                ? new ModelSpec(name, layers, hidden, heads, kvHeads, ffnHidden, gatedMlp, vocab, seqLength) : null;
    }

    private static Map<String, Precision> precisions() {
        Map<String, Precision> m = new LinkedHashMap<>();
        for (Precision p : Precision.values()) {
            m.put(p.key(), p);
        }
        return m;
    }

    private static Map<String, Recompute> recomputeModes() {
        Map<String, Recompute> m = new LinkedHashMap<>();
        for (Recompute r : Recompute.values()) {
            m.put(r.name().toLowerCase(Locale.ROOT), r);
        }
        return m;
    }
}
