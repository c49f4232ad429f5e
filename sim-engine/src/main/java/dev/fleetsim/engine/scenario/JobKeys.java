package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.scenario.Section.Listing;
import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.HardwareCatalog;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.fleetsim.engine.scenario.Types.NODES;

/**
 * The keys of a training job ({@code workload.jobs[]}, and a generator's job template, which is
 * the job without the keys marked {@code notInTemplate}), its parallel layout and an inline
 * model. See {@link ScenarioKeys} for how to add one.
 */
final class JobKeys {

    /** 10^18 iterations: what 10^18 tokens (the most tokens a job may give) make at one token per iteration. */
    static final long MAX_ITERATIONS = 1_000_000_000_000_000_000L;
    /** The most GPUs one job may ask for: the most a cluster may have. */
    static final int MAX_JOB_GPUS = ClusterKeys.MAX_CLUSTER_GPUS;

    private static final String NO_LENGTH = "no length here: the mix entry's iterations {min, max} sets it";

    private JobKeys() {
    }

    /** Choices in the order given (Map.of's order changes from run to run, and the schema lists them). */
    private static <E> Map<String, E> ordered(String k1, E v1, String k2, E v2) {
        Map<String, E> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static <E> Map<String, E> ordered(String k1, E v1, String k2, E v2, String k3, E v3) {
        Map<String, E> m = ordered(k1, v1, k2, v2);
        m.put(k3, v3);
        return m;
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
                .doc("the parallel layout; tp x cp x dp x pp GPUs, ranks ordered TP-CP-DP-PP");
        // Not written: the resolved scenario writes the dp it gives.
        static final Key<TrainingJobSpec, Integer> GPUS = SECTION.key("gpus", Types.integer(1, MAX_JOB_GPUS))
                .computed("tp x cp x dp x pp")
                .doc("GPUs of the job (Megatron's world size); without parallelism.dp, dp = gpus / (tp x cp x pp)");
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
                Types.longInteger(1, MAX_ITERATIONS)).optional("—").get(TrainingJobSpec::iterations)
                .notInTemplate(NO_LENGTH).doc("iterations to run; exactly one of iterations and tokens");
        // Not written: the resolved scenario writes the iterations the tokens round up to.
        static final Key<TrainingJobSpec, Double> TOKENS = SECTION.key("tokens", QuantityTypes.tokenCount()).optional("—")
                .notInTemplate(NO_LENGTH)
                .doc("tokens to train on, e.g. 8B; iterations = ceil(tokens / (globalBatch x seqLength))");
        static final Key<TrainingJobSpec, Long> SUBMIT = SECTION.key("submit", QuantityTypes.duration(false)).byDefault(0L)
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
        static final Key<TrainingJobSpec, Long> ESTIMATE = SECTION.key("estimate", QuantityTypes.duration(true)).optional("none")
                .get(j -> j.estimateNs().isPresent() ? j.estimateNs().getAsLong() : null)
                .notInTemplate("no estimate here: a user's run-time estimate belongs to a listed job")
                .doc("the user's guess of the run time, for sjf, srtf and backfill with length: estimate");

        static final Key<TrainingJobSpec, Boolean> SEQUENCE_PARALLEL = SECTION.key("sequenceParallel", Types.bool())
                .computed("true when tp > 1").get(j -> j.options().sequenceParallel())
                .doc("Megatron sequence parallelism: norms split over TP, all-reduces become reduce-scatter + all-gather");
        static final Key<TrainingJobSpec, Boolean> TP_COMM_OVERLAP = SECTION.key("tpCommOverlap", Types.bool())
                .byDefault(false).get(j -> j.options().tpCommOverlap())
                .doc("overlap TP collectives with their GEMMs (Transformer Engine user buffers)");
        static final Key<TrainingJobSpec, Boolean> PP_COMM_OVERLAP = SECTION.key("ppCommOverlap", Types.bool())
                .byDefault(true).get(j -> j.options().ppCommOverlap())
                .doc("with v > 1: overlap pipeline hand-offs with the next chunk's compute (Megatron's overlap_p2p_comm)");
        static final Key<TrainingJobSpec, Boolean> GRAD_REDUCE_FP32 = SECTION.key("gradReduceFp32", Types.bool())
                .byDefault(false).get(j -> j.options().gradReduceFp32())
                .doc("accumulate and reduce gradients in fp32 (Megatron's grad_reduce_in_fp32)");
        static final Key<TrainingJobSpec, Fp8Scaling> FP8_SCALING = SECTION.key("fp8Scaling",
                Types.choice(ordered("delayed", Fp8Scaling.DELAYED, "current", Fp8Scaling.CURRENT, "tensorwise",
                        Fp8Scaling.CURRENT), Map.of(
                        "mxfp8", "MXFP8's block scaling (Blackwell) is not modelled",
                        "blockwise", "blockwise (sub-channel) scaling is not modelled")))
                .byDefault(Fp8Scaling.DELAYED).get(j -> j.options().fp8Scaling())
                .doc("with precision fp8: delayed (amax history) or current (per-tensor amax first; Megatron-Core's "
                        + "fp8_recipe tensorwise, Megatron-Bridge's FP8-CS) scaling");
        static final Key<TrainingJobSpec, AttentionKernel> ATTENTION = SECTION.key("attention",
                Types.choice(attentionKernels())).optional("the best fused kernel of the GPU type (flashAttention true)")
                .get(j -> j.options().attentionKernel().orElse(null)).doc("attention kernel: unfused, flash2 or flash3");
        static final Key<TrainingJobSpec, Boolean> EP_COMM_OVERLAP = SECTION.key("epCommOverlap", Types.bool())
                .byDefault(false).get(j -> j.options().epCommOverlap())
                .doc("overlap MoE all-to-alls with another micro-batch's compute (moe_a2a_overlap)");
        static final Key<TrainingJobSpec, MoeDispatcher> MOE_DISPATCHER = SECTION.key("moeDispatcher",
                Types.choice(dispatchers(), Map.of("allgather", "Megatron's allgather dispatcher is not modelled")))
                .byDefault(MoeDispatcher.ALLTOALL).get(j -> j.options().moeDispatcher())
                .doc("alltoall (a copy per expert) or hierarchical (DeepEP/HybridEP: a copy per node; also written"
                        + " flex, deepep or hybridep)");
        static final Key<TrainingJobSpec, Integer> RECOMPUTE_LAYERS = SECTION.key("recomputeLayers",
                Types.integer(0, 100_000)).optional("every layer")
                .get(j -> j.options().recomputeLayers().isPresent() ? j.options().recomputeLayers().getAsInt() : null)
                .doc("with recompute full: layers of each model chunk recomputed (recompute_num_layers)");
        static final Key<TrainingJobSpec, List<String>> RECOMPUTE_MODULES = SECTION.key("recomputeModules",
                Types.names("a list of " + String.join(", ", TrainingOptions.RECOMPUTE_MODULES)))
                .byDefault(List.of("core_attn"), "`[core_attn]`")
                .get(j -> TrainingOptions.RECOMPUTE_MODULES.stream().filter(j.options().recomputeModules()::contains)
                        .collect(Collectors.toList()))
                .doc("with recompute selective: what is recomputed (recompute_modules)");
        static final Key<TrainingJobSpec, Boolean> GRAD_ACCUMULATION_FUSION = SECTION.key("gradAccumulationFusion",
                Types.bool()).byDefault(true).get(j -> j.options().gradAccumulationFusion())
                .doc("weight gradients accumulate in the GEMM epilogue (Megatron); false for PyTorch DDP/FSDP");
        static final Key<TrainingJobSpec, Long> HOST_PER_KERNEL = SECTION.key("hostPerKernel", QuantityTypes.duration(false))
                .optional("eager PyTorch: 4 us of framework dispatch plus the GPU profile's launch latency, and 115 us per Transformer Engine linear module forward")
                .get(j -> j.options().hostPerKernelNs().isPresent() ? j.options().hostPerKernelNs().getAsLong() : null)
                .doc("CPU time to issue one kernel; the GPU waits where the host is slower (0 for CUDA graphs)");
        static final Key<TrainingJobSpec, FineTuningSpec> FINE_TUNING = SECTION.key("fineTuning",
                Types.map(FineTuning.SECTION)).optional("none: pre-training").get(j -> j.options().fineTuning().orElse(null))
                .doc("a fine-tuning job: full, LoRA or QLoRA");

        static {
            SECTION.exactlyOneOf(ITERATIONS, TOKENS);
        }

        private Job() {
        }

        /** Megatron's token dispatchers: its flex dispatcher (DeepEP or HybridEP backend) is the hierarchical one. */
        private static Map<String, MoeDispatcher> dispatchers() {
            Map<String, MoeDispatcher> m = ordered("alltoall", MoeDispatcher.ALLTOALL, "hierarchical", MoeDispatcher.HIERARCHICAL,
                    "flex", MoeDispatcher.HIERARCHICAL);
            m.put("deepep", MoeDispatcher.HIERARCHICAL);
            m.put("hybridep", MoeDispatcher.HIERARCHICAL);
            return m;
        }

        private static Map<String, AttentionKernel> attentionKernels() {
            Map<String, AttentionKernel> m = new LinkedHashMap<>();
            for (AttentionKernel k : AttentionKernel.values()) {
                m.put(k.key(), k);
            }
            return m;
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
        static final Key<ParallelismSpec, Integer> CP = SECTION.key("cp", Types.integer(1, 1_000_000)).byDefault(1)
                .get(ParallelismSpec::cp).doc("context-parallel degree (ring attention); 2 x cp divides seqLength");
        static final Key<ParallelismSpec, Integer> EP = SECTION.key("ep", Types.integer(1, 1_000_000)).byDefault(1)
                .get(ParallelismSpec::ep).doc("expert-parallel degree; divides the experts; ep x etp divides tp x cp x dp");
        static final Key<ParallelismSpec, Integer> ETP = SECTION.key("etp", Types.integer(1, 1_000_000)).byDefault(1)
                .get(ParallelismSpec::etp).doc("tensor-parallel degree of the expert MLPs");
        static final Key<ParallelismSpec, Integer> FIRST_STAGE_LAYERS = SECTION.key("firstStageLayers",
                Types.integer(0, 100_000)).optional("an even split").get(p -> p.firstStageLayers().isPresent()
                        ? p.firstStageLayers().getAsInt() : null).doc("layers of the first pipeline stage");
        static final Key<ParallelismSpec, Integer> LAST_STAGE_LAYERS = SECTION.key("lastStageLayers",
                Types.integer(0, 100_000)).optional("an even split").get(p -> p.lastStageLayers().isPresent()
                        ? p.lastStageLayers().getAsInt() : null).doc("layers of the last pipeline stage");

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
        static final Key<ModelSpec, Integer> HIDDEN = SECTION.key("hidden", Types.integer(1, 1_000_000)).required()
                .get(ModelSpec::hidden).doc("hidden size; divisible by heads");
        static final Key<ModelSpec, Integer> HEADS = SECTION.key("heads", Types.integer(1, 100_000)).required()
                .get(ModelSpec::heads).doc("attention heads");
        static final Key<ModelSpec, Integer> KV_HEADS = SECTION.key("kvHeads", Types.integer(1, 100_000))
                .computed("`heads`").get(ModelSpec::kvHeads).doc("key/value heads, dividing heads (fewer = grouped-query)");
        // GPT's MLP is 4h wide; a gated (SwiGLU) MLP has no one convention, so it must be given.
        static final Key<ModelSpec, Integer> FFN_HIDDEN = SECTION.key("ffnHidden", Types.integer(1, 10_000_000))
                .computed("`4 × hidden`").get(ModelSpec::ffnHidden).doc("MLP width; required when gatedMlp is true");
        static final Key<ModelSpec, Boolean> GATED_MLP = SECTION.key("gatedMlp", Types.bool()).byDefault(false)
                .get(ModelSpec::gatedMlp).doc("SwiGLU-style MLP with three matrices");
        static final Key<ModelSpec, Integer> VOCAB = SECTION.key("vocab", Types.integer(1, 10_000_000)).required()
                .get(ModelSpec::vocab).doc("vocabulary size");
        static final Key<ModelSpec, Integer> SEQ_LENGTH = SECTION.key("seqLength", Types.integer(1, 10_000_000))
                .required().get(ModelSpec::seqLength).doc("tokens per sequence");
        static final Key<ModelSpec, Integer> HEAD_DIM = SECTION.key("headDim", Types.integer(1, 100_000))
                .computed("`hidden / heads`").get(ModelSpec::headDim).doc("per-head dimension");
        private static final String GPT_STYLE = "true for a GPT-style MLP, false for a gated one";
        static final Key<ModelSpec, Boolean> TIED_EMBEDDINGS = SECTION.key("tiedEmbeddings", Types.bool())
                .computed(GPT_STYLE).get(ModelSpec::tiedEmbeddings).doc("the output head reuses the input embedding");
        static final Key<ModelSpec, Boolean> LEARNED_POSITIONS = SECTION.key("learnedPositions", Types.bool())
                .computed(GPT_STYLE).get(ModelSpec::learnedPositions).doc("a learned position table (not RoPE/ALiBi)");
        static final Key<ModelSpec, Boolean> DROPOUT = SECTION.key("dropout", Types.bool())
                .computed(GPT_STYLE).get(ModelSpec::dropout).doc("training applies dropout (masks in HBM and memory)");
        static final Key<ModelSpec, MoeSpec> MOE = SECTION.key("moe", Types.map(Moe.SECTION)).optional("none: dense")
                .get(m -> m.moe().orElse(null)).doc("mixture-of-experts layers");
        static final Key<ModelSpec, MlaSpec> MLA = SECTION.key("mla", Types.map(Mla.SECTION)).optional("none")
                .get(m -> m.mla().orElse(null)).doc("multi-head latent attention (DeepSeek)");
        static final Key<ModelSpec, Integer> SLIDING_WINDOW = SECTION.key("slidingWindow", Types.integer(1, 10_000_000))
                .optional("none").get(m -> m.slidingWindow().isPresent() ? m.slidingWindow().getAsInt() : null)
                .doc("keys per query in windowed layers");
        static final Key<ModelSpec, Integer> SLIDING_WINDOW_LAYERS = SECTION.key("slidingWindowLayers",
                Types.integer(0, 100_000)).byDefault(0).get(ModelSpec::slidingWindowLayers)
                .doc("how many layers use the window");
        static final Key<ModelSpec, Boolean> QK_NORM = SECTION.key("qkNorm", Types.bool()).byDefault(false)
                .get(ModelSpec::qkNorm).doc("RMS norms on each query and key head before attention (Qwen3; Megatron's --qk-layernorm)");

        private Model() {
        }
    }

    /** {@code model.moe}. */
    static final class Moe {
        static final Section<MoeSpec> SECTION = Section.of("moe", "a mixture-of-experts layout", Listing.BRACES);
        static final Key<MoeSpec, Integer> EXPERTS = SECTION.key("experts", Types.integer(1, 100_000)).required()
                .get(MoeSpec::experts).doc("routed experts per MoE layer");
        static final Key<MoeSpec, Integer> TOP_K = SECTION.key("topK", Types.integer(1, 100_000)).required()
                .get(MoeSpec::topK).doc("experts per token");
        static final Key<MoeSpec, Integer> MOE_FFN_HIDDEN = SECTION.key("moeFfnHidden", Types.integer(1, 100_000_000))
                .required().get(MoeSpec::moeFfnHidden).doc("inner width of one expert");
        static final Key<MoeSpec, Integer> SHARED_EXPERTS = SECTION.key("sharedExperts", Types.integer(0, 1_000))
                .byDefault(0).get(MoeSpec::sharedExperts).doc("experts every token also passes through");
        static final Key<MoeSpec, Integer> SHARED_FFN_HIDDEN = SECTION.key("sharedFfnHidden",
                Types.integer(1, 100_000_000)).computed("`moeFfnHidden`")
                .get(m -> m.sharedExperts() > 0 ? m.sharedFfnHidden() : null)
                .doc("inner width of one shared expert");
        static final Key<MoeSpec, Integer> DENSE_LAYERS = SECTION.key("denseLayers", Types.integer(0, 100_000))
                .byDefault(0).get(MoeSpec::denseLayers).doc("leading layers with a dense MLP of ffnHidden");
        static final Key<MoeSpec, Double> CAPACITY_FACTOR = SECTION.key("capacityFactor",
                Types.number(0, true, 1000, false)).optional("none: dropless")
                .get(e -> e.capacityFactor().isPresent() ? e.capacityFactor().getAsDouble() : null)
                .doc("tokens per expert as a multiple of the balanced share, padded to it");
        static final Key<MoeSpec, Boolean> EXPERT_BIAS = SECTION.key("expertBias", Types.bool()).byDefault(false)
                .get(MoeSpec::expertBias).doc("the experts' linears have biases (GPT-OSS), added per expert outside the grouped GEMM");

        private Moe() {
        }
    }

    /** {@code model.mla}. */
    static final class Mla {
        static final Section<MlaSpec> SECTION = Section.of("mla", "a latent-attention layout", Listing.BRACES);
        static final Key<MlaSpec, Integer> Q_LORA_RANK = SECTION.key("qLoraRank", Types.integer(0, 1_000_000))
                .byDefault(0).get(MlaSpec::qLoraRank).doc("query latent rank (0: no query latent)");
        static final Key<MlaSpec, Integer> KV_LORA_RANK = SECTION.key("kvLoraRank", Types.integer(1, 1_000_000))
                .required().get(MlaSpec::kvLoraRank).doc("key/value latent rank");
        static final Key<MlaSpec, Integer> QK_NOPE = SECTION.key("qkNopeHeadDim", Types.integer(1, 100_000)).required()
                .get(MlaSpec::qkNopeHeadDim).doc("per-head query/key dimension without RoPE");
        static final Key<MlaSpec, Integer> QK_ROPE = SECTION.key("qkRopeHeadDim", Types.integer(0, 100_000))
                .byDefault(0).get(MlaSpec::qkRopeHeadDim).doc("per-head rotary dimension");
        static final Key<MlaSpec, Integer> V_HEAD_DIM = SECTION.key("vHeadDim", Types.integer(1, 100_000)).required()
                .get(MlaSpec::vHeadDim).doc("per-head value dimension");

        private Mla() {
        }
    }

    /** {@code fineTuning}. */
    static final class FineTuning {
        static final Section<FineTuningSpec> SECTION = Section.of("fineTuning", "a fine-tuning method", Listing.BRACES);
        static final Key<FineTuningSpec, FineTuningSpec.Method> METHOD = SECTION.key("method",
                Types.choice(ordered("full", FineTuningSpec.Method.FULL, "lora", FineTuningSpec.Method.LORA,
                        "qlora", FineTuningSpec.Method.QLORA))).required().get(FineTuningSpec::method)
                .doc("full (every weight), lora (frozen 16-bit base) or qlora (frozen 4-bit base)");
        static final Key<FineTuningSpec, Integer> RANK = SECTION.key("rank", Types.integer(1, 100_000)).byDefault(16)
                .get(FineTuningSpec::rank).doc("adapter rank r");
        static final Key<FineTuningSpec, List<String>> TARGETS = SECTION.key("targets",
                Types.names("a list of " + String.join(", ", FineTuningSpec.PROJECTIONS)))
                .byDefault(FineTuningSpec.PROJECTIONS, "every projection")
                .get(f -> FineTuningSpec.PROJECTIONS.stream().filter(f.targets()::contains).collect(Collectors.toList()))
                .doc("projections that carry adapters");

        private FineTuning() {
        }
    }
}
