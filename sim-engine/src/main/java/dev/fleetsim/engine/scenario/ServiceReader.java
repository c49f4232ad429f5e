package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.scenario.ServiceKeys.Autoscale;
import dev.fleetsim.engine.scenario.ServiceKeys.Disaggregation;
import dev.fleetsim.engine.scenario.ServiceKeys.Diurnal;
import dev.fleetsim.engine.scenario.ServiceKeys.Engine;
import dev.fleetsim.engine.scenario.ServiceKeys.Prefix;
import dev.fleetsim.engine.scenario.ServiceKeys.Requests;
import dev.fleetsim.engine.scenario.ServiceKeys.Service;
import dev.fleetsim.engine.scenario.ServiceKeys.Slo;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ReplicaRole;
import dev.fleetsim.engine.workload.ServingReplicaSpec;
import dev.fleetsim.engine.workload.serving.ArrivalProcess;
import dev.fleetsim.engine.workload.serving.ArrivalSpec;
import dev.fleetsim.engine.workload.serving.AutoscaleMetric;
import dev.fleetsim.engine.workload.serving.AutoscaleSpec;
import dev.fleetsim.engine.workload.serving.DisaggregationSpec;
import dev.fleetsim.engine.workload.serving.DiurnalSpec;
import dev.fleetsim.engine.workload.serving.EngineSpec;
import dev.fleetsim.engine.workload.serving.LengthSpec;
import dev.fleetsim.engine.workload.serving.PreemptionMode;
import dev.fleetsim.engine.workload.serving.PrefixSpec;
import dev.fleetsim.engine.workload.serving.QuantFormat;
import dev.fleetsim.engine.workload.serving.RequestStreamSpec;
import dev.fleetsim.engine.workload.serving.RouterKind;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import dev.fleetsim.engine.workload.serving.ServingMode;
import dev.fleetsim.engine.workload.serving.SloSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads one inference deployment ({@link ServiceKeys}) with its cross-checks: the model's split over
 * the replica's GPUs, the GPU type against the cluster and the weight format, replica counts,
 * engine limits, the request stream's completeness, and every length against the context. Files
 * (a trace, an empirical length distribution) are read here, by {@link RequestFiles}, so that a
 * bad row is reported before anything runs. Keeps each deployment's replica shape for the
 * memory check the loader runs once the file is otherwise valid.
 */
final class ServiceReader {
    private record Placed(Cursor cursor, ServiceSpec service) {
    }

    private final ClusterSpec cluster;
    private final Map<String, GpuSpec> hardware;
    private final Path baseDir;
    private final List<Placed> placed = new ArrayList<>();

    /** {@code cluster} null = the cluster section was invalid, so cluster cross-checks are skipped. */
    ServiceReader(ClusterSpec cluster, Map<String, GpuSpec> hardware, Path baseDir) {
        this.cluster = cluster;
        this.hardware = hardware;
        this.baseDir = baseDir;
    }

