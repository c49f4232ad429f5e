package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.scenario.Section.Listing;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.serving.ArrivalProcess;
import dev.fleetsim.engine.workload.serving.ArrivalSpec;
import dev.fleetsim.engine.workload.serving.AutoscaleMetric;
import dev.fleetsim.engine.workload.serving.AutoscaleSpec;
import dev.fleetsim.engine.workload.serving.DisaggregationSpec;
import dev.fleetsim.engine.workload.serving.DiurnalSpec;
import dev.fleetsim.engine.workload.serving.EngineSpec;
import dev.fleetsim.engine.workload.serving.LengthDistribution;
import dev.fleetsim.engine.workload.serving.LengthSpec;
import dev.fleetsim.engine.workload.serving.PreemptionMode;
import dev.fleetsim.engine.workload.serving.PrefixSpec;
import dev.fleetsim.engine.workload.serving.QuantFormat;
import dev.fleetsim.engine.workload.serving.RequestStreamSpec;
import dev.fleetsim.engine.workload.serving.RouterKind;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import dev.fleetsim.engine.workload.serving.ServingMode;
import dev.fleetsim.engine.workload.serving.SloSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static dev.fleetsim.engine.scenario.Types.NODES;

/**
 * The keys of an inference deployment ({@code workload.services[]}) and its parts: autoscaler,
 * prefill/decode pools, engine, request stream (arrivals, lengths, prefixes, trace) and
 * objectives. Defaults are vLLM V1's where an engine setting is concerned. See
 * {@link ScenarioKeys} for how to add a key; {@link ServiceReader} reads them.
 */
final class ServiceKeys {

    private ServiceKeys() {
    }

