package dev.fleetsim.policies;

import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.ClusterRun;
import dev.fleetsim.engine.run.PerformanceModels;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.policies.placement.FirstFitPlacement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two 8-GPU H100 nodes, one second per iteration. Expected values are the arithmetic in the
 * comments, checked by hand.
 */
class FifoGoldenTest {
    private static final long S = 1_000_000_000L;
    private static final ModelSpec MODEL = ModelCatalog.find("gpt-1.3b").orElseThrow();

    @Test
    void headOfLineBlockingAndFirstFit() {
        List<TrainingJobSpec> jobs = List.of(
                // a: 16 GPUs from t=0 for 100 iterations -> runs [0, 100)
                Scenarios.dataParallelJob("a", MODEL, 16, 16, 100, 0, "t1"),
                // b: 8 GPUs at t=10 -> waits for a: runs [100, 150)
                Scenarios.dataParallelJob("b", MODEL, 8, 8, 50, 10 * S, "t1"),
                // c: 4 GPUs at t=20 -> fits beside b on node 1: runs [100, 130)
                Scenarios.dataParallelJob("c", MODEL, 4, 4, 30, 20 * S, "t2"),
                // d: 16 GPUs at t=30 -> waits for b and c: runs [150, 160)
                Scenarios.dataParallelJob("d", MODEL, 16, 16, 10, 30 * S, "t2"),
                // e: 1 GPU at t=40 -> FIFO: blocked behind d although GPUs are free at 130: runs [150, ...)? no:
                // d takes all 16 GPUs at 150, so e runs [160, 165)
                Scenarios.dataParallelJob("e", MODEL, 1, 1, 5, 40 * S, "t2"));
        ScenarioSpec scenario = Scenarios.of("golden", 1, Scenarios.homogeneous("H100-SXM", 2, 8, Scenarios.DEFAULT_FABRIC),
                jobs, List.of(), Scenarios.policy("fifo", Map.of()));
        RunResult result = new ClusterRun(scenario, "fifo", new FifoPolicy(new FirstFitPlacement()),
                new PerformanceModels(t -> new FixedStepModel(1.0, 0.5))).run(SimulationObserver.NONE);

        assertJob(result, "a", 0, 100, "n0-n1[0-7]");
        assertJob(result, "b", 100, 150, "n0[0-7]");
        assertJob(result, "c", 100, 130, "n1[0-3]");
        assertJob(result, "d", 150, 160, "n0-n1[0-7]");
        assertJob(result, "e", 160, 165, "n0[0]");

        RunSummary s = result.summary();
        assertEquals(165.0, s.times().makespanS(), 1e-9);
        assertEquals(5, s.counts().finished());
        // waits: a 0, b 90, c 80, d 120, e 120 -> mean 82
        assertEquals((0 + 90 + 80 + 120 + 120) / 5.0, s.times().waitS().mean(), 1e-9);
        // GPU-seconds: a 16*100 + b 8*50 + c 4*30 + d 16*10 + e 1*5 = 2285
        double gpuSeconds = 16 * 100 + 8 * 50 + 4 * 30 + 16 * 10 + 5;
        assertEquals(gpuSeconds / 3600, s.utilisation().allocatedGpuHours(), 1e-9);
        assertEquals(gpuSeconds / (16 * 165.0), s.utilisation().allocatedUtilisation(), 1e-9);
        assertEquals(0.5 * gpuSeconds / (16 * 165.0), s.utilisation().busyUtilisation(), 1e-9);
        GpuSpec h100 = HardwareCatalog.defaults().get("H100-SXM");
        assertEquals(16 * 165 / 3600.0 * h100.priceUsdPerGpuHour(), s.cost().gpuCostUsd(), 1e-9);
        // the time series' cost of GPUs held by jobs ends at the allocated GPU-hours' price
        var t = result.timeseries();
        double[] last = t.rows()[t.rows().length - 1];
        assertEquals(gpuSeconds / 3600 * h100.priceUsdPerGpuHour(), last[t.column("cumulative_allocated_gpu_cost_usd")], 1e-6);
        // energy: idle on all 16 GPUs for 165 s, plus (tdp - idle) * 0.5 on busy GPU-seconds, times PUE 1.2
        double joules = (16 * 165 * h100.idleWatts() + gpuSeconds * (h100.tdpWatts() - h100.idleWatts()) * 0.5) * 1.2;
        assertEquals(joules / 3.6e6, s.cost().energyKWh(), 1e-9);
    }

    private static void assertJob(RunResult r, String id, long startS, long endS, String placement) {
        JobRecord j = r.jobs().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        assertEquals("FINISHED", j.state(), id);
        assertEquals(startS * S, j.startNs().getAsLong(), id + " start");
        assertEquals(endS * S, j.endNs().getAsLong(), id + " end");
        assertEquals(placement, j.placement(), id + " placement");
    }
}