    ServiceSpec read(Cursor c) {
        int mark = c.mark();
        if (!c.map(Service.SECTION)) {
            return null;
        }
        String name = Service.NAME.read(c);
        ModelSpec model = JobReader.readModel(Service.MODEL.at(c));
        Integer context = Service.CONTEXT_LENGTH.read(c, model == null ? 1 : model.seqLength());
        QuantFormat weights = Service.WEIGHTS.read(c);
        QuantFormat kv = Service.KV_CACHE.read(c);
        Integer tp = Service.TP.read(c);
        Integer pp = Service.PP.read(c);
        String gpuType = Service.GPU_TYPE.read(c);
        Integer replicas = Service.REPLICAS.read(c);
        AutoscaleSpec autoscale = readAutoscale(Service.AUTOSCALE.at(c));
        DisaggregationSpec disaggregation = readDisaggregation(Service.DISAGGREGATION.at(c));
        EngineSpec engine = readEngine(Service.ENGINE.at(c));
        RouterKind router = Service.ROUTER.read(c);
        SloSpec slo = readSlo(Service.SLO.at(c));
        String tenant = Service.TENANT.read(c);
        Integer priority = Service.PRIORITY.read(c);
        Long start = Service.START.read(c);
        ServingMode mode = Service.MODE.read(c);
        Integer sample = Service.SAMPLE_REQUESTS.read(c);
        if (model != null && context != null) {
            model = model.withSeqLength(context);
        }
        RequestStreamSpec requests = new RequestReader(baseDir, context == null ? Integer.MAX_VALUE : context)
                .read(Service.REQUESTS.at(c));
        if (!c.cleanSince(mark)) {
            return null;
        }
        checkLayout(c, model, tp, pp);
        if (autoscale == null && disaggregation == null && replicas < 1) {
            Service.REPLICAS.at(c).problem(Service.REPLICAS.at(c).found(), "at least 1 without an autoscaler");
        }
        if (autoscale != null && disaggregation != null) {
            Service.AUTOSCALE.at(c).problem("an autoscaler with disaggregation",
                    "one of autoscale and disaggregation: disaggregated pools have fixed sizes");
        }
        if (mode == ServingMode.FLUID && requests.arrival().process() == ArrivalProcess.TRACE) {
            Service.MODE.at(c).problem("fluid with a trace", "iteration for a trace (the fluid mode needs a generated stream)");
        }
        if (mode == ServingMode.FLUID && disaggregation != null) {
            Service.MODE.at(c).problem("fluid with disaggregation", "iteration for disaggregated pools");
        }
        ServiceSpec spec = new ServiceSpec(name, tenant, priority, start, model, weights, kv, tp, pp,
                Optional.ofNullable(gpuType), replicas, Optional.ofNullable(autoscale), Optional.ofNullable(disaggregation),
                engine, router, requests, slo, mode, sample);
        checkPlacement(c, spec);
        return c.cleanSince(mark) ? spec : null;
    }

    private static void checkLayout(Cursor c, ModelSpec m, int tp, int pp) {
        if (m.heads() % tp != 0) {
            Service.TP.at(c).problem(Service.TP.at(c).found(), "a divisor of the model's " + m.heads() + " attention heads");
        } else if (m.kvHeads() >= tp && m.kvHeads() % tp != 0) {
            Service.TP.at(c).problem(Service.TP.at(c).found(), "a divisor of the model's " + m.kvHeads()
                    + " KV heads (or a multiple of it)");
        }
        if (pp > m.layers()) {
            Service.PP.at(c).problem(Service.PP.at(c).found(), "at most the model's " + m.layers() + " layers");
        }
    }

    /** The GPU type and the replica's gang against the cluster, as the admission sees them before memory. */
    private void checkPlacement(Cursor c, ServiceSpec s) {
        if (cluster == null) {
            return;
        }
        Map<String, Integer> byType = JobChecks.gpusByType(cluster);
        Precision precision = s.weights().computePrecision();
        List<String> types = s.gpuType().map(List::of).orElse(List.copyOf(byType.keySet()));
        if (s.gpuType().isPresent() && !byType.containsKey(s.gpuType().get())) {
            Cursor at = Service.GPU_TYPE.at(c);
            at.problem(at.found(), "a GPU type the cluster has (or leave gpuType out for any): "
                    + Suggestions.oneOf(s.gpuType().get(), byType.keySet()));
            return;
        }
        List<String> ok = new ArrayList<>();
        for (String type : types) {
            if (hardware.get(type).supports(precision) && byType.get(type) >= s.gpusPerReplica()) {
                ok.add(type);
            }
        }
        if (ok.isEmpty()) {
            boolean anyPrecision = types.stream().anyMatch(t -> hardware.get(t).supports(precision));
            if (!anyPrecision) {
                Service.WEIGHTS.at(c).problem(Service.WEIGHTS.at(c).found(), "a format whose " + precision.key()
                        + " GEMMs a GPU type of " + String.join(", ", types) + " runs (fp8 needs Hopper, Ada or later)");
            } else {
                Service.TP.at(c).problem(s.gpusPerReplica() + " GPUs per replica (tp x pp = " + s.tp() + " x " + s.pp() + ")",
                        "at most the GPUs of one type in the cluster");
            }
            return;
        }
        placed.add(new Placed(c, s));
    }