    /** {@code workload.services[]}. */
    static final class Service {
        static final Section<ServiceSpec> SECTION = Section.of("service", "a service", Listing.LABEL);
        static final Key<ServiceSpec, String> NAME = SECTION.key("name", Types.text("a service name, unique"))
                .required().get(ServiceSpec::name).doc("unique among services; names its replicas <name>/replica-0, ...");
        static final Key<ServiceSpec, ModelSpec> MODEL = SECTION.key("model", JobKeys.Job.MODEL.type()).required()
                .get(ServiceSpec::model).doc("a catalogue model or an inline shape; its seqLength is the context length");
        // Not written: the resolved scenario writes the model inline with this length in it.
        static final Key<ServiceSpec, Integer> CONTEXT_LENGTH = SECTION.key("contextLength", Types.integer(1, 10_000_000))
                .computed("the model's seqLength").doc("longest prompt + output a request may have (max_model_len)");
        static final Key<ServiceSpec, QuantFormat> WEIGHTS = SECTION.key("weights", Types.choice(formats()))
                .byDefault(QuantFormat.BF16).get(ServiceSpec::weights)
                .doc("weight format; fp8 needs a GPU with fp8; int8/int4 are weight-only (16-bit math)");
        static final Key<ServiceSpec, QuantFormat> KV_CACHE = SECTION.key("kvCache", Types.choice(formats()))
                .byDefault(QuantFormat.BF16).get(ServiceSpec::kvCache).doc("KV-cache format");
        static final Key<ServiceSpec, Integer> TP = SECTION.key("tp", Types.integer(1, 1024)).byDefault(1)
                .get(ServiceSpec::tp).doc("tensor-parallel GPUs of a replica; divides the attention heads");
        static final Key<ServiceSpec, Integer> PP = SECTION.key("pp", Types.integer(1, 1024)).byDefault(1)
                .get(ServiceSpec::pp).doc("pipeline stages of a replica (one batch in flight: memory, not throughput)");
        static final Key<ServiceSpec, String> GPU_TYPE = SECTION.key("gpuType",
                Types.name("a GPU type name", context -> HardwareCatalog.defaults().keySet()))
                .optional("any type in the cluster the model fits").get(s -> s.gpuType().orElse(null))
                .doc("the GPU type replicas require");
        static final Key<ServiceSpec, Integer> REPLICAS = SECTION.key("replicas", Types.integer(0, 100_000)).byDefault(1)
                .get(ServiceSpec::replicas).doc("replicas at the start; fixed without autoscale");
        static final Key<ServiceSpec, AutoscaleSpec> AUTOSCALE = SECTION.key("autoscale", Types.map(Autoscale.SECTION))
                .optional("none: fixed replicas").get(s -> s.autoscale().orElse(null))
                .doc("scale replicas between min and max on a target");
        static final Key<ServiceSpec, DisaggregationSpec> DISAGGREGATION = SECTION.key("disaggregation",
                Types.map(Disaggregation.SECTION)).optional("none: every replica prefills and decodes")
                .get(s -> s.disaggregation().orElse(null)).doc("separate prefill and decode pools; KV moves over the fabric");
        static final Key<ServiceSpec, EngineSpec> ENGINE = SECTION.key("engine", Types.map(Engine.SECTION))
                .optional("vLLM V1's defaults").get(ServiceSpec::engine).doc("the inference engine of every replica");
        static final Key<ServiceSpec, RouterKind> ROUTER = SECTION.key("router", Types.choice(routers()))
                .byDefault(RouterKind.LEAST_OUTSTANDING).get(ServiceSpec::router)
                .doc("round-robin, least-outstanding or prefix-aware");
        static final Key<ServiceSpec, RequestStreamSpec> REQUESTS = SECTION.key("requests", Types.map(Requests.SECTION))
                .required().get(ServiceSpec::requests).doc("the request stream");
        static final Key<ServiceSpec, SloSpec> SLO = SECTION.key("slo", Types.map(Slo.SECTION))
                .optional("`{ttft: 2 s, tpot: 200 ms, attainment: 0.9}`").get(ServiceSpec::slo)
                .doc("latency objectives (MLPerf Llama-2-70B server by default)");
        static final Key<ServiceSpec, String> TENANT = SECTION.key("tenant", Types.text("a tenant name"))
                .byDefault("default").get(ServiceSpec::tenant).doc("who owns the service");
        static final Key<ServiceSpec, Integer> PRIORITY = SECTION.key("priority",
                Types.integer(Integer.MIN_VALUE, Integer.MAX_VALUE)).byDefault(0).get(ServiceSpec::priority)
                .doc("larger = more important; with the priority policy replicas preempt lower-priority training");
        static final Key<ServiceSpec, Long> START = SECTION.key("start", QuantityTypes.duration(false)).byDefault(0L)
                .get(ServiceSpec::startNs).doc("when replicas are submitted and requests begin");
        static final Key<ServiceSpec, ServingMode> MODE = SECTION.key("mode", Types.choice(modes()))
                .byDefault(ServingMode.ITERATION).get(ServiceSpec::mode)
                .doc("iteration: every batch iteration; fluid: steady state per interval, for long horizons");
        static final Key<ServiceSpec, Integer> SAMPLE_REQUESTS = SECTION.key("sampleRequests", Types.integer(0, 10_000_000))
                .byDefault(ServiceSpec.DEFAULT_SAMPLE_REQUESTS).get(ServiceSpec::sampleRequests)
                .doc("rows of requests.csv: every request up to this many, a seeded sample beyond");

        private Service() {
        }
    }

