package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.scenario.WorkloadKeys.IterationRange;
import dev.fleetsim.engine.scenario.WorkloadKeys.MixEntry;
import dev.fleetsim.engine.scenario.WorkloadKeys.MixGenerator;
import dev.fleetsim.engine.scenario.WorkloadKeys.Workload;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.JobTemplateSpec;
import dev.fleetsim.engine.workload.RateGrowth;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import dev.fleetsim.engine.workload.JobSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import dev.fleetsim.engine.kernel.SimTime;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code workload} section ({@link WorkloadKeys}): listed jobs and generators, with their cross-checks
 * against the cluster. It remembers each job and template with the GPU types it can run on,
 * so the loader can run the feasibility check over them once the whole file is valid.
 */
final class WorkloadReader {

    private static final ValueType.Scalar<String> TENANT_NAME = Types.text("a tenant name");

    /** A job or template that passed the structural checks, where it is, and where it can run. */
    private record Placed(Cursor cursor, TrainingJobSpec job, List<String> gpuTypes) {
    }

    private final ClusterSpec cluster;
    private final Map<String, GpuSpec> hardware;
    private final List<Placed> placed = new ArrayList<>();
    private final TraceGeneratorReader traceReader;
    private final ServiceReader serviceReader;

    /** {@code cluster} null = the cluster section was invalid, so cluster cross-checks are skipped. */
    WorkloadReader(ClusterSpec cluster, Map<String, GpuSpec> hardware) {
        this(cluster, hardware, Path.of("").toAbsolutePath());
    }

    /** As above, with the files services name (traces, length distributions) resolved against {@code baseDir}. */
    WorkloadReader(ClusterSpec cluster, Map<String, GpuSpec> hardware, Path baseDir) {
        this.cluster = cluster;
        this.hardware = hardware;
        this.traceReader = new TraceGeneratorReader(cluster, hardware);
        this.serviceReader = new ServiceReader(cluster, hardware, baseDir);
    }

    WorkloadSpec read(Cursor c) {
        int mark = c.mark();
        if (!c.present()) {
            c.problem(c.found(), "a workload section with jobs, generators or both");
            return null;
        }
        if (!c.map(Workload.SECTION)) {
            return null;
        }
        Cursor jobsAt = Workload.JOBS.at(c);
        Cursor generatorsAt = Workload.GENERATORS.at(c);
        Cursor servicesAt = Workload.SERVICES.at(c);
        if (!jobsAt.present() && !generatorsAt.present() && !servicesAt.present()) {
            c.problem(c.found(), "at least one of jobs, generators or services");
        }
        List<JobSpec> jobs = new ArrayList<>();
        Map<String, String> idPaths = new HashMap<>();
        for (Cursor item : jobsAt.present() ? jobsAt.list(Workload.JOBS.type().allowed()) : List.<Cursor>of()) {
            unique(item, JobKeys.Job.ID.name(), idPaths, "an id no other job has");
            TrainingJobSpec job = JobReader.readJob(item);
            if (job != null) {
                place(item, job);
                jobs.add(job);
            }
        }
        List<GeneratorSpec> generators = new ArrayList<>();
        List<TraceGeneratorSpec> traces = new ArrayList<>();
        Map<String, String> namePaths = new HashMap<>();
        List<Cursor> generatorItems = generatorsAt.present() ? generatorsAt.list(Workload.GENERATORS.type().allowed())
                : List.of();
        for (Cursor item : generatorItems) {
            unique(item, MixGenerator.NAME.name(), namePaths, "a name no other generator has");
            String kind = kind(item);
            if ("trace".equals(kind)) {
                TraceGeneratorSpec trace = traceReader.read(item);
                if (trace != null) {
                    traces.add(trace);
                }
            } else if ("mix".equals(kind)) {
                GeneratorSpec generator = readGenerator(item);
                if (generator != null) {
                    generators.add(generator);
                }
            }
        }
        List<ServiceSpec> services = new ArrayList<>();
        Map<String, String> servicePaths = new HashMap<>();
        for (Cursor item : servicesAt.present() ? servicesAt.list(Workload.SERVICES.type().allowed()) : List.<Cursor>of()) {
            unique(item, ServiceKeys.Service.NAME.name(), servicePaths, "a name no other service has");
            ServiceSpec service = serviceReader.read(item);
            if (service != null) {
                services.add(service);
            }
        }
        if (c.cleanSince(mark) && jobs.isEmpty() && generators.isEmpty() && traces.isEmpty() && services.isEmpty()) {
            c.problem("no jobs, generators or services", "at least one job, generator or service: there is nothing to simulate");
        }
        return c.cleanSince(mark) ? new WorkloadSpec(jobs, generators, traces, services) : null;
    }

