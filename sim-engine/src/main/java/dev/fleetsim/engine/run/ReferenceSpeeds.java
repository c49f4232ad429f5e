package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.Admission;
import dev.fleetsim.engine.cluster.JobFit;
import dev.fleetsim.engine.perf.StepTimeModel;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ReferenceHardware;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.engine.workload.WorkReference;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How fast a job shape runs on a trace's reference hardware, which is what turns a drawn
 * duration into work (iterations). The reference is rebuilt as a cluster of its own, sized for
 * the job (nodes of the reference servers on a full-bisection fabric), and the run's own
 * training model costs the shape there on its ideal placement, in the precision the reference
 * GPU trains in. Memory is not checked: the reference only says how long the work took, and the
 * trace's jobs were not these shapes. One topology per (reference, node count) and one estimate
 * per shape, so a generator costs a handful of estimates, not one per job.
 */
final class ReferenceSpeeds {

    private record Site(ReferenceHardware hardware, int nodes) {
    }

    private record Built(Topology topology, StepTimeModel model, Admission admission) {
    }

    private record Ask(Site site, TrainingJobSpec shape) {
    }

    private final Map<String, GpuSpec> catalogue;
    private final Function<Topology, StepTimeModel> training;
    private final Map<Site, Built> sites = new HashMap<>();
    private final Map<Ask, Double> times = new HashMap<>();

    ReferenceSpeeds(Map<String, GpuSpec> catalogue, Function<Topology, StepTimeModel> training) {
        this.catalogue = catalogue;
        this.training = training;
    }

    /** Seconds per iteration of {@code job} on {@code reference} (not {@link WorkReference#ON_CLUSTER}); 0 when it cannot run there. */
    double iterationTimeS(TrainingJobSpec job, WorkReference reference) {
        ReferenceHardware hw = reference.hardware().orElseThrow(() -> new IllegalArgumentException("not a hardware reference"));
        Precision precision = reference.precision().orElseThrow();
        GpuSpec gpu = catalogue.get(hw.gpuType());
        if (gpu == null || !gpu.supports(precision)) {
            return 0;
        }
        TrainingJobSpec shape = onReference(job.shape(), precision);
        Site site = new Site(hw, (shape.gpus() + hw.gpusPerNode() - 1) / hw.gpusPerNode());
        return times.computeIfAbsent(new Ask(site, shape), ask -> {
            Built b = sites.computeIfAbsent(site, this::build);
            Optional<int[]> gpus = b.admission().idealPlacement(shape);
            return gpus.map(g -> b.model().estimate(shape, b.topology(), g).iterationTimeS()).orElse(0.0);
        });
    }

    private Built build(Site site) {
        ReferenceHardware hw = site.hardware();
        // One leaf per node group of 4, full bisection: the reference measures the GPU, not a congested fabric.
        ClusterSpec cluster = new ClusterSpec(List.of(new NodeGroupSpec("reference", hw.gpuType(), site.nodes(),
                hw.gpusPerNode(), hw.nicsPerNode(), hw.nicBandwidthBytesPerS())),
                new FabricSpec(4, 1, 5_000, 1_000));
        Topology topology = Topology.build(cluster, catalogue);
        return new Built(topology, training.apply(topology), Admission.of(topology, JobFit.ANY));
    }

    /** The shape as the reference ran it: its precision, and no GPU-type requirement of the scenario's cluster. */
    private static TrainingJobSpec onReference(TrainingJobSpec s, Precision precision) {
        return new TrainingJobSpec("", s.model(), precision, s.globalBatchSeqs(), s.microBatchSeqs(), s.parallelism(),
                s.recompute(), s.zeroStage(), s.dpOverlap(), s.flashAttention(), 1, 0, "", 0, Optional.empty());
    }
}