    /** {@code services[].autoscale}. */
    static final class Autoscale {
        static final Section<AutoscaleSpec> SECTION = Section.of("autoscale", "an autoscaler", Listing.BRACES);
        static final Key<AutoscaleSpec, Integer> MIN = SECTION.key("min", Types.integer(0, 100_000)).byDefault(1)
                .get(AutoscaleSpec::min).doc("fewest replicas (0: scale to zero)");
        static final Key<AutoscaleSpec, Integer> MAX = SECTION.key("max", Types.integer(1, 100_000)).required()
                .get(AutoscaleSpec::max).doc("most replicas, at least min");
        static final Key<AutoscaleSpec, AutoscaleMetric> METRIC = SECTION.key("metric", Types.choice(metrics()))
                .byDefault(AutoscaleMetric.CONCURRENCY).get(AutoscaleSpec::metric)
                .doc("concurrency (requests per replica), kv (cache share in use), queue (waiting per replica) or ttft (p90 s)");
        static final Key<AutoscaleSpec, Double> TARGET = SECTION.key("target",
                Types.number(0, true, 1e9, false)).required().get(AutoscaleSpec::target)
                .doc("the metric's target per replica: requests, a fraction of the KV cache, or seconds");
        static final Key<AutoscaleSpec, Long> INTERVAL = SECTION.key("interval", QuantityTypes.duration(true))
                .byDefault(30_000_000_000L).get(AutoscaleSpec::intervalNs).doc("how often it decides");
        static final Key<AutoscaleSpec, Long> SCALE_UP_DELAY = SECTION.key("scaleUpDelay", QuantityTypes.duration(false))
                .byDefault(60_000_000_000L).get(AutoscaleSpec::scaleUpDelayNs)
                .doc("from a new replica's GPUs to its first request (model load)");
        static final Key<AutoscaleSpec, Long> SCALE_DOWN_DELAY = SECTION.key("scaleDownDelay", QuantityTypes.duration(false))
                .byDefault(300_000_000_000L).get(AutoscaleSpec::scaleDownDelayNs)
                .doc("fewer replicas only when every decision this long asked for fewer (HPA stabilisation)");

        private Autoscale() {
        }
    }

    /** {@code services[].disaggregation}. */
    static final class Disaggregation {
        static final Section<DisaggregationSpec> SECTION = Section.of("disaggregation", "prefill and decode pools",
                Listing.BRACES);
        static final Key<DisaggregationSpec, Integer> PREFILL = SECTION.key("prefill", Types.integer(1, 100_000))
                .required().get(DisaggregationSpec::prefillReplicas).doc("replicas that only prefill");
        static final Key<DisaggregationSpec, Integer> DECODE = SECTION.key("decode", Types.integer(1, 100_000))
                .required().get(DisaggregationSpec::decodeReplicas).doc("replicas that only decode");

        private Disaggregation() {
        }
    }

    /** {@code services[].engine}. */
    static final class Engine {
        static final Section<EngineSpec> SECTION = Section.of("engine", "an inference engine", Listing.PARENS);
        static final Key<EngineSpec, Integer> MAX_BATCHED_TOKENS = SECTION.key("maxBatchedTokens",
                Types.integer(1, 10_000_000)).byDefault(EngineSpec.VLLM.maxBatchedTokens()).get(EngineSpec::maxBatchedTokens)
                .doc("tokens per iteration, decodes and prefill chunks together; at least maxSeqs");
        static final Key<EngineSpec, Integer> MAX_SEQS = SECTION.key("maxSeqs", Types.integer(1, 1_000_000))
                .byDefault(EngineSpec.VLLM.maxSeqs()).get(EngineSpec::maxSeqs).doc("requests running at once");
        static final Key<EngineSpec, Boolean> CHUNKED_PREFILL = SECTION.key("chunkedPrefill", Types.bool())
                .byDefault(true).get(EngineSpec::chunkedPrefill)
                .doc("split prompts over iterations beside decodes (false: prefill-first iterations)");
        static final Key<EngineSpec, Integer> BLOCK_TOKENS = SECTION.key("blockTokens", Types.integer(1, 4096))
                .byDefault(EngineSpec.VLLM.blockTokens()).get(EngineSpec::blockTokens).doc("tokens per KV block");
        static final Key<EngineSpec, Boolean> PREFIX_CACHING = SECTION.key("prefixCaching", Types.bool())
                .byDefault(true).get(EngineSpec::prefixCaching).doc("reuse cached blocks of shared prefixes");
        static final Key<EngineSpec, Double> MEMORY_UTILIZATION = SECTION.key("memoryUtilization",
                Types.number(0, true, 1, false)).byDefault(EngineSpec.VLLM.memoryUtilization())
                .get(EngineSpec::memoryUtilization).doc("share of GPU memory for weights, activations and KV cache");
        static final Key<EngineSpec, PreemptionMode> PREEMPTION = SECTION.key("preemption", Types.choice(preemptions()))
                .byDefault(PreemptionMode.RECOMPUTE).get(EngineSpec::preemption)
                .doc("recompute or swap a request when the KV cache runs out");
        static final Key<EngineSpec, Long> ITERATION_OVERHEAD = SECTION.key("iterationOverhead", QuantityTypes.duration(false))
                .byDefault(0L).get(EngineSpec::iterationOverheadNs).doc("host time per iteration not hidden by the GPU");
        static final Key<EngineSpec, Boolean> CUDA_GRAPHS = SECTION.key("cudaGraphs", Types.bool()).byDefault(true)
                .get(EngineSpec::cudaGraphs).doc("iterations replayed as CUDA graphs (no per-kernel launch latency)");
        static final Key<EngineSpec, String> ATTENTION = SECTION.key("attention", Types.choice(attentionKernels()))
                .byDefault("best").get(e -> e.attention().map(AttentionKernel::key).orElse("best"))
                .doc("prefill attention kernel: best (FlashAttention-3 on Hopper), flash3 or flash2");
        static final Key<EngineSpec, Boolean> GROUPED_DECODE_ATTENTION = SECTION.key("groupedDecodeAttention",
                Types.bool()).byDefault(true).get(EngineSpec::groupedDecodeAttention)
                .doc("decode attention reads a KV head once per query group (false: once per query head)");