    /** The generator's kind, {@code mix} when absent; null when it is not a known kind (reported). */
    private static String kind(Cursor item) {
        Cursor at = MixGenerator.KIND.at(item);
        if (!at.present() || !item.node().isObject()) {
            return "mix";
        }
        String kind = at.node().isTextual() ? at.node().asText().trim() : null;
        if (kind != null && WorkloadKeys.GENERATOR_KINDS.contains(kind)) {
            return kind;
        }
        at.problem(at.found(), Suggestions.oneOf(at.node().asText(), WorkloadKeys.GENERATOR_KINDS)
                + " (mix: weighted job kinds; trace: drawn from a published trace's statistics)");
        return null;
    }

    private GeneratorSpec readGenerator(Cursor c) {
        int mark = c.mark();
        if (!c.map(MixGenerator.SECTION)) {
            return null;
        }
        String name = MixGenerator.NAME.read(c);
        Integer count = MixGenerator.COUNT.read(c);
        Long startNs = MixGenerator.START.read(c);
        Long meanGapNs = MixGenerator.MEAN_INTERARRIVAL.read(c);
        List<String> tenants = readTenants(MixGenerator.TENANTS.at(c), MixGenerator.TENANTS.defaultValue());
        Cursor mixAt = MixGenerator.MIX.at(c);
        List<JobTemplateSpec> mix = new ArrayList<>();
        if (!mixAt.present()) {
            mixAt.problem(mixAt.found(), MixGenerator.MIX.type().allowed());
        } else {
            List<Cursor> items = mixAt.list(MixGenerator.MIX.type().allowed());
            if (items.isEmpty() && mixAt.node().isArray()) {
                mixAt.problem("an empty list", "at least one job kind");
            }
            Map<String, String> names = new HashMap<>();
            for (Cursor item : items) {
                unique(item, MixEntry.NAME.name(), names, "a name no other entry of this mix has");
                JobTemplateSpec template = readTemplate(item, name, tenants);
                if (template != null) {
                    mix.add(template);
                }
            }
        }
        if (startNs != null && meanGapNs != null && count != null) {
            checkSpan(c, MixGenerator.MEAN_INTERARRIVAL.at(c), startNs, (double) count * meanGapNs, count
                    + " jobs x meanInterarrival");
        }
        RateGrowth growth = ForecastReader.read(c, MixGenerator.GROWTH, MixGenerator.RATE_CURVE);
        if (!c.cleanSince(mark)) {
            return null;
        }
        return new GeneratorSpec(name, count, startNs, meanGapNs, mix, tenants, growth);
    }

    /**
     * Reports a name already used at another path; checked on the raw text, before and apart
     * from the rest of the entry, so a duplicate is reported even in an otherwise broken entry.
     */
    private static void unique(Cursor entry, String key, Map<String, String> firstPaths, String allowed) {
        Cursor at = entry.field(key);
        if (at.present() && at.node().isTextual() && !at.node().asText().isBlank()) {
            String first = firstPaths.putIfAbsent(at.node().asText().trim(), entry.path());
            if (first != null) {
                at.problem(at.found(), allowed + " (" + first + " has it)");
            }
        }
    }

