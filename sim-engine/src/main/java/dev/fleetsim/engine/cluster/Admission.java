package dev.fleetsim.engine.cluster;

import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.JobSpec;
import dev.fleetsim.engine.workload.PerShape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place that decides where a job can run and what its ideal placement is, for the
 * scenario validator, the run and {@code estimate} alike. A GPU type of the cluster can hold a
 * job when it is the job's required type (if any), supports the job's precision, has at least as
 * many GPUs as the job's gang, and the kind's {@link JobFit} (memory) finds nothing wrong. Types
 * are listed in cluster order (node groups in file order), which is the order policies try them
 * in. The ideal placement is where first fit puts the job on an idle cluster: the first node of
 * its first feasible type that holds the whole job, else that type's GPUs node by node; its speed
 * there is the job's ideal speed. Verdicts are cached per job shape ({@link JobSpec#shape()}).
 * Not thread-safe.
 */
public final class Admission {

    /** Why one GPU type cannot hold a job. */
    public enum Cause {
        /** The job requires a type the cluster does not have. */
        NOT_IN_CLUSTER,
        /** The type does not compute in the job's precision. */
        PRECISION,
        /** The cluster has fewer GPUs of the type than the job's gang. */
        TOO_FEW_GPUS,
        /** The kind's fit check refused it (memory). */
        DOES_NOT_FIT
    }

    /** One reason a type cannot hold a job; {@code detail} is the fit check's words for {@link Cause#DOES_NOT_FIT}. */
    public record Refusal(String gpuType, Cause cause, String detail) {
    }

    /**
     * The types the job can run on, in cluster order, and every reason the other types cannot
     * hold it (a type may fail the precision and the count check at once; the fit check runs only
     * on types that pass both).
     */
    public record Verdict(List<String> gpuTypes, List<Refusal> refusals) {
        public Verdict {
            gpuTypes = List.copyOf(gpuTypes);
            refusals = List.copyOf(refusals);
        }

        public boolean admitted() {
            return !gpuTypes.isEmpty();
        }

        /** The refusals of one cause, in cluster order. */
        public List<Refusal> refusals(Cause cause) {
            return refusals.stream().filter(r -> r.cause() == cause).toList();
        }

        /** Why the job cannot run anywhere, one clause per refusal; empty when it can run somewhere. */
        public String reason() {
            return admitted() ? "" : refusals.stream().map(Verdict::clause).collect(Collectors.joining("; "));
        }

        private static String clause(Refusal r) {
            switch (r.cause()) {
                case NOT_IN_CLUSTER:
                    return "no GPU of type " + r.gpuType() + " in the cluster";
                case PRECISION:
                    return r.gpuType() + " does not support " + r.detail();
                case TOO_FEW_GPUS:
                    return "needs " + r.detail();
                default:
                    return "on " + r.gpuType() + ": " + r.detail();
            }
        }
    }

    private final Map<String, GpuSpec> types = new LinkedHashMap<>();
    private final Map<String, Long> gpusOfType = new HashMap<>();
    private final JobFit fit;
    private final Topology topology;
    /** Verdicts by shape ({@link PerShape}: a job is found by its parts' identities, not by hashing its shape). */
    private final PerShape<Verdict> byShape = new PerShape<>();

    private Admission(Topology topology, JobFit fit) {
        this.topology = topology;
        this.fit = fit;
    }

    /** Admission on a built cluster: verdicts and ideal placements. */
    public static Admission of(Topology topology, JobFit fit) {
        Admission a = new Admission(topology, fit);
        for (Topology.Node n : topology.nodes()) {
            a.add(n.gpu(), n.gpuCount());
        }
        return a;
    }

    /** Admission on a cluster as written (no topology is built): verdicts only, for validation. */
    public static Admission of(ClusterSpec cluster, Map<String, GpuSpec> hardware, JobFit fit) {
        Admission a = new Admission(null, fit);
        for (NodeGroupSpec g : cluster.nodeGroups()) {
            GpuSpec gpu = hardware.get(g.gpuType());
            if (gpu != null) {
                a.add(gpu, (long) g.count() * g.gpusPerNode());
            }
        }
        return a;
    }

    private void add(GpuSpec gpu, long gpus) {
        types.putIfAbsent(gpu.name(), gpu);
        gpusOfType.merge(gpu.name(), gpus, Long::sum);
    }

    /** The cluster's GPU types in cluster order. */
    public Map<String, GpuSpec> gpuTypes() {
        return Collections.unmodifiableMap(types);
    }

    /** GPUs of a type in the cluster (0 for a type it does not have). */
    public long gpusOfType(String type) {
        return gpusOfType.getOrDefault(type, 0L);
    }

    /** Where the job can run by type requirement, precision and GPU count, before the fit check. */
    public Verdict placeable(JobSpec job) {
        return judge(job, false);
    }

    /** Where the job can run, fit check included. */
    public Verdict admit(JobSpec job) {
        return byShape.computeIfAbsent(job, j -> judge(j, true));
    }

    private Verdict judge(JobSpec job, boolean withFit) {
        List<String> out = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        if (job.gpuType().isPresent() && !types.containsKey(job.gpuType().get())) {
            refusals.add(new Refusal(job.gpuType().get(), Cause.NOT_IN_CLUSTER, ""));
        }
        for (GpuSpec gpu : types.values()) {
            String type = gpu.name();
            if (job.gpuType().isPresent() && !job.gpuType().get().equals(type)) {
                continue;
            }
            boolean ok = true;
            if (!gpu.supports(job.precision())) {
                refusals.add(new Refusal(type, Cause.PRECISION, job.precision().key()));
                ok = false;
            }
            long have = gpusOfType(type);
            if (have < job.gpus()) {
                refusals.add(new Refusal(type, Cause.TOO_FEW_GPUS,
                        job.gpus() + " GPUs, the cluster has " + have + " " + type));
                ok = false;
            }
            if (ok && withFit) {
                List<String> problems = fit.problems(job, gpu);
                if (!problems.isEmpty()) {
                    refusals.add(new Refusal(type, Cause.DOES_NOT_FIT, String.join("; ", problems)));
                    ok = false;
                }
            }
            if (ok) {
                out.add(type);
            }
        }
        return new Verdict(out, refusals);
    }

    /**
     * The job's ideal placement: where first fit puts it on an idle cluster, on its first feasible
     * type. GPU ids in rank order. Empty when the job cannot run anywhere.
     *
     * @throws IllegalStateException on an admission built without a topology
     */
    public Optional<int[]> idealPlacement(JobSpec job) {
        if (topology == null) {
            throw new IllegalStateException("ideal placements need an admission built on a topology");
        }
        Verdict v = admit(job);
        if (!v.admitted()) {
            return Optional.empty();
        }
        String type = v.gpuTypes().get(0);
        int need = job.gpus();
        for (Topology.Node n : topology.nodes()) {
            if (n.gpu().name().equals(type) && n.gpuCount() >= need) {
                return Optional.of(consecutive(n.firstGpu(), need));
            }
        }
        int[] gpus = new int[need];
        int filled = 0;
        for (Topology.Node n : topology.nodes()) {
            for (int g = n.firstGpu(); g < n.firstGpu() + n.gpuCount() && filled < need && n.gpu().name().equals(type); g++) {
                gpus[filled++] = g;
            }
        }
        return Optional.of(gpus);
    }

    private static int[] consecutive(int first, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = first + i;
        }
        return out;
    }
}
