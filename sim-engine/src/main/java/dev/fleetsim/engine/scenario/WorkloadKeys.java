package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.scenario.JobKeys.Job;
import dev.fleetsim.engine.scenario.Section.Listing;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.JobTemplateSpec;
import dev.fleetsim.engine.workload.RateGrowth;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import dev.fleetsim.engine.workload.TraceProfile;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.engine.workload.WorkReference;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.fleetsim.engine.scenario.Types.NODES;

/**
 * The keys of the {@code workload} section: mix generators, their entries, and trace
 * generators (listed jobs are {@link JobKeys}). See {@link ScenarioKeys} for how to add one.
 */
final class WorkloadKeys {

    /** The values of a generator's {@code kind}; mix, the default, first. */
    static final List<String> GENERATOR_KINDS = List.of("mix", "trace");

    private WorkloadKeys() {
    }

    /** {@code workload}. */
    static final class Workload {
        static final Section<WorkloadSpec> SECTION = Section.of("workload", "the workload section", Listing.LABEL);
        static final Key<WorkloadSpec, List<TrainingJobSpec>> JOBS = SECTION.key("jobs",
                Types.list(Job.SECTION, "a list of jobs", false)).optional("none").get(Workload::trainingJobs)
                .doc("jobs listed one by one");
        static final Key<WorkloadSpec, List<Object>> GENERATORS = SECTION.key("generators", generators())
                .optional("none").get(Workload::allGenerators)
                .doc("mix and trace generators, which draw jobs when the run starts");

        static final Key<WorkloadSpec, List<ServiceSpec>> SERVICES = SECTION.key("services",
                Types.list(ServiceKeys.Service.SECTION, "a list of services", false)).optional("none")
                .get(w -> w.services().isEmpty() ? null : w.services())
                .doc("inference deployments, whose replicas share the cluster with the jobs");

        static {
            SECTION.atLeastOneOf(JOBS, GENERATORS, SERVICES);
        }

        private Workload() {
        }

        /** The listed jobs, every one a training job: the file has keys for no other kind yet. */
        private static List<TrainingJobSpec> trainingJobs(WorkloadSpec w) {
            List<TrainingJobSpec> out = w.jobsOf(TrainingJobSpec.class);
            if (out.size() != w.jobs().size()) {
                throw new IllegalArgumentException("scenario files have keys for training jobs only");
            }
            return out;
        }

        /** Mix generators, then trace generators: both kinds share one list in the file. */
        private static List<Object> allGenerators(WorkloadSpec w) {
            List<Object> all = new ArrayList<>(w.generators());
            all.addAll(w.traceGenerators());
            return all;
        }

        /** A list whose items are a mix or a trace generator by their {@code kind}. */
        private static ValueType<List<Object>> generators() {
            return Types.container("a list of generators", items -> {
                ArrayNode a = NODES.arrayNode();
                for (Object item : items) {
                    a.add(item instanceof TraceGeneratorSpec ? TraceGenerator.SECTION.write((TraceGeneratorSpec) item)
                            : MixGenerator.SECTION.write((GeneratorSpec) item));
                }
                return a;
            }, context -> {
                ObjectNode s = NODES.objectNode().put("type", "array");
                ObjectNode item = s.putObject("items");
                ObjectNode test = item.putObject("if");
                test.putObject("properties").putObject("kind").put("const", "trace");
                test.set("required", Types.strings(List.of("kind")));
                item.set("then", Types.ref(TraceGenerator.SECTION));
                item.set("else", Types.ref(MixGenerator.SECTION));
                return s;
            }, MixGenerator.SECTION, TraceGenerator.SECTION);
        }
    }