        private Engine() {
        }
    }

    /** {@code services[].requests}. */
    static final class Requests {
        static final Section<RequestStreamSpec> SECTION = Section.of("requests", "a request stream", Listing.PARENS);
        static final Key<RequestStreamSpec, ArrivalProcess> ARRIVAL = SECTION.key("arrival", Types.choice(processes()))
                .byDefault(ArrivalProcess.POISSON).get(r -> r.arrival().process())
                .doc("poisson, gamma (burstiness cv) or trace (a CSV file)");
        static final Key<RequestStreamSpec, Double> RATE = SECTION.key("rate", Types.number(0, true, 1e9, false))
                .optional("required unless arrival is trace")
                .get(r -> r.arrival().process() == ArrivalProcess.TRACE ? null : r.arrival().ratePerS())
                .doc("mean arrivals per second");
        static final Key<RequestStreamSpec, Double> CV = SECTION.key("cv", Types.number(0, true, 100, false))
                .byDefault(1.0).get(r -> r.arrival().cv()).doc("coefficient of variation of gamma gaps (1 = Poisson)");
        static final Key<RequestStreamSpec, DiurnalSpec> DIURNAL = SECTION.key("diurnal", Types.map(Diurnal.SECTION))
                .optional("none: a constant rate").get(r -> r.arrival().diurnal().orElse(null))
                .doc("a daily cycle of the rate");
        static final Key<RequestStreamSpec, ArrivalSpec.TraceFileSpec> TRACE = SECTION.key("trace",
                Types.map(Trace.SECTION)).optional("none").get(r -> r.arrival().trace().orElse(null))
                .doc("the CSV file of arrival: trace (timestamp, input_tokens, output_tokens)");
        static final Key<RequestStreamSpec, Long> COUNT = SECTION.key("count", Types.longInteger(1, 1_000_000_000_000L))
                .optional("no limit").get(r -> r.count().isPresent() ? r.count().getAsLong() : null)
                .doc("requests to send; a generated stream needs count, duration or both");
        static final Key<RequestStreamSpec, Long> DURATION = SECTION.key("duration", QuantityTypes.duration(true))
                .optional("no limit").get(r -> r.durationNs().isPresent() ? r.durationNs().getAsLong() : null)
                .doc("how long requests keep coming");
        static final Key<RequestStreamSpec, LengthSpec> INPUT = SECTION.key("input", lengths())
                .optional("required unless arrival is trace").get(r -> isTrace(r) ? null : r.input())
                .doc("prompt tokens: a number, or a distribution " + Lengths.SECTION.braced());
        static final Key<RequestStreamSpec, LengthSpec> OUTPUT = SECTION.key("output", lengths())
                .optional("required unless arrival is trace").get(r -> isTrace(r) ? null : r.output())
                .doc("output tokens, the first included: a number or a distribution");
        static final Key<RequestStreamSpec, PrefixSpec> PREFIX = SECTION.key("prefix", Types.map(Prefix.SECTION))
                .optional("none").get(r -> r.prefix().orElse(null)).doc("shared prompt prefixes (prefix caching)");

