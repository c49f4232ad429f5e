package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.scenario.JobKeys.Job;
import dev.fleetsim.engine.scenario.JobKeys.Model;
import dev.fleetsim.engine.scenario.JobKeys.Parallelism;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.Optional;

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
        ParallelismSpec parallelism = readParallelism(Job.PARALLELISM.at(c), virtualStages == null ? 1 : virtualStages);
        Recompute recompute = Job.RECOMPUTE.read(c);
        Integer zeroStage = Job.ZERO_STAGE.read(c);
        Double dpOverlap = Job.DP_OVERLAP.read(c);
        Boolean flashAttention = Job.FLASH_ATTENTION.read(c);
        Integer priority = Job.PRIORITY.read(c);
        String gpuType = Job.GPU_TYPE.read(c);
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
        if (tp == null || pp == null || dp == null) {
            return null;
        }
        return new ParallelismSpec(tp, pp, dp, virtualStages);
    }

    /** The global batch splits evenly into data-parallel replicas of whole micro-batches. */
    private static void checkBatch(Cursor c, int globalBatch, int microBatch, ParallelismSpec p) {
        int perStep = p.dp() * microBatch;
        if (globalBatch % perStep != 0) {
            Job.GLOBAL_BATCH.at(c).problem(Job.GLOBAL_BATCH.at(c).found(),
                    "a multiple of dp x microBatch = " + p.dp() + " x " + microBatch + " = " + perStep);
        }
    }

    /** Pipeline stages split the layers evenly, and tensor parallelism the attention heads. */
    private static void checkModelSplit(Cursor c, ModelSpec m, ParallelismSpec p) {
        int stages = p.pp() * p.virtualStages();
        if (m.layers() % stages != 0) {
            Cursor at = p.virtualStages() > 1 ? Job.VIRTUAL_STAGES.at(c) : Parallelism.PP.at(Job.PARALLELISM.at(c));
            at.problem(at.found() + " (" + m.layers() + " layers of " + m.name() + " over pp x virtualStages = "
                    + p.pp() + " x " + p.virtualStages() + " = " + stages + " stages)", "pp x virtualStages dividing "
                    + m.layers() + " layers");
        }
        if (p.virtualStages() > 1 && p.pp() == 1) {
            Job.VIRTUAL_STAGES.at(c).problem(Job.VIRTUAL_STAGES.at(c).found() + " with pp 1",
                    "1 unless pp >= 2: interleaving splits a pipeline stage");
        }
        if (m.heads() % p.tp() != 0) {
            Cursor tp = Parallelism.TP.at(Job.PARALLELISM.at(c));
            tp.problem(tp.found() + " (" + m.name() + " has " + m.heads() + " heads)",
                    "a tp dividing the " + m.heads() + " attention heads");
        }
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
        if (!c.cleanSince(mark)) {
            return null;
        }
        if (hidden % heads != 0) {
            Model.HEADS.at(c).problem(Model.HEADS.at(c).found(), "a head count dividing hidden " + hidden);
        }
        if (kvHeads > heads || heads % kvHeads != 0) {
            Cursor kv = Model.KV_HEADS.at(c);
            kv.problem(kv.present() ? kv.found() : kvHeads + " (the default, heads)", "a divisor of heads " + heads);
        }
        return c.cleanSince(mark)
                ? new ModelSpec(name, layers, hidden, heads, kvHeads, ffnHidden, gatedMlp, vocab, seqLength) : null;
    }
}
