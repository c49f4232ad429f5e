package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.cluster.Admission;
import dev.fleetsim.engine.cluster.JobFit;
import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.scenario.WorkloadKeys.TraceGenerator;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.GpuCountDistribution;
import dev.fleetsim.engine.workload.RateGrowth;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import dev.fleetsim.engine.workload.TraceProfile;
import dev.fleetsim.engine.workload.TraceShapes;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.engine.workload.WorkReference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a generator with {@code kind: trace} ({@link WorkloadKeys.TraceGenerator}): a workload
 * drawn from a published trace's statistics. Checks that the cluster has enough GPUs of one type
 * for the largest job and, once the file is otherwise valid, that every job shape the generator
 * can draw fits in memory on some GPU type it may use.
 */
final class TraceGeneratorReader {

    private record Shape(Cursor at, String trace, TrainingJobSpec job, List<String> gpuTypes) {
    }

    private final ClusterSpec cluster;
    private final Map<String, GpuSpec> hardware;
    private final List<Shape> shapes = new ArrayList<>();

    /** {@code cluster} null = the cluster section was invalid, so cluster cross-checks are skipped. */
    TraceGeneratorReader(ClusterSpec cluster, Map<String, GpuSpec> hardware) {
        this.cluster = cluster;
        this.hardware = hardware;
    }

    /** The generator, or null when anything in it is wrong (reported). */
    TraceGeneratorSpec read(Cursor c) {
        int mark = c.mark();
        if (!c.map(TraceGenerator.SECTION)) {
            return null;
        }
        String name = TraceGenerator.NAME.read(c);
        TraceProfile trace = TraceGenerator.TRACE.read(c);
        Integer count = TraceGenerator.COUNT.read(c);
        Long startNs = TraceGenerator.START.read(c);
        Double scale = TraceGenerator.SCALE.read(c);
        Double diurnal = TraceGenerator.DIURNAL.read(c);
        List<String> tenants = WorkloadReader.readTenants(TraceGenerator.TENANTS.at(c),
                TraceGenerator.TENANTS.defaultValue());
        Double skew = TraceGenerator.TENANT_SKEW.read(c);
        Double rho = TraceGenerator.SIZE_DURATION_CORRELATION.read(c);
        Integer maxGpus = TraceGenerator.MAX_GPUS.read(c, trace == null ? 1 : trace.maxGpus());
        String gpuType = TraceGenerator.GPU_TYPE.read(c);
        if (trace != null && maxGpus != null) {
            checkMaxGpus(c, trace, maxGpus);
        }
        if (trace != null && count != null && startNs != null && scale != null) {
            double gapNs = trace.meanInterarrivalS() * 1e9 / scale;
            WorkloadReader.checkSpan(c, TraceGenerator.COUNT.at(c), startNs, count * gapNs, count + " jobs x "
                    + trace.name() + "'s mean gap " + QuantityFormat.plain(Math.round(trace.meanInterarrivalS() * 10) / 10.0)
                    + " s / scale " + QuantityFormat.plain(scale));
        }
        WorkReference reference = trace == null ? null : readReference(c, trace);
        RateGrowth growth = ForecastReader.read(c, TraceGenerator.GROWTH, TraceGenerator.RATE_CURVE);
        RateGrowth sizeGrowth = TraceGenerator.SIZE_GROWTH.read(c);
        if (!c.cleanSince(mark)) {
            return null;
        }
        if (cluster != null) {
            checkCluster(c, trace, maxGpus, Optional.ofNullable(gpuType));
        }
        if (!c.cleanSince(mark)) {
            return null;
        }
        return new TraceGeneratorSpec(name, trace.name(), count, startNs, scale, diurnal, tenants, skew, rho, maxGpus,
                Optional.ofNullable(gpuType), reference, growth, sizeGrowth == null ? RateGrowth.NONE : sizeGrowth);
    }

    /**
     * {@code referenceGpu} and {@code referencePrecision}: a GPU type of the resolved catalogue
     * (the cluster need not have it) in a precision it supports, or {@code cluster}.
     */
    private WorkReference readReference(Cursor c, TraceProfile trace) {
        Cursor gpuAt = TraceGenerator.REFERENCE_GPU.at(c);
        String type = TraceGenerator.REFERENCE_GPU.read(c, trace.reference().gpuType());
        Cursor precisionAt = TraceGenerator.REFERENCE_PRECISION.at(c);
        Precision precision = TraceGenerator.REFERENCE_PRECISION.read(c, Precision.BF16);
        if (type == null || precision == null) {
            return null;
        }
        if (WorkReference.CLUSTER.equals(type)) {
            if (precisionAt.present()) {
                precisionAt.problem(precisionAt.found(), "no referencePrecision with referenceGpu: cluster (the jobs"
                        + " run in their own precision on the cluster)");
                return null;
            }
            return WorkReference.ON_CLUSTER;
        }
        GpuSpec gpu = hardware.get(type);
        if (gpu == null) {
            gpuAt.problem(gpuAt.found(), "a GPU type of the catalogue or the hardware section, or cluster: "
                    + Suggestions.oneOf(type, referenceNames()));
            return null;
        }
        if (precisionAt.present()) {
            if (!gpu.supports(precision)) {
                precisionAt.problem(precisionAt.found(), "a precision " + type + " computes in: "
                        + String.join(", ", supported(gpu)));
                return null;
            }
        } else {
            Optional<Precision> trained = WorkReference.trainingPrecision(gpu::supports);
            if (trained.isEmpty()) {
                gpuAt.problem(gpuAt.found(), "a GPU type that trains in bf16, fp16, tf32 or fp32");
                return null;
            }
            precision = trained.get();
        }
        return WorkReference.on(trace.reference().withGpuType(type), precision);
    }