        private Requests() {
        }

        private static boolean isTrace(RequestStreamSpec r) {
            return r.arrival().process() == ArrivalProcess.TRACE;
        }

        /** A plain number (fixed) or a distribution map; written back the same way. */
        private static ValueType<LengthSpec> lengths() {
            Function<LengthSpec, JsonNode> write = l -> l.kind() == LengthDistribution.FIXED ? NODES.numberNode(l.min())
                    : Lengths.SECTION.write(l);
            return Types.container("a token count or a distribution " + Lengths.SECTION.braced(), write, context -> {
                ObjectNode s = NODES.objectNode();
                s.putArray("anyOf").add(NODES.objectNode().put("type", "integer").put("minimum", 1))
                        .add(Types.ref(Lengths.SECTION));
                return s;
            }, Lengths.SECTION);
        }
    }

    /** {@code requests.input} and {@code requests.output} as a distribution. */
    static final class Lengths {
        static final Section<LengthSpec> SECTION = Section.of("lengths", "a length distribution", Listing.BRACES);
        static final Key<LengthSpec, LengthDistribution> DISTRIBUTION = SECTION.key("distribution",
                Types.choice(distributions())).required().get(LengthSpec::kind)
                .doc("fixed, uniform, lognormal or empirical");
        static final Key<LengthSpec, Double> MEAN = SECTION.key("mean", Types.number(0, true, 1e7, false))
                .optional("required for fixed and lognormal")
                .get(l -> l.kind() == LengthDistribution.FIXED || l.kind() == LengthDistribution.LOGNORMAL ? l.mean() : null)
                .doc("mean tokens (fixed: the value)");
        static final Key<LengthSpec, Double> CV = SECTION.key("cv", Types.number(0, false, 100, false))
                .byDefault(1.0).get(LengthSpec::cv).doc("lognormal: coefficient of variation");
        static final Key<LengthSpec, Integer> MIN = SECTION.key("min", Types.integer(1, 10_000_000)).byDefault(1)
                .get(LengthSpec::min).doc("fewest tokens");
        static final Key<LengthSpec, Integer> MAX = SECTION.key("max", Types.integer(1, 10_000_000))
                .computed("the context length").get(LengthSpec::max).doc("most tokens");
        static final Key<LengthSpec, String> FILE = SECTION.key("file", Types.text("a CSV file path"))
                .optional("required for empirical").get(l -> l.file().map(Object::toString).orElse(null))
                .doc("empirical: CSV with a tokens column (and an optional weight), relative to the scenario");

        private Lengths() {
        }
    }

    /** {@code requests.prefix}. */
    static final class Prefix {
        static final Section<PrefixSpec> SECTION = Section.of("prefix", "shared prefixes", Listing.BRACES);
        static final Key<PrefixSpec, Integer> GROUPS = SECTION.key("groups", Types.integer(1, 10_000_000)).byDefault(1)
                .get(PrefixSpec::groups).doc("distinct prefixes, drawn uniformly");
        static final Key<PrefixSpec, Integer> TOKENS = SECTION.key("tokens", Types.integer(1, 10_000_000)).required()
                .get(PrefixSpec::tokens).doc("tokens of each prefix, added before the drawn input");
        static final Key<PrefixSpec, Double> SHARE = SECTION.key("share", Types.number(0, false, 1, false))
                .byDefault(1.0).get(PrefixSpec::share).doc("fraction of requests with a prefix");

        private Prefix() {
        }
    }

