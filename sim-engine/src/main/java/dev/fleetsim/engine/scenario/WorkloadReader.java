package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.JobTemplateSpec;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code workload} section: listed jobs and generators, with their cross-checks
 * against the cluster. It remembers each job and template with the GPU types it can run on,
 * so the loader can run the feasibility check over them once the whole file is valid.
 */
final class WorkloadReader {

    static final List<String> WORKLOAD_KEYS = List.of("jobs", "generators");
    static final List<String> GENERATOR_KEYS = List.of("name", "kind", "count", "start", "meanInterarrival", "tenants",
            "mix");
    static final List<String> GENERATOR_KINDS = List.of("mix", "trace");
    static final List<String> MIX_KEYS = List.of("name", "weight", "iterations", "job");
    static final List<String> RANGE_KEYS = List.of("min", "max");

    /** A job or template that passed the structural checks, where it is, and where it can run. */
    private record Placed(Cursor cursor, TrainingJobSpec job, List<String> gpuTypes) {
    }

    private final ClusterSpec cluster;
    private final Map<String, GpuSpec> hardware;
    private final List<Placed> placed = new ArrayList<>();
    private final TraceGeneratorReader traceReader;

    /** {@code cluster} null = the cluster section was invalid, so cluster cross-checks are skipped. */
    WorkloadReader(ClusterSpec cluster, Map<String, GpuSpec> hardware) {
        this.cluster = cluster;
        this.hardware = hardware;
        this.traceReader = new TraceGeneratorReader(cluster, hardware);
    }