    /** {@code workload.generators[]} of {@code kind: mix} (the default). */
    static final class MixGenerator {
        static final Section<GeneratorSpec> SECTION = Section.of("mixGenerator", "a generator", Listing.LABEL);
        static final Key<GeneratorSpec, String> NAME = SECTION.key("name", generatorName()).required()
                .get(GeneratorSpec::name).doc("unique among generators; names the jobs <name>-0001, ...");
        static final Key<GeneratorSpec, String> KIND = SECTION.key("kind", kind(GENERATOR_KINDS)).byDefault("mix")
                .get(g -> "mix").doc("mix: weighted job kinds; trace: drawn from a published trace's statistics");
        static final Key<GeneratorSpec, Integer> COUNT = SECTION.key("count", Types.integer(1, 10_000_000)).required()
                .get(GeneratorSpec::count).doc("jobs to draw");
        static final Key<GeneratorSpec, Long> START = SECTION.key("start", QuantityTypes.duration(false)).byDefault(0L)
                .get(GeneratorSpec::startNs).doc("when arrivals begin");
        static final Key<GeneratorSpec, Long> MEAN_INTERARRIVAL = SECTION.key("meanInterarrival",
                QuantityTypes.duration(true, 365 * ScenarioKeys.DAY_NS))
                .required().get(GeneratorSpec::meanInterarrivalNs).doc("mean gap of the Poisson arrivals");
        static final Key<GeneratorSpec, List<String>> TENANTS = SECTION.key("tenants", Types.names("a list of tenant names"))
                .byDefault(List.of(Job.TENANT.defaultValue())).get(GeneratorSpec::tenants)
                .doc("each job's tenant is drawn uniformly from these");
        static final Key<GeneratorSpec, List<JobTemplateSpec>> MIX = SECTION.key("mix",
                Types.list(MixEntry.SECTION, "a list of job kinds " + MixEntry.SECTION.braced(), true)).required()
                .get(GeneratorSpec::mix).doc("the kinds of job drawn, by weight");
        static final Key<GeneratorSpec, RateGrowth> GROWTH = SECTION.key("growth", PlanTypes.growth())
                .optional("none: a constant rate").get(g -> Forecast.exponential(g.growth()))
                .doc("a forecast: the arrival rate grows (or shrinks) by this much per period from start");
        static final Key<GeneratorSpec, List<RateGrowth.Point>> RATE_CURVE = SECTION.key("rateCurve",
                Types.list(RatePoint.SECTION, "a list of points " + RatePoint.SECTION.braced(), true))
                .optional("none").get(g -> Forecast.curve(g.growth()))
                .doc("a forecast: the arrival rate's multiplier over time, linear between points; not with growth");

        private MixGenerator() {
        }
    }

    /** {@code workload.generators[].mix[]}. */
    static final class MixEntry {
        static final Section<JobTemplateSpec> SECTION = Section.of("mixEntry", "a job kind", Listing.BRACES);
        static final Key<JobTemplateSpec, String> NAME = SECTION.key("name", Types.text("a name for this kind of job"))
                .required().get(JobTemplateSpec::name).doc("unique within the mix");
        static final Key<JobTemplateSpec, Double> WEIGHT = SECTION.key("weight",
                Types.number(0, true, 1e9, false)).required().get(JobTemplateSpec::weight)
                .doc("relative weight, normalised over the mix");
        static final Key<JobTemplateSpec, JobTemplateSpec> ITERATIONS = SECTION.key("iterations",
                Types.map(IterationRange.SECTION)).required().get(t -> t)
                .doc("each job's length, drawn log-uniformly from min to max");
        static final Key<JobTemplateSpec, TrainingJobSpec> JOB = SECTION.key("job", Types.map(Job.TEMPLATE)).required()
                .get(JobTemplateSpec::prototype).doc("the job to draw: a job without id, submit, tenant, length, estimate");
        static final Key<JobTemplateSpec, RateGrowth> WEIGHT_GROWTH = SECTION.key("weightGrowth", PlanTypes.growth())
                .optional("none").get(t -> Forecast.exponential(t.weightGrowth()))
                .doc("a forecast of the mix: this kind's weight grows by this much per period from the generator's start");

        private MixEntry() {
        }
    }

    /** {@code mix[].iterations}. */
    static final class IterationRange {
        static final Section<JobTemplateSpec> SECTION = Section.of("iterationRange", "an iteration range", Listing.BRACES);
        static final Key<JobTemplateSpec, Long> MIN = SECTION.key("min", Types.longInteger(1, JobKeys.MAX_ITERATIONS))
                .required().get(JobTemplateSpec::minIterations).doc("shortest length in iterations");
        static final Key<JobTemplateSpec, Long> MAX = SECTION.key("max", Types.longInteger(1, JobKeys.MAX_ITERATIONS))
                .required().get(JobTemplateSpec::maxIterations).doc("longest length in iterations, at least min");