    private List<String> referenceNames() {
        List<String> names = new ArrayList<>(hardware.keySet());
        names.add(WorkReference.CLUSTER);
        return names;
    }

    private static List<String> supported(GpuSpec gpu) {
        List<String> out = new ArrayList<>();
        for (Precision p : Precision.values()) {
            if (gpu.supports(p)) {
                out.add(p.key());
            }
        }
        return out;
    }

    private static void checkMaxGpus(Cursor c, TraceProfile trace, int maxGpus) {
        Cursor at = TraceGenerator.MAX_GPUS.at(c);
        if (Integer.bitCount(maxGpus) != 1) {
            at.problem(at.found(), "a power of two (1, 2, 4, ..., " + trace.maxGpus() + ")");
            return;
        }
        try {
            GpuCountDistribution.fit(trace.meanGpusInUnits(), maxGpus);
        } catch (IllegalArgumentException e) {
            at.problem(at.found(), "at least " + GpuCountDistribution.smallestMaxFor(trace.meanGpusInUnits())
                    + ", so that " + trace.name() + "'s mean of " + trace.meanGpusInUnits()
                    + " GPUs per job can be matched with most jobs on one GPU");
        }
    }

    /** The GPU type exists and supports bf16; one eligible type has GPUs for the largest job. */
    private void checkCluster(Cursor c, TraceProfile trace, int maxGpus, Optional<String> gpuType) {
        Map<String, Integer> byType = new LinkedHashMap<>();
        JobChecks.gpusByType(cluster).forEach((type, n) -> {
            if (hardware.get(type).supports(Precision.BF16) && (gpuType.isEmpty() || gpuType.get().equals(type))) {
                byType.put(type, n);
            }
        });
        if (gpuType.isPresent() && byType.isEmpty()) {
            Cursor at = TraceGenerator.GPU_TYPE.at(c);
            at.problem(at.found(), "a GPU type of the cluster that supports bf16: "
                    + Suggestions.oneOf(gpuType.get(), JobChecks.gpusByType(cluster).keySet()));
            return;
        }
        int most = byType.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (most < maxGpus) {
            Cursor given = TraceGenerator.MAX_GPUS.at(c);
            Cursor at = given.present() ? given : TraceGenerator.TRACE.at(c);
            String found = given.present() ? at.found()
                    : at.found() + " (its largest job has " + maxGpus + " GPUs)";
            at.problem(found, most == 0 ? "a cluster with GPUs that support bf16"
                    : "jobs of at most " + most + " GPUs, the most of one bf16 type in the cluster: set maxGpus to a"
                    + " power of two up to " + Integer.highestOneBit(most));
            return;
        }
        Admission admission = Admission.of(cluster, hardware, JobFit.ANY);
        for (int g = 1; g <= maxGpus; g *= 2) {
            TrainingJobSpec job = TraceShapes.prototype(g, gpuType);
            shapes.add(new Shape(c, trace.name(), job, admission.placeable(job).gpuTypes()));
        }
    }

    /** Every shape must fit in memory on one of its types ({@link Admission}); call only on an otherwise valid file. */
    void checkFeasibility(JobFeasibilityCheck check) {
        if (shapes.isEmpty()) {
            return;
        }
        Admission admission = Admission.of(cluster, hardware, check::problems);
        for (Shape s : shapes) {
            Admission.Verdict v = admission.admit(s.job());
            if (!v.admitted()) {
                List<String> failures = new ArrayList<>();
                for (Admission.Refusal r : v.refusals(Admission.Cause.DOES_NOT_FIT)) {
                    failures.add("on " + r.gpuType() + ": " + r.detail());
                }
                TrainingJobSpec j = s.job();
                s.at().problem("the " + j.gpus() + "-GPU job shape (" + j.model().name() + ", tp " + j.parallelism().tp()
                        + ", pp " + j.parallelism().pp() + ", dp " + j.parallelism().dp() + ") does not fit: "
                        + String.join("; ", failures), "GPU types with enough memory for the " + s.trace()
                        + " job shapes (80 GB class), or a smaller maxGpus");
            }
        }
    }
}
