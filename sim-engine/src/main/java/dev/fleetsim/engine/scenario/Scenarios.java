package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Scenarios built in code rather than read from a file: for benchmarks that generate their
 * workload, and for tests. Uses the shipped hardware catalogue and the defaults a file gets.
 */
public final class Scenarios {
    /** The fabric a file gets when it names none (4 nodes a leaf, full bisection, 5 us / 1 us hops): the declared defaults. */
    public static final FabricSpec DEFAULT_FABRIC = ClusterReader.defaultFabric();
    /** The cost section a file gets when it has none: the declared defaults. */
    public static final CostSpec DEFAULT_COST = ScenarioLoader.defaultCost();

    private Scenarios() {
    }

    /** {@code nodes} nodes of {@code gpusPerNode} GPUs of one catalogue type, 8 x 400 Gb/s NICs each. */
    public static ClusterSpec homogeneous(String gpuType, int nodes, int gpusPerNode, FabricSpec fabric) {
        return new ClusterSpec(List.of(new NodeGroupSpec(gpuType.toLowerCase(java.util.Locale.ROOT), gpuType, nodes,
                gpusPerNode, 8, 400e9 / 8)), fabric);
    }

    public static ScenarioSpec of(String name, long seed, ClusterSpec cluster, List<TrainingJobSpec> jobs,
                                  List<GeneratorSpec> generators, PolicySpec policy) {
        return new ScenarioSpec(name, "", new SimulationSpec(OptionalLong.empty(), seed, 100, false),
                HardwareCatalog.defaults(), cluster, new WorkloadSpec(List.copyOf(jobs), generators), policy, DEFAULT_COST);
    }

    /** A bf16 data-parallel job of a catalogue model with the file defaults for everything else. */
    public static TrainingJobSpec dataParallelJob(String id, ModelSpec model, int gpus, int globalBatch,
                                                  long iterations, long submitNs, String tenant) {
        return new TrainingJobSpec(id, model, Precision.BF16, globalBatch, 1, new ParallelismSpec(1, 1, gpus, 1),
                Recompute.NONE, 0, 0.8, true, iterations, submitNs, tenant, 0, Optional.empty());
    }

    public static PolicySpec policy(String name, Map<String, Object> params) {
        return new PolicySpec(name, params);
    }
}