        private IterationRange() {
        }
    }

    /** {@code workload.generators[]} of {@code kind: trace}. */
    static final class TraceGenerator {
        static final Section<TraceGeneratorSpec> SECTION = Section
                .<TraceGeneratorSpec>of("traceGenerator", "a trace generator", Listing.LABEL)
                .rejecting("meanInterarrival",
                        "no meanInterarrival here: a trace generator submits at the trace's rate times scale")
                .rejecting("mix", "no mix here: a trace generator picks each job's shape from its GPU count");
        static final Key<TraceGeneratorSpec, String> NAME = SECTION.key("name", generatorName()).required()
                .get(TraceGeneratorSpec::name).doc("unique among generators; names the jobs <name>-0001, ...");
        static final Key<TraceGeneratorSpec, String> KIND = SECTION.key("kind", kind(List.of("trace"))).required()
                .get(g -> "trace").doc("trace: jobs drawn from a published trace's statistics");
        static final Key<TraceGeneratorSpec, TraceProfile> TRACE = SECTION.key("trace", Types.choice(TraceProfile.all()))
                .required().get(g -> TraceProfile.all().get(g.trace())).doc("the published trace (docs/WORKLOADS.md)");
        static final Key<TraceGeneratorSpec, Integer> COUNT = SECTION.key("count", Types.integer(1, 10_000_000))
                .required().get(TraceGeneratorSpec::count).doc("jobs to draw");
        static final Key<TraceGeneratorSpec, Long> START = SECTION.key("start", QuantityTypes.duration(false)).byDefault(0L)
                .get(TraceGeneratorSpec::startNs).doc("the first job's submit time");
        static final Key<TraceGeneratorSpec, Double> SCALE = SECTION.key("scale", Types.number(1e-6, false, 1e6, false))
                .byDefault(1.0).get(TraceGeneratorSpec::scale).doc("multiplies the trace's arrival rate");
        static final Key<TraceGeneratorSpec, Double> DIURNAL = SECTION.key("diurnal", Types.number(0, false, 1, true))
                .byDefault(0.0).get(TraceGeneratorSpec::diurnalAmplitude).doc("amplitude of a daily cycle of the rate");
        static final Key<TraceGeneratorSpec, List<String>> TENANTS = SECTION.key("tenants",
                Types.names("a list of tenant names")).byDefault(tenants(10), "`tenant-01` .. `tenant-10`")
                .get(TraceGeneratorSpec::tenants).doc("tenants, largest share first");
        static final Key<TraceGeneratorSpec, Double> TENANT_SKEW = SECTION.key("tenantSkew",
                Types.number(0, false, 10, false)).byDefault(1.0).get(TraceGeneratorSpec::tenantSkew)
                .doc("Zipf exponent of the tenants' shares (0 = equal)");
        static final Key<TraceGeneratorSpec, Double> SIZE_DURATION_CORRELATION = SECTION.key("sizeDurationCorrelation",
                Types.number(-1, true, 1, true)).byDefault(0.0).get(TraceGeneratorSpec::sizeDurationCorrelation)
                .doc("Gaussian-copula correlation of a job's GPU count and duration");
        static final Key<TraceGeneratorSpec, Integer> MAX_GPUS = SECTION.key("maxGpus", Types.integer(1, 1 << 20))
                .computed("the trace's largest job (128, 2048, 8)").get(TraceGeneratorSpec::maxGpus)
                .doc("largest job in GPUs, a power of two");
        static final Key<TraceGeneratorSpec, String> GPU_TYPE = SECTION.key("gpuType",
                Types.name("a GPU type name", context -> HardwareCatalog.defaults().keySet())).optional("any")
                .get(g -> g.gpuType().orElse(null)).doc("the GPU type every job requires");
        static final Key<TraceGeneratorSpec, String> REFERENCE_GPU = SECTION.key("referenceGpu",
                Types.name("a GPU type name, or cluster", context -> referenceNames()))
                .computed("the trace's own: P40 (philly), V100-SXM2-32GB (helios, pai)")
                .get(g -> g.reference().gpuTypeName())
                .doc("the GPU the drawn run times were measured on, so each job is that much work; cluster = run"
                        + " times on this cluster's own GPUs");
        static final Key<TraceGeneratorSpec, Precision> REFERENCE_PRECISION = SECTION.key("referencePrecision",
                Types.choice(Job.precisions())).computed("bf16 if the reference GPU has it, else fp16, else fp32")
                .get(g -> g.reference().precision().orElse(null))
                .doc("the precision the reference GPU ran the job shapes in; not with referenceGpu: cluster");
        static final Key<TraceGeneratorSpec, RateGrowth> GROWTH = SECTION.key("growth", PlanTypes.growth())
                .optional("none: a constant rate").get(g -> Forecast.exponential(g.growth()))
                .doc("a forecast: the arrival rate grows (or shrinks) by this much per period from start");
        static final Key<TraceGeneratorSpec, List<RateGrowth.Point>> RATE_CURVE = SECTION.key("rateCurve",
                Types.list(RatePoint.SECTION, "a list of points " + RatePoint.SECTION.braced(), true))
                .optional("none").get(g -> Forecast.curve(g.growth()))
                .doc("a forecast: the arrival rate's multiplier over time, linear between points; not with growth");
        static final Key<TraceGeneratorSpec, RateGrowth> SIZE_GROWTH = SECTION.key("sizeGrowth", PlanTypes.growth())
                .optional("none").get(g -> Forecast.exponential(g.sizeGrowth()))
                .doc("a forecast of the job sizes: the mean GPUs per job grows by this much per period from start");