    WorkloadSpec read(Cursor c) {
        int mark = c.mark();
        if (!c.present()) {
            c.problem(c.found(), "a workload section with jobs, generators or both");
            return null;
        }
        if (!c.map(WORKLOAD_KEYS, "the workload section")) {
            return null;
        }
        Cursor jobsAt = c.field("jobs");
        Cursor generatorsAt = c.field("generators");
        if (!jobsAt.present() && !generatorsAt.present()) {
            c.problem(c.found(), "at least one of jobs or generators");
        }
        List<TrainingJobSpec> jobs = new ArrayList<>();
        Map<String, String> idPaths = new HashMap<>();
        for (Cursor item : jobsAt.present() ? jobsAt.list("a list of jobs") : List.<Cursor>of()) {
            unique(item, "id", idPaths, "an id no other job has");
            TrainingJobSpec job = JobReader.readJob(item);
            if (job != null) {
                place(item, job);
                jobs.add(job);
            }
        }
        List<GeneratorSpec> generators = new ArrayList<>();
        List<TraceGeneratorSpec> traces = new ArrayList<>();
        Map<String, String> namePaths = new HashMap<>();
        for (Cursor item : generatorsAt.present() ? generatorsAt.list("a list of generators") : List.<Cursor>of()) {
            unique(item, "name", namePaths, "a name no other generator has");
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
        if (c.cleanSince(mark) && jobs.isEmpty() && generators.isEmpty() && traces.isEmpty()) {
            c.problem("no jobs and no generators", "at least one job or generator: there is nothing to simulate");
        }
        return c.cleanSince(mark) ? new WorkloadSpec(jobs, generators, traces) : null;
    }

    /** The generator's kind, {@code mix} when absent; null when it is not a known kind (reported). */
    private static String kind(Cursor item) {
        Cursor at = item.field("kind");
        if (!at.present() || !item.node().isObject()) {
            return "mix";
        }
        String kind = at.node().isTextual() ? at.node().asText().trim() : null;
        if (kind != null && GENERATOR_KINDS.contains(kind)) {
            return kind;
        }
        at.problem(at.found(), Suggestions.oneOf(at.node().asText(), GENERATOR_KINDS)
                + " (mix: weighted job kinds; trace: drawn from a published trace's statistics)");
        return null;
    }

    private GeneratorSpec readGenerator(Cursor c) {
        int mark = c.mark();
        if (!c.map(GENERATOR_KEYS, "a generator")) {
            return null;
        }
        String name = c.requiredString("name", "a generator name, used in the ids of the jobs it draws");
        Integer count = c.intValue("count", null, 1, 10_000_000);
        Long startNs = c.quantity("start", 0L, Units::durationNs, Units.DURATION_UNITS, false);
        Long meanGapNs = c.quantity("meanInterarrival", null, Units::durationNs, Units.DURATION_UNITS, true);
        List<String> tenants = readTenants(c.field("tenants"));
        Cursor mixAt = c.field("mix");
        List<JobTemplateSpec> mix = new ArrayList<>();
        if (!mixAt.present()) {
            mixAt.problem(mixAt.found(), "a list of job kinds {name, weight, iterations {min, max}, job}");
        } else {
            List<Cursor> items = mixAt.list("a list of job kinds {name, weight, iterations {min, max}, job}");
            if (items.isEmpty() && mixAt.node().isArray()) {
                mixAt.problem("an empty list", "at least one job kind");
            }
            Map<String, String> names = new HashMap<>();
            for (Cursor item : items) {
                unique(item, "name", names, "a name no other entry of this mix has");
                JobTemplateSpec template = readTemplate(item, name, tenants);
                if (template != null) {
                    mix.add(template);
                }
            }
        }
        if (!c.cleanSince(mark)) {
            return null;
        }
        return new GeneratorSpec(name, count, startNs, meanGapNs, mix, tenants);
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

    static List<String> readTenants(Cursor c) {
        if (!c.present()) {
            return List.of(JobReader.DEFAULT_TENANT);
        }
        List<String> tenants = new ArrayList<>();
        List<Cursor> items = c.list("a list of tenant names");
        if (items.isEmpty() && c.node().isArray()) {
            c.problem("an empty list", "at least one tenant name");
        }
        for (Cursor item : items) {
            String tenant = item.string("a tenant name");
            if (tenant != null && tenants.contains(tenant)) {
                item.problem(item.found(), "a tenant not already listed");
            }
            tenants.add(tenant);
        }
        return tenants;
    }

    /** A mix entry; {@code generator} is null and {@code tenants} has nulls when those are invalid (reported). */
    private JobTemplateSpec readTemplate(Cursor c, String generator, List<String> tenants) {
        int mark = c.mark();
        if (!c.map(MIX_KEYS, "a job kind {name, weight, iterations {min, max}, job}")) {
            return null;
        }
        String name = c.requiredString("name", "a name for this kind of job");
        Double weight = c.number("weight", null, 0, true, Double.POSITIVE_INFINITY, false);
        Long min = null;
        Long max = null;
        Cursor range = c.field("iterations");
        if (!range.present()) {
            range.problem(range.found(), "an iteration range {min, max}, drawn log-uniformly");
        } else if (range.map(RANGE_KEYS, "an iteration range {min, max}")) {
            min = range.integer("min", null, 1, Long.MAX_VALUE / 2);
            max = range.integer("max", null, 1, Long.MAX_VALUE / 2);
            if (min != null && max != null && max < min) {
                range.field("max").problem(range.field("max").found(), "at least min (" + min + ")");
            }
        }
        Cursor jobAt = c.field("job");
        TrainingJobSpec prototype = null;
        if (!jobAt.present()) {
            jobAt.problem(jobAt.found(), "the job to draw: model, precision, globalBatch, parallelism, ...");
        } else {
            String tenant = tenants.isEmpty() || tenants.get(0) == null ? JobReader.DEFAULT_TENANT : tenants.get(0);
            // The draw replaces id, tenant and length; these stand-ins keep the prototype a whole job.
            prototype = JobReader.readTemplate(jobAt, generator + "/" + name, tenant, min == null ? 1 : min);
        }
        if (!c.cleanSince(mark)) {
            return null;
        }
        place(jobAt, prototype);
        return new JobTemplateSpec(name, weight, prototype, min, max);
    }

    private void place(Cursor at, TrainingJobSpec job) {
        if (cluster != null) {
            List<String> types = JobChecks.placeableTypes(at, job, cluster, hardware);
            if (!types.isEmpty()) {
                placed.add(new Placed(at, job, types));
            }
        }
    }

    /** The engine's check on every job and template that got this far; call only on an otherwise valid file. */
    void checkFeasibility(JobFeasibilityCheck check) {
        for (Placed p : placed) {
            JobChecks.checkFeasible(p.cursor(), p.job(), p.gpuTypes(), hardware, check);
        }
        traceReader.checkFeasibility(check);
    }
}
