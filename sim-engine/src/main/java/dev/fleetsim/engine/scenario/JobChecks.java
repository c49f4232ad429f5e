package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.cluster.Admission;
import dev.fleetsim.engine.cluster.JobFit;
import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.JobSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks of a job against the cluster it is submitted to, phrased at the field a user changes:
 * {@link Admission} decides (its GPU type exists there, supports its precision, and has enough
 * GPUs for its layout; a job runs on one GPU type; a TP group may span nodes, which is slow but
 * valid), and, once the whole file is otherwise valid, the engine's {@link JobFeasibilityCheck}
 * on each GPU type the job could run on.
 */
final class JobChecks {

    private JobChecks() {
    }

    /** GPUs of each type in the cluster, in node-group order. */
    static Map<String, Integer> gpusByType(ClusterSpec cluster) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (NodeGroupSpec g : cluster.nodeGroups()) {
            out.merge(g.gpuType(), g.count() * g.gpusPerNode(), Integer::sum);
        }
        return out;
    }

    /**
     * The GPU types the job can be placed on, as {@link Admission} decides before the memory
     * check: its {@code gpuType}, or every cluster type that supports its precision and has enough
     * GPUs. Empty (with the reason reported at the field to change) when none.
     */
    static List<String> placeableTypes(Cursor c, TrainingJobSpec job, ClusterSpec cluster,
                                       Map<String, GpuSpec> hardware) {
        Admission.Verdict v = Admission.of(cluster, hardware, JobFit.ANY).placeable(job);
        Map<String, Integer> byType = gpusByType(cluster);
        Precision precision = job.precision();
        if (job.gpuType().isPresent()) {
            String type = job.gpuType().get();
            if (!v.refusals(Admission.Cause.NOT_IN_CLUSTER).isEmpty()) {
                Cursor at = c.field("gpuType");
                String kind = hardware.containsKey(type) ? "a GPU type the cluster has: "
                        : "a GPU type the cluster has (or leave gpuType out for any): ";
                at.problem(at.found() + (hardware.containsKey(type) ? " (no node group has it)" : ""),
                        kind + Suggestions.oneOf(type, byType.keySet()));
                return List.of();
            }
            GpuSpec gpu = hardware.get(type);
            if (!v.refusals(Admission.Cause.PRECISION).isEmpty()) {
                c.field("precision").problem(c.field("precision").found(),
                        "a precision " + type + " supports: one of " + keys(gpu.peakDenseTflops().keySet()));
            }
            if (!v.refusals(Admission.Cause.TOO_FEW_GPUS).isEmpty()) {
                tooLarge(c, job, "at most " + byType.get(type) + " GPUs, the " + type + " GPUs in the cluster");
            }
            return v.gpuTypes();
        }
        if (v.refusals(Admission.Cause.PRECISION).size() == byType.size()) {
            Set<Precision> anySupported = new LinkedHashSet<>();
            byType.keySet().forEach(type -> anySupported.addAll(hardware.get(type).peakDenseTflops().keySet()));
            c.field("precision").problem(c.field("precision").found(), "a precision a GPU type of the cluster ("
                    + String.join(", ", byType.keySet()) + ") supports: one of " + keys(anySupported));
            return List.of();
        }
        if (!v.admitted()) {
            String largest = null;
            for (String type : byType.keySet()) {
                if (hardware.get(type).supports(precision) && (largest == null || byType.get(type) > byType.get(largest))) {
                    largest = type;
                }
            }
            tooLarge(c, job, "at most " + byType.get(largest) + " GPUs, the most of one type supporting "
                    + precision.key() + " in the cluster (" + largest + "); a job runs on one GPU type");
        }
        return v.gpuTypes();
    }

    private static void tooLarge(Cursor c, TrainingJobSpec job, String allowed) {
        ParallelismSpec p = job.parallelism();
        c.field("parallelism").problem(job.gpus() + " GPUs (tp x pp x dp = " + p.tp() + " x " + p.pp() + " x "
                + p.dp() + ")", allowed);
    }

    /**
     * {@link Admission}'s verdict with the engine's check: reports nothing if the job fits on one
     * of the types it may run on, else one problem per type with the check's messages.
     */
    static void checkFeasible(Cursor c, JobSpec job, ClusterSpec cluster, Map<String, GpuSpec> hardware,
                              JobFeasibilityCheck check) {
        checkFeasible(c, job, cluster, hardware, check,
                "a job that fits on at least one GPU type it can run on: change tp, pp, dp, microBatch, recompute or "
                        + "zeroStage, or use a larger GPU");
    }

    /** As {@link #checkFeasible(Cursor, JobSpec, ClusterSpec, Map, JobFeasibilityCheck)}, with the kind's advice. */
    static void checkFeasible(Cursor c, JobSpec job, ClusterSpec cluster, Map<String, GpuSpec> hardware,
                              JobFeasibilityCheck check, String advice) {
        Admission.Verdict v = Admission.of(cluster, hardware, check::problems).admit(job);
        if (v.admitted()) {
            return;
        }
        List<Admission.Refusal> failures = v.refusals(Admission.Cause.DOES_NOT_FIT);
        String types = failures.stream().map(Admission.Refusal::gpuType).collect(Collectors.joining(", "));
        int colon = advice.indexOf(':');
        String allowed = colon < 0 ? advice + " (" + types + ")"
                : advice.substring(0, colon) + " (" + types + ")" + advice.substring(colon);
        failures.forEach(f -> c.problem("on " + f.gpuType() + ": " + f.detail(), allowed));
    }

    private static String keys(Set<Precision> precisions) {
        List<String> keys = new ArrayList<>();
        for (Precision p : Precision.values()) {
            if (precisions.contains(p)) {
                keys.add(p.key());
            }
        }
        return String.join(", ", keys);
    }
}