    /** The engine's memory check on every deployment that got this far; call only on an otherwise valid file. */
    void checkFeasibility(JobFeasibilityCheck check) {
        for (Placed p : placed) {
            ServingReplicaSpec replica = new ServingReplicaSpec(p.service(), ReplicaRole.REPLICA, 0, 0);
            JobChecks.checkFeasible(p.cursor(), replica, cluster, hardware, check,
                    "a replica that fits on at least one GPU type it can run on: raise tp or pp, use fp8 weights or "
                            + "kvCache, lower the engine's maxBatchedTokens or the contextLength, or use a larger GPU");
        }
    }

    private static AutoscaleSpec readAutoscale(Cursor c) {
        int mark = c.mark();
        if (!c.present() || !c.map(Autoscale.SECTION)) {
            return null;
        }
        Integer min = Autoscale.MIN.read(c);
        Integer max = Autoscale.MAX.read(c);
        AutoscaleMetric metric = Autoscale.METRIC.read(c);
        Double target = Autoscale.TARGET.read(c);
        Long interval = Autoscale.INTERVAL.read(c);
        Long up = Autoscale.SCALE_UP_DELAY.read(c);
        Long down = Autoscale.SCALE_DOWN_DELAY.read(c);
        if (!c.cleanSince(mark)) {
            return null;
        }
        if (max < min) {
            Autoscale.MAX.at(c).problem(Autoscale.MAX.at(c).found(), "at least min (" + min + ")");
        }
        if (metric == AutoscaleMetric.KV && target > 1) {
            Autoscale.TARGET.at(c).problem(Autoscale.TARGET.at(c).found(), "a share of the KV cache in (0, 1] for kv");
        }
        return c.cleanSince(mark) ? new AutoscaleSpec(min, max, metric, target, interval, up, down) : null;
    }

    private static DisaggregationSpec readDisaggregation(Cursor c) {
        int mark = c.mark();
        if (!c.present() || !c.map(Disaggregation.SECTION)) {
            return null;
        }
        Integer prefill = Disaggregation.PREFILL.read(c);
        Integer decode = Disaggregation.DECODE.read(c);
        return c.cleanSince(mark) ? new DisaggregationSpec(prefill, decode) : null;
    }

    private static EngineSpec readEngine(Cursor c) {
        int mark = c.mark();
        if (!c.mapOrAbsent(Engine.SECTION)) {
            return null;
        }
        Integer tokens = Engine.MAX_BATCHED_TOKENS.read(c);
        Integer seqs = Engine.MAX_SEQS.read(c);
        Boolean chunked = Engine.CHUNKED_PREFILL.read(c);
        Integer block = Engine.BLOCK_TOKENS.read(c);
        Boolean prefix = Engine.PREFIX_CACHING.read(c);
        Double memory = Engine.MEMORY_UTILIZATION.read(c);
        PreemptionMode preemption = Engine.PREEMPTION.read(c);
        Long overhead = Engine.ITERATION_OVERHEAD.read(c);
        Boolean graphs = Engine.CUDA_GRAPHS.read(c);
        String attention = Engine.ATTENTION.read(c);
        Boolean grouped = Engine.GROUPED_DECODE_ATTENTION.read(c);
        if (!c.cleanSince(mark)) {
            return null;
        }
        if (seqs > tokens) {
            Engine.MAX_SEQS.at(c).problem(Engine.MAX_SEQS.at(c).found(), "at most maxBatchedTokens (" + tokens
                    + "): every running request takes a token of an iteration");
            return null;
        }
        return new EngineSpec(tokens, seqs, chunked, block, prefix, memory, preemption, overhead, graphs,
                ServiceKeys.attentionKernel(attention), grouped);
    }

    private static SloSpec readSlo(Cursor c) {
        int mark = c.mark();
        if (!c.mapOrAbsent(Slo.SECTION)) {
            return null;
        }
        Long ttft = Slo.TTFT.read(c);
        Long tpot = Slo.TPOT.read(c);
        Double attainment = Slo.ATTAINMENT.read(c);
        return c.cleanSince(mark) ? new SloSpec(ttft, tpot, attainment) : null;
    }

    /** {@code requests}: the arrival process and its lengths, checked against the context. */
    private static final class RequestReader {
        private final Path baseDir;
        private final int context;

        RequestReader(Path baseDir, int context) {
            this.baseDir = baseDir;
            this.context = context;
        }

