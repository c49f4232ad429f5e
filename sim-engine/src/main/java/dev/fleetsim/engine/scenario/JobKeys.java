package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.scenario.Section.Listing;
import dev.fleetsim.engine.topology.HardwareCatalog;
import dev.fleetsim.engine.topology.Precision;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static dev.fleetsim.engine.scenario.Types.NODES;

/**
 * The keys of a training job ({@code workload.jobs[]}, and a generator's job template, which is
 * the job without the keys marked {@code notInTemplate}), its parallel layout and an inline
 * model. See {@link ScenarioKeys} for how to add one.
 */
final class JobKeys {

    private static final String NO_LENGTH = "no length here: the mix entry's iterations {min, max} sets it";

    private JobKeys() {
    }

    /** {@code workload.jobs[]}; {@link #TEMPLATE} is {@code workload.generators[].mix[].job}. */
    static final class Job {
        static final Section<TrainingJobSpec> SECTION = Section.of("job", "a job", Listing.LABEL);
        static final Section<TrainingJobSpec> TEMPLATE = SECTION.template("jobTemplate", "a job template");

        static final Key<TrainingJobSpec, String> ID = SECTION.key("id", Types.text("a job id, unique in the scenario"))
                .required().get(TrainingJobSpec::id).notInTemplate("no id here: the generator names the jobs it draws")
                .doc("unique among jobs");
        static final Key<TrainingJobSpec, ModelSpec> MODEL = SECTION.key("model", model()).required()
                .get(TrainingJobSpec::model).doc("a catalogue model or an inline shape");
        // Not written: the resolved scenario writes the model inline with this length in it.
        static final Key<TrainingJobSpec, Integer> SEQ_LENGTH = SECTION.key("seqLength", Types.integer(1, 10_000_000))
                .computed("the model's").doc("tokens per sequence; replaces the model's");
        static final Key<TrainingJobSpec, Precision> PRECISION = SECTION.key("precision", Types.choice(precisions()))
                .required().get(TrainingJobSpec::precision).doc("GEMM precision; the GPU type must support it");
        static final Key<TrainingJobSpec, Integer> GLOBAL_BATCH = SECTION.key("globalBatch",
                Types.integer(1, 100_000_000)).required().get(TrainingJobSpec::globalBatchSeqs)
                .doc("sequences per iteration; a multiple of dp x microBatch");
        static final Key<TrainingJobSpec, Integer> MICRO_BATCH = SECTION.key("microBatch", Types.integer(1, 100_000_000))
                .byDefault(1).get(TrainingJobSpec::microBatchSeqs).doc("sequences per micro-batch");
        static final Key<TrainingJobSpec, ParallelismSpec> PARALLELISM = SECTION.key("parallelism",
                Types.map(Parallelism.SECTION)).optional("each `1`").get(TrainingJobSpec::parallelism)
                .doc("the parallel layout; tp x pp x dp GPUs");
        static final Key<TrainingJobSpec, Integer> VIRTUAL_STAGES = SECTION.key("virtualStages", Types.integer(1, 1_000))
                .byDefault(1).get(j -> j.parallelism().virtualStages())
                .doc("interleaved pipeline stages per GPU; > 1 needs pp >= 2");
        static final Key<TrainingJobSpec, Recompute> RECOMPUTE = SECTION.key("recompute", Types.choice(recomputeModes()))
                .byDefault(Recompute.NONE).get(TrainingJobSpec::recompute).doc("activation recomputation");
        static final Key<TrainingJobSpec, Integer> ZERO_STAGE = SECTION.key("zeroStage", Types.integer(0, 3))
                .byDefault(0).get(TrainingJobSpec::zeroStage).doc("ZeRO stage (3 = fully sharded)");
        static final Key<TrainingJobSpec, Double> DP_OVERLAP = SECTION.key("dpOverlap", Types.number(0, false, 1, false))
                .byDefault(0.8).get(TrainingJobSpec::dpOverlap)
                .doc("share of the gradient exchange hidden behind backward");
        static final Key<TrainingJobSpec, Boolean> FLASH_ATTENTION = SECTION.key("flashAttention", Types.bool())
                .byDefault(true).get(TrainingJobSpec::flashAttention).doc("fused attention (no s x s scores in HBM)");
        static final Key<TrainingJobSpec, Long> ITERATIONS = SECTION.key("iterations",
                Types.longInteger(1, Long.MAX_VALUE / 2)).optional("—").get(TrainingJobSpec::iterations)
                .notInTemplate(NO_LENGTH).doc("iterations to run; exactly one of iterations and tokens");
        // Not written: the resolved scenario writes the iterations the tokens round up to.
        static final Key<TrainingJobSpec, Double> TOKENS = SECTION.key("tokens", Types.tokenCount()).optional("—")
                .notInTemplate(NO_LENGTH)
                .doc("tokens to train on, e.g. 8B; iterations = ceil(tokens / (globalBatch x seqLength))");
        static final Key<TrainingJobSpec, Long> SUBMIT = SECTION.key("submit", Types.duration(false)).byDefault(0L)
                .get(TrainingJobSpec::submitTimeNs)
                .notInTemplate("no submit time here: the generator draws arrivals from start and meanInterarrival")
                .doc("simulated submit time");
        static final Key<TrainingJobSpec, String> TENANT = SECTION.key("tenant", Types.text("a tenant name"))
                .byDefault("default").get(TrainingJobSpec::tenant)
                .notInTemplate("no tenant here: each draw takes one of the generator's tenants").doc("who owns the job");
        static final Key<TrainingJobSpec, Integer> PRIORITY = SECTION.key("priority",
                Types.integer(Integer.MIN_VALUE, Integer.MAX_VALUE)).byDefault(0).get(TrainingJobSpec::priority)
                .doc("larger = more important");
        static final Key<TrainingJobSpec, String> GPU_TYPE = SECTION.key("gpuType",
                Types.name("a GPU type name", context -> HardwareCatalog.defaults().keySet()))
                .optional("any type in the cluster").get(j -> j.gpuType().orElse(null))
                .doc("the GPU type the job requires; one some node group has");
        static final Key<TrainingJobSpec, Long> ESTIMATE = SECTION.key("estimate", Types.duration(true)).optional("none")
                .get(j -> j.estimateNs().isPresent() ? j.estimateNs().getAsLong() : null)
                .notInTemplate("no estimate here: a user's run-time estimate belongs to a listed job")
                .doc("the user's guess of the run time, for sjf, srtf and backfill with length: estimate");

