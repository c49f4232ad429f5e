package dev.fleetsim.policies;

import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PreemptionSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.fleetsim.policies.TestRuns.S;
import static dev.fleetsim.policies.TestRuns.job;
import static dev.fleetsim.policies.TestRuns.record;
import static dev.fleetsim.policies.TestRuns.scenario;
import static dev.fleetsim.policies.TestRuns.withPriority;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a preemption costs, by hand: one 8-GPU node, one second per iteration, checkpoints every
 * 20 s, a 5 s restart. low (100 it) runs [0, 30) and has checkpoints at 20; high (priority 5,
 * 20 it) preempts it at 30, so low keeps 20 iterations and loses the 10 s since the checkpoint.
 * high runs [30, 50); low restarts at 50, makes progress from 55 and needs 80 s more: ends 135.
 */
class PreemptionCostTest {
    private static final ClusterSpec NODE = Scenarios.homogeneous("H100-SXM", 1, 8, Scenarios.DEFAULT_FABRIC);
    private static final List<TrainingJobSpec> JOBS = List.of(job("low", 8, 100, 0, "t"), withPriority(job("high", 8, 20, 30, "t"), 5));

    private static RunResult run(PreemptionSpec cost) {
        return TestRuns.run(scenario(NODE, JOBS, List.of(), "priority", Map.of(), cost, 1), 1.0);
    }

    @Test
    void workSinceTheCheckpointIsLostAndTheRestartIsPaid() {
        RunResult r = run(new PreemptionSpec(20 * S, 5 * S));
        JobRecord low = record(r, "low");
        assertEquals(135 * S, low.endNs().getAsLong());
        assertEquals(1, low.preemptions());
        assertEquals(30 + 85, low.runNs() / S, "held GPUs [0, 30) and [50, 135)");
        assertEquals(10 * S, low.lostWorkNs(), 1.0);
        assertEquals(5 * S, low.restartNs());
        // run time = useful iterations + lost work + restart
        assertEquals(100 + 10 + 5, low.runNs() / S);
        // GPU-time and cost follow the time held: 8 x 115 s for low, 8 x 20 s for high
        assertEquals(8 * (115 + 20) / 3600.0, r.summary().utilisation().allocatedGpuHours(), 1e-9);
        GpuSpec h100 = HardwareCatalog.defaults().get("H100-SXM");
        double hours = 115 / 3600.0;
        double kwh = 8 * (h100.idleWatts() + (h100.tdpWatts() - h100.idleWatts()) * 0.5) * 1.2 * hours / 1000;
        assertEquals(kwh, low.energyKWh(), 1e-12);
        // on demand: the GPU-hours held at the list price, which includes power (docs/PRICING.md)
        assertEquals(8 * h100.priceUsdPerGpuHour() * hours, low.costUsd(), 1e-9);
        String csv = ResultWriter.jobsCsv(r.jobs());
        assertTrue(csv.startsWith("id,tenant,state,gpus,gpu_type,submit_s,start_s,end_s,wait_s,queueing_s,jct_s,slowdown,"
                + "iterations,iterations_done,tokens,iteration_time_s,ideal_iteration_time_s,model_tflops_per_gpu,mfu,cost_usd,"
                + "energy_kwh,preemptions,run_s,lost_work_s,restart_s,interruptions,checkpoint_s,goodput,placement,reason\n"), csv);
        // it never waited before its first start, but queued [30, 50) after its preemption; JCT 135 s over an ideal 100 s
        assertEquals(0, low.waitNs().getAsLong());
        assertEquals(20 * S, low.queueingNs().getAsLong());
        assertTrue(csv.contains("\nlow,t,FINISHED,8,H100-SXM,0.000,0.000,135.000,0.000,20.000,135.000,1.3500,100,"), csv);
        // goodput: (115 − 10 lost − 5 restarting) / 115 held
        assertTrue(csv.contains(",1,115.000,10.000,5.000,0,0.000,0.8696,n0[0-7],"), csv);
    }

    @Test
    void zeroIntervalCheckpointsAtThePreemptionAndLosesNothing() {
        RunResult r = run(new PreemptionSpec(0, 5 * S));
        // low keeps its 30 iterations; restarts at 50, progress from 55, 70 left: ends 125
        JobRecord low = record(r, "low");
        assertEquals(125 * S, low.endNs().getAsLong());
        assertEquals(0, low.lostWorkNs(), 1e-9);
        assertEquals(5 * S, low.restartNs());
    }

    @Test
    void preemptionDuringTheRestartLosesOnlyTheRestart() {
        // A second high job (priority 5) arrives at 52, while low is restarting (50..55): low is stopped again
        // with nothing new to lose; it restarts at 72 (high2 runs [52, 72)), progress from 77, ends 157.
        List<TrainingJobSpec> jobs = List.of(job("low", 8, 100, 0, "t"), withPriority(job("high", 8, 20, 30, "t"), 5),
                withPriority(job("high2", 8, 20, 52, "t"), 5));
        RunResult r = TestRuns.run(scenario(NODE, jobs, List.of(), "priority", Map.of(),
                new PreemptionSpec(20 * S, 5 * S), 1), 1.0);
        JobRecord low = record(r, "low");
        assertEquals(2, low.preemptions());
        assertEquals(157 * S, low.endNs().getAsLong());
        assertEquals(10 * S, low.lostWorkNs(), 1.0);
        assertEquals((2 + 5) * S, low.restartNs());
        assertEquals(100 + 10 + 7, low.runNs() / S);
    }
}
