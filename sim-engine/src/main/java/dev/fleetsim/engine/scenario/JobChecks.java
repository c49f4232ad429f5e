package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks of a job against the cluster it is submitted to: its GPU type exists there, supports
 * its precision, and has enough GPUs for its layout (a job runs on one GPU type; a TP group
 * may span nodes, which is slow but valid). Then, once the whole file is otherwise valid, the
 * engine's {@link JobFeasibilityCheck} on each GPU type the job could run on.
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
     * The GPU types the job can be placed on: its {@code gpuType}, or every cluster type that
     * supports its precision and has enough GPUs. Empty (with the reason reported) when none.
     */
    static List<String> placeableTypes(Cursor c, TrainingJobSpec job, ClusterSpec cluster,
                                       Map<String, GpuSpec> hardware) {
        Map<String, Integer> byType = gpusByType(cluster);
        Precision precision = job.precision();
        if (job.gpuType().isPresent()) {
            String type = job.gpuType().get();
            Cursor at = c.field("gpuType");
            if (!byType.containsKey(type)) {
                String kind = hardware.containsKey(type) ? "a GPU type the cluster has: "
                        : "a GPU type the cluster has (or leave gpuType out for any): ";
                at.problem(at.found() + (hardware.containsKey(type) ? " (no node group has it)" : ""),
                        kind + Suggestions.oneOf(type, byType.keySet()));
                return List.of();
            }
            GpuSpec gpu = hardware.get(type);
            boolean ok = true;
            if (!gpu.supports(precision)) {
                c.field("precision").problem(c.field("precision").found(),
                        "a precision " + type + " supports: one of " + keys(gpu.peakDenseTflops().keySet()));
                ok = false;
            }
            if (job.gpus() > byType.get(type)) {
                tooLarge(c, job, "at most " + byType.get(type) + " GPUs, the " + type + " GPUs in the cluster");
                ok = false;
            }
            return ok ? List.of(type) : List.of();
        }
        Set<Precision> anySupported = new LinkedHashSet<>();
        List<String> supporting = new ArrayList<>();
        for (String type : byType.keySet()) {
            anySupported.addAll(hardware.get(type).peakDenseTflops().keySet());
            if (hardware.get(type).supports(precision)) {
                supporting.add(type);
            }
        }
        if (supporting.isEmpty()) {
            c.field("precision").problem(c.field("precision").found(), "a precision a GPU type of the cluster ("
                    + String.join(", ", byType.keySet()) + ") supports: one of " + keys(anySupported));
            return List.of();
        }
        List<String> fitting = new ArrayList<>();
        String largest = supporting.get(0);
        for (String type : supporting) {
            if (byType.get(type) >= job.gpus()) {
                fitting.add(type);
            }
            if (byType.get(type) > byType.get(largest)) {
                largest = type;
            }
        }
        if (fitting.isEmpty()) {
            tooLarge(c, job, "at most " + byType.get(largest) + " GPUs, the most of one type supporting "
                    + precision.key() + " in the cluster (" + largest + "); a job runs on one GPU type");
        }
        return fitting;
    }

    private static void tooLarge(Cursor c, TrainingJobSpec job, String allowed) {
        ParallelismSpec p = job.parallelism();
        c.field("parallelism").problem(job.gpus() + " GPUs (tp x pp x dp = " + p.tp() + " x " + p.pp() + " x "
                + p.dp() + ")", allowed);
    }

    /**
     * Runs the engine's check on each type; reports nothing if the job fits on one of them,
     * else one problem per type with the check's messages.
     */
    static void checkFeasible(Cursor c, TrainingJobSpec job, List<String> types, Map<String, GpuSpec> hardware,
                              JobFeasibilityCheck check) {
        Map<String, List<String>> failures = new LinkedHashMap<>();
        for (String type : types) {
            List<String> problems = check.problems(job, hardware.get(type));
            if (problems.isEmpty()) {
                return;
            }
            failures.put(type, problems);
        }
        String allowed = "a job that fits on at least one GPU type it can run on (" + String.join(", ", types)
                + "): change tp, pp, dp, microBatch, recompute or zeroStage, or use a larger GPU";
        failures.forEach((type, problems) -> c.problem("on " + type + ": " + String.join("; ", problems), allowed));
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