    /** {@code requests.diurnal}. */
    static final class Diurnal {
        static final Section<DiurnalSpec> SECTION = Section.of("diurnal", "a daily cycle", Listing.BRACES);
        static final Key<DiurnalSpec, Double> AMPLITUDE = SECTION.key("amplitude", Types.number(0, false, 1, true))
                .required().get(DiurnalSpec::amplitude).doc("peak = (1 + amplitude) x rate, trough (1 - amplitude) x rate");
        static final Key<DiurnalSpec, Long> PERIOD = SECTION.key("period", QuantityTypes.duration(true))
                .byDefault(86_400_000_000_000L).get(DiurnalSpec::periodNs).doc("length of one cycle");
        static final Key<DiurnalSpec, Long> PEAK = SECTION.key("peak", QuantityTypes.duration(false))
                .byDefault(50_400_000_000_000L).get(DiurnalSpec::peakNs).doc("time of the peak after the start");

        private Diurnal() {
        }
    }

    /** {@code requests.trace}. */
    static final class Trace {
        static final Section<ArrivalSpec.TraceFileSpec> SECTION = Section.of("trace", "a request trace", Listing.BRACES);
        static final Key<ArrivalSpec.TraceFileSpec, String> FILE = SECTION.key("file", Types.text("a CSV file path"))
                .required().get(t -> t.file().toString())
                .doc("CSV with timestamp (s), input_tokens, output_tokens; relative to the scenario");
        static final Key<ArrivalSpec.TraceFileSpec, Double> SPEEDUP = SECTION.key("speedup",
                Types.number(0, true, 1e6, false)).byDefault(1.0).get(ArrivalSpec.TraceFileSpec::speedup)
                .doc("play the trace this many times faster");

        private Trace() {
        }
    }

    /** {@code services[].slo}. */
    static final class Slo {
        static final Section<SloSpec> SECTION = Section.of("slo", "latency objectives", Listing.BRACES);
        static final Key<SloSpec, Long> TTFT = SECTION.key("ttft", QuantityTypes.duration(true))
                .byDefault(SloSpec.DEFAULT.ttftNs()).get(SloSpec::ttftNs).doc("time to first token");
        static final Key<SloSpec, Long> TPOT = SECTION.key("tpot", QuantityTypes.duration(true))
                .byDefault(SloSpec.DEFAULT.tpotNs()).get(SloSpec::tpotNs).doc("time per output token after the first");
        static final Key<SloSpec, Double> ATTAINMENT = SECTION.key("attainment", Types.number(0, true, 1, false))
                .byDefault(SloSpec.DEFAULT.attainment()).get(SloSpec::attainment)
                .doc("share of requests that must meet both (estimate serving's rate search)");

        private Slo() {
        }
    }

    private static <E extends Enum<E>> Map<String, E> keyed(E[] values, Function<E, String> key) {
        Map<String, E> m = new LinkedHashMap<>();
        for (E v : values) {
            m.put(key.apply(v), v);
        }
        return m;
    }

    private static Map<String, QuantFormat> formats() {
        return keyed(QuantFormat.values(), QuantFormat::key);
    }

    private static Map<String, RouterKind> routers() {
        return keyed(RouterKind.values(), RouterKind::key);
    }

    private static Map<String, ServingMode> modes() {
        return keyed(ServingMode.values(), ServingMode::key);
    }

    private static Map<String, AutoscaleMetric> metrics() {
        return keyed(AutoscaleMetric.values(), AutoscaleMetric::key);
    }

    private static Map<String, PreemptionMode> preemptions() {
        return keyed(PreemptionMode.values(), PreemptionMode::key);
    }

    private static Map<String, ArrivalProcess> processes() {
        return keyed(ArrivalProcess.values(), ArrivalProcess::key);
    }

    private static Map<String, LengthDistribution> distributions() {
        return keyed(LengthDistribution.values(), LengthDistribution::key);
    }

    private static Map<String, String> attentionKernels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("best", "best");
        for (AttentionKernel k : List.of(AttentionKernel.FLASH3, AttentionKernel.FLASH2)) {
            m.put(k.key(), k.key());
        }
        return m;
    }

    /** The kernel an engine's {@code attention} names; empty for best. */
    static java.util.Optional<AttentionKernel> attentionKernel(String key) {
        return key == null || key.equals("best") ? java.util.Optional.empty()
                : java.util.Optional.of(AttentionKernel.valueOf(key.toUpperCase(Locale.ROOT)));
    }
}