    /** A generator's tenants, or {@code defaults} when it names none. */
    static List<String> readTenants(Cursor c, List<String> defaults) {
        if (!c.present()) {
            return defaults;
        }
        List<String> tenants = new ArrayList<>();
        List<Cursor> items = c.list("a list of tenant names");
        if (items.isEmpty() && c.node().isArray()) {
            c.problem("an empty list", "at least one tenant name");
        }
        // A set beside the list: a million tenants are checked in one pass, not a million scans.
        Map<String, String> seen = new HashMap<>();
        for (Cursor item : items) {
            String tenant = TENANT_NAME.read(item);
            if (tenant != null) {
                String first = seen.putIfAbsent(tenant, item.path());
                if (first != null) {
                    item.problem(item.found(), "a tenant not already listed (" + first + " has it)");
                }
            }
            tenants.add(tenant);
        }
        return tenants;
    }

    /** A mix entry; {@code generator} is null and {@code tenants} has nulls when those are invalid (reported). */
    private JobTemplateSpec readTemplate(Cursor c, String generator, List<String> tenants) {
        int mark = c.mark();
        if (!c.map(MixEntry.SECTION)) {
            return null;
        }
        String name = MixEntry.NAME.read(c);
        Double weight = MixEntry.WEIGHT.read(c);
        Long min = null;
        Long max = null;
        Cursor range = MixEntry.ITERATIONS.at(c);
        if (!range.present()) {
            range.problem(range.found(), IterationRange.SECTION.what() + ", drawn log-uniformly");
        } else if (range.map(IterationRange.SECTION)) {
            min = IterationRange.MIN.read(range);
            max = IterationRange.MAX.read(range);
            if (min != null && max != null && max < min) {
                Cursor at = IterationRange.MAX.at(range);
                at.problem(at.found(), "at least min (" + min + ")");
            }
        }
        Cursor jobAt = MixEntry.JOB.at(c);
        TrainingJobSpec prototype = null;
        if (!jobAt.present()) {
            jobAt.problem(jobAt.found(), "the job to draw: model, precision, globalBatch, parallelism, ...");
        } else {
            String tenant = tenants.isEmpty() || tenants.get(0) == null ? JobKeys.Job.TENANT.defaultValue() : tenants.get(0);
            // The draw replaces id, tenant and length; these stand-ins keep the prototype a whole job.
            prototype = JobReader.readTemplate(jobAt, generator + "/" + name, tenant, min == null ? 1 : min);
        }
        RateGrowth weightGrowth = MixEntry.WEIGHT_GROWTH.read(c);
        if (!c.cleanSince(mark)) {
            return null;
        }
        place(jobAt, prototype);
        return new JobTemplateSpec(name, weight, prototype, min, max, weightGrowth == null ? RateGrowth.NONE : weightGrowth);
    }

    private void place(Cursor at, TrainingJobSpec job) {
        if (cluster != null) {
            List<String> types = JobChecks.placeableTypes(at, job, cluster, hardware);
            if (!types.isEmpty()) {
                placed.add(new Placed(at, job, types));
            }
        }
    }

    /**
     * A generator's arrivals, expected to span {@code spanNs} from {@code startNs}, end within the
     * simulated clock's 100 years; reported at {@code at} with the arithmetic.
     */
    static void checkSpan(Cursor generator, Cursor at, long startNs, double spanNs, String what) {
        if (startNs + spanNs > SimTime.MAX_NS) {
            at.problem(at.found() + " (start " + QuantityFormat.duration(startNs) + " + " + what + " = "
                            + SimTime.years(startNs + spanNs) + ")",
                    "arrivals that end within " + SimTime.years(SimTime.MAX_NS)
                            + ", the simulated clock's span: fewer jobs, shorter gaps or an earlier start");
        }
    }

    /** The engine's check on every job and template that got this far; call only on an otherwise valid file. */
    void checkFeasibility(JobFeasibilityCheck check) {
        for (Placed p : placed) {
            JobChecks.checkFeasible(p.cursor(), p.job(), cluster, hardware, check);
        }
        traceReader.checkFeasibility(check);
        serviceReader.checkFeasibility(check);
    }
}