        RequestStreamSpec read(Cursor c) {
            int mark = c.mark();
            if (!c.present()) {
                c.problem(c.found(), Requests.SECTION.what());
                return null;
            }
            if (!c.map(Requests.SECTION)) {
                return null;
            }
            ArrivalProcess process = Requests.ARRIVAL.read(c);
            Double rate = Requests.RATE.read(c);
            Double cv = Requests.CV.read(c);
            DiurnalSpec diurnal = readDiurnal(Requests.DIURNAL.at(c));
            Long count = Requests.COUNT.read(c);
            Long duration = Requests.DURATION.read(c);
            PrefixSpec prefix = readPrefix(Requests.PREFIX.at(c));
            int prefixTokens = prefix == null ? 0 : prefix.tokens();
            if (!c.cleanSince(mark)) {
                return null;
            }
            boolean trace = process == ArrivalProcess.TRACE;
            ArrivalSpec.TraceFileSpec file = null;
            LengthSpec input = LengthSpec.fixed(1);
            LengthSpec output = LengthSpec.fixed(1);
            if (trace) {
                for (Key<RequestStreamSpec, ?> k : List.of(Requests.RATE, Requests.INPUT, Requests.OUTPUT, Requests.DIURNAL)) {
                    if (k.at(c).present()) {
                        k.at(c).problem(k.at(c).found(), "nothing here with arrival: trace (the trace's rows give "
                                + "arrival times and lengths)");
                    }
                }
                file = RequestFiles.trace(Requests.TRACE.at(c), baseDir, context - prefixTokens);
            } else {
                if (rate == null) {
                    Requests.RATE.at(c).problem("nothing", "a mean rate in requests per second with arrival: " + process.key());
                }
                if (Requests.TRACE.at(c).present()) {
                    Requests.TRACE.at(c).problem(Requests.TRACE.at(c).found(), "nothing here unless arrival is trace");
                }
                if (count == null && duration == null) {
                    c.problem("neither count nor duration", "a count, a duration or both: a generated stream must end");
                }
                input = RequestFiles.lengths(Requests.INPUT.at(c), baseDir, context - prefixTokens - 1);
                output = RequestFiles.lengths(Requests.OUTPUT.at(c), baseDir, context - prefixTokens - 1);
                if (input != null && output != null && prefixTokens + input.max() + output.max() > context) {
                    Requests.OUTPUT.at(c).problem("prompts up to " + (prefixTokens + input.max()) + " and outputs up to "
                            + output.max() + " tokens", "prefix + input + output within the context length " + context
                            + " (set max on the distributions, or a longer contextLength)");
                }
            }
            if (prefix != null && prefixTokens >= context) {
                Prefix.TOKENS.at(Requests.PREFIX.at(c)).problem(Prefix.TOKENS.at(Requests.PREFIX.at(c)).found(),
                        "fewer tokens than the context length " + context);
            }
            if (!c.cleanSince(mark)) {
                return null;
            }
            ArrivalSpec arrival = new ArrivalSpec(process, trace ? 0 : rate, cv, Optional.ofNullable(diurnal),
                    Optional.ofNullable(file));
            return new RequestStreamSpec(arrival, count == null ? OptionalLong.empty() : OptionalLong.of(count),
                    duration == null ? OptionalLong.empty() : OptionalLong.of(duration), input, output,
                    Optional.ofNullable(prefix));
        }

        private static DiurnalSpec readDiurnal(Cursor c) {
            int mark = c.mark();
            if (!c.present() || !c.map(Diurnal.SECTION)) {
                return null;
            }
            Double amplitude = Diurnal.AMPLITUDE.read(c);
            Long period = Diurnal.PERIOD.read(c);
            Long peak = Diurnal.PEAK.read(c);
            return c.cleanSince(mark) ? new DiurnalSpec(amplitude, period, peak) : null;
        }

        private static PrefixSpec readPrefix(Cursor c) {
            int mark = c.mark();
            if (!c.present() || !c.map(Prefix.SECTION)) {
                return null;
            }
            Integer groups = Prefix.GROUPS.read(c);
            Integer tokens = Prefix.TOKENS.read(c);
            Double share = Prefix.SHARE.read(c);
            return c.cleanSince(mark) ? new PrefixSpec(groups, tokens, share) : null;
        }
    }
}