        private TraceGenerator() {
        }

        /** What an editor offers for {@code referenceGpu}: the catalogue's types and {@code cluster}. */
        private static List<String> referenceNames() {
            List<String> names = new ArrayList<>(HardwareCatalog.defaults().keySet());
            names.add(WorkReference.CLUSTER);
            return names;
        }

        /** Tenants of a trace generator that names none: {@code tenant-01} .. {@code tenant-NN}, with Zipf shares. */
        private static List<String> tenants(int n) {
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                out.add(String.format(Locale.ROOT, "tenant-%02d", i));
            }
            return List.copyOf(out);
        }
    }

    /** {@code rateCurve[]}: one point of a forecast's rate curve. */
    static final class RatePoint {
        static final Section<RateGrowth.Point> SECTION = Section.of("ratePoint", "a rate point", Listing.BRACES);
        static final Key<RateGrowth.Point, Long> AT = SECTION.key("at", QuantityTypes.duration(false)).required()
                .get(RateGrowth.Point::atNs).doc("time after the generator's start; the first point is at 0 s");
        static final Key<RateGrowth.Point, Double> RATE = SECTION.key("rate", Types.number(0, false, 1000, false))
                .required().get(RateGrowth.Point::multiplier).doc("multiplier of the start's rate from here on");

        private RatePoint() {
        }
    }

    /** How the writer splits a {@link RateGrowth} over the {@code growth} and {@code rateCurve} keys. */
    static final class Forecast {
        private Forecast() {
        }

        /** The exponential growth, or null (not written) for none or a curve. */
        static RateGrowth exponential(RateGrowth g) {
            return g.none() || g.isCurve() ? null : g;
        }

        /** The curve's points, or null for none or an exponential growth. */
        static List<RateGrowth.Point> curve(RateGrowth g) {
            return g.isCurve() ? g.curve() : null;
        }
    }

    private static ValueType.Scalar<String> generatorName() {
        return Types.text("a generator name, used in the ids of the jobs it draws");
    }

    /** A generator's {@code kind}, read by the workload reader before it picks the section. */
    private static ValueType<String> kind(List<String> offered) {
        return Types.container(String.join(" or ", offered), NODES::textNode,
                context -> NODES.objectNode().set("enum", Types.strings(offered)));
    }
}