        static {
            SECTION.exactlyOneOf(ITERATIONS, TOKENS);
        }

        private Job() {
        }

        /** A catalogue name or an inline map; always written inline, so the resolved file needs no catalogue. */
        private static ValueType<ModelSpec> model() {
            return Types.container("a model", m -> Model.SECTION.write(m), context -> {
                ObjectNode s = NODES.objectNode();
                s.putArray("anyOf").add(NODES.objectNode().set("enum", Types.strings(ModelCatalog.all().keySet())))
                        .add(Types.ref(Model.SECTION));
                return s;
            }, Model.SECTION);
        }

        static Map<String, Precision> precisions() {
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

    /** {@code parallelism}. */
    static final class Parallelism {
        static final Section<ParallelismSpec> SECTION = Section.of("parallelism", "a parallel layout", Listing.BRACES);
        static final Key<ParallelismSpec, Integer> TP = SECTION.key("tp", Types.integer(1, 1_000_000)).byDefault(1)
                .get(ParallelismSpec::tp).doc("tensor-parallel degree; divides the attention heads");
        static final Key<ParallelismSpec, Integer> PP = SECTION.key("pp", Types.integer(1, 1_000_000)).byDefault(1)
                .get(ParallelismSpec::pp).doc("pipeline-parallel degree; pp x virtualStages divides the layers");
        static final Key<ParallelismSpec, Integer> DP = SECTION.key("dp", Types.integer(1, 1_000_000)).byDefault(1)
                .get(ParallelismSpec::dp).doc("data-parallel degree");

        private Parallelism() {
        }
    }

    /** An inline {@code model} shape. */
    static final class Model {
        static final Section<ModelSpec> SECTION = Section.of("model", "a model name or a map", Listing.BRACES);
        static final Key<ModelSpec, String> NAME = SECTION.key("name", Types.text("a model name, used in results"))
                .required().get(ModelSpec::name).doc("a label for results");
        static final Key<ModelSpec, Integer> LAYERS = SECTION.key("layers", Types.integer(1, 100_000)).required()
                .get(ModelSpec::layers).doc("transformer layers");
        static final Key<ModelSpec, Integer> HIDDEN = SECTION.key("hidden", Types.integer(1, 10_000_000)).required()
                .get(ModelSpec::hidden).doc("hidden size; divisible by heads");
        static final Key<ModelSpec, Integer> HEADS = SECTION.key("heads", Types.integer(1, 100_000)).required()
                .get(ModelSpec::heads).doc("attention heads");
        static final Key<ModelSpec, Integer> KV_HEADS = SECTION.key("kvHeads", Types.integer(1, 100_000))
                .computed("`heads`").get(ModelSpec::kvHeads).doc("key/value heads, dividing heads (fewer = grouped-query)");
        // GPT's MLP is 4h wide; a gated (SwiGLU) MLP has no one convention, so it must be given.
        static final Key<ModelSpec, Integer> FFN_HIDDEN = SECTION.key("ffnHidden", Types.integer(1, 100_000_000))
                .computed("`4 × hidden`").get(ModelSpec::ffnHidden).doc("MLP width; required when gatedMlp is true");
        static final Key<ModelSpec, Boolean> GATED_MLP = SECTION.key("gatedMlp", Types.bool()).byDefault(false)
                .get(ModelSpec::gatedMlp).doc("SwiGLU-style MLP with three matrices");
        static final Key<ModelSpec, Integer> VOCAB = SECTION.key("vocab", Types.integer(1, 100_000_000)).required()
                .get(ModelSpec::vocab).doc("vocabulary size");
        static final Key<ModelSpec, Integer> SEQ_LENGTH = SECTION.key("seqLength", Types.integer(1, 10_000_000))
                .required().get(ModelSpec::seqLength).doc("tokens per sequence");

        private Model() {
        }
    }
}
