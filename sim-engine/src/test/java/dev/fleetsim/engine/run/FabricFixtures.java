package dev.fleetsim.engine.run;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.perf.FlowStepModel;
import dev.fleetsim.engine.perf.IterationTraffic;
import dev.fleetsim.engine.scenario.NetworkMode;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.scenario.SimulationSpec;
import dev.fleetsim.engine.scenario.WorkloadSpec;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The oversubscribed fabric of the serving-beside-training tests ({@code KvLoadTest},
 * {@code ReplicaCommTest}): four one-GPU H100 nodes with one 400 Gb/s NIC each, two nodes a leaf,
 * one spine, leaves 4:1 (up-link {@link #UPLINK} = 11.75 GB/s), the gpt-1.3b data-parallel job on
 * GPUs 0 and 2 whose ring crosses it, and runs under a scripted placement.
 */
final class FabricFixtures {
    static final GpuSpec H100 = HardwareCatalog.defaults().get("H100-SXM");
    static final double NIC = 400e9 / 8;
    static final double UPLINK = 2 * NIC * H100.efficiency().nic() / 4;
    static final ClusterSpec CLUSTER = new ClusterSpec(
            List.of(new NodeGroupSpec("n", "H100-SXM", 4, 1, 1, NIC)), new FabricSpec(2, 4.0, 5_000, 1_000));

    private FabricFixtures() {
    }

    /** gpt-1.3b, data-parallel on two GPUs, no DP overlap, {@code iterations} long, submitted at {@code submitNs}. */
    static TrainingJobSpec train(long iterations, long submitNs) {
        return new TrainingJobSpec("train", ModelCatalog.find("gpt-1.3b").orElseThrow(), Precision.BF16, 2, 1,
                new ParallelismSpec(1, 1, 2, 1), Recompute.NONE, 0, 0.0, true, iterations, submitNs, "t", 0,
                Optional.empty());
    }

    /** Idle iteration time T (s) of the job on GPUs {0, 2}, and its bytes per flow per iteration S. */
    static double[] idleTimeAndBytes() {
        Topology topology = Topology.build(CLUSTER, HardwareCatalog.defaults());
        double t = new FlowStepModel(topology).estimate(train(1, 0), topology, new int[] {0, 2}).iterationTimeS();
        double s = IterationTraffic.of(train(1, 0), new int[] {0, 2}).get(0).bytes();
        return new double[] {t, s};
    }

    /** Job {@code id}'s record, which must have finished. */
    static JobRecord record(RunResult r, String id) {
        JobRecord j = r.jobs().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        assertEquals("FINISHED", j.state(), id);
        return j;
    }

    /** Seconds from the job's start to its end. */
    static double jct(RunResult r, String id) {
        JobRecord j = record(r, id);
        return (j.endNs().getAsLong() - j.startNs().getAsLong()) / 1e9;
    }

    /** A run of the services and jobs on {@code cluster}, each placed where {@code placed} says. */
    static RunResult run(ClusterSpec cluster, Map<String, int[]> placed, List<ServiceSpec> services,
                         List<TrainingJobSpec> jobs, NetworkMode mode) {
        ScenarioSpec spec = new ScenarioSpec("fabric", "", new SimulationSpec(OptionalLong.empty(), 1, 100, false, mode),
                HardwareCatalog.defaults(), cluster, new WorkloadSpec(List.copyOf(jobs), List.of(), List.of(), services),
                Scenarios.policy("scripted", Map.of()), Scenarios.DEFAULT_COST);
        return new ClusterRun(spec, "scripted", NetworkCouplingTest.scripted(placed), PerformanceModels.of(spec))
                .run(SimulationObserver.NONE);
    }
}
