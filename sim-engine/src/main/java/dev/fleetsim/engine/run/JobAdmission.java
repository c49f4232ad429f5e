package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.ClusterState;
import dev.fleetsim.engine.perf.MemoryBreakdown;
import dev.fleetsim.engine.perf.StepTimeModel;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides, once per job shape, where a job can run (its GPU type requirement, precision, the
 * count of GPUs of a type, and memory) and how fast it runs on an ideal placement: consecutive
 * GPUs of its first feasible type on an idle cluster. That speed is what policies that order
 * by length (SJF, SRTF) use as the job's true length.
 */
final class JobAdmission {

    /** Where a job can run, why not where it cannot (empty when some type fits), and its ideal speed. */
    record Verdict(List<String> gpuTypes, String reason, double idealIterationTimeS) {
    }

    private final Topology topology;
    private final ClusterState cluster;
    private final StepTimeModel stepModel;
    private final Map<String, GpuSpec> gpuTypes = new LinkedHashMap<>();
    private final Map<String, Integer> firstGpuOfType = new HashMap<>();
    private final Map<TrainingJobSpec, Verdict> byShape = new HashMap<>();

    JobAdmission(Topology topology, ClusterState cluster, StepTimeModel stepModel) {
        this.topology = topology;
        this.cluster = cluster;
        this.stepModel = stepModel;
        for (Topology.Node n : topology.nodes()) {
            gpuTypes.putIfAbsent(n.gpu().name(), n.gpu());
            firstGpuOfType.putIfAbsent(n.gpu().name(), n.firstGpu());
        }
    }

    Verdict admit(TrainingJobSpec spec) {
        return byShape.computeIfAbsent(spec.shape(), this::judge);
    }

    private Verdict judge(TrainingJobSpec spec) {
        List<String> out = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (GpuSpec gpu : gpuTypes.values()) {
            String type = gpu.name();
            if (spec.gpuType().isPresent() && !spec.gpuType().get().equals(type)) {
                continue;
            }
            if (!gpu.supports(spec.precision())) {
                reasons.add(type + " does not support " + spec.precision().key());
            } else if (cluster.totalGpusOfType(type) < spec.gpus()) {
                reasons.add("needs " + spec.gpus() + " GPUs, the cluster has " + cluster.totalGpusOfType(type) + " " + type);
            } else {
                MemoryBreakdown m = stepModel.memory(spec, gpu);
                if (m.fits()) {
                    out.add(type);
                } else {
                    reasons.add(String.format(Locale.ROOT, "on %s needs %.1f GiB per GPU, has %.1f GiB (%s largest)", type,
                            m.totalBytes() / 1073741824.0, m.capacityBytes() / 1073741824.0, m.largestTerm()));
                }
            }
        }
        if (out.isEmpty()) {
            if (reasons.isEmpty()) {
                reasons.add("no GPU of type " + spec.gpuType().orElse("?") + " in the cluster");
            }
            return new Verdict(List.of(), String.join("; ", reasons), 0);
        }
        return new Verdict(List.copyOf(out), "", idealIterationTimeS(spec, out.get(0)));
    }

    /** Consecutive GPUs of the type, in node order; a type's nodes may be interleaved with others'. */
    private double idealIterationTimeS(TrainingJobSpec spec, String type) {
        int[] gpus = new int[spec.gpus()];
        int filled = 0;
        for (int g = firstGpuOfType.get(type); g < topology.gpuCount() && filled < gpus.length; g++) {
            if (topology.gpuSpecOf(g).name().equals(type)) {
                gpus[filled++] = g;
            }
        }
        return stepModel.estimate(spec, topology, gpus).iterationTimeS();
    }
}
