package dev.fleetsim.engine.run;

import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.LinkRecord;
import dev.fleetsim.engine.perf.FlowStepModel;
import dev.fleetsim.engine.perf.IterationTraffic;
import dev.fleetsim.engine.scenario.NetworkMode;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.Placement;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run loop with the shared flow-level network, on a fabric small enough to check by hand:
 * four one-GPU H100 nodes with one 400 Gb/s NIC each, two nodes a leaf, one spine, leaves 4:1
 * oversubscribed. A leaf up-link then carries {@code U = 2 × NIC / 4}: half a NIC. A two-GPU
 * data-parallel job on nodes of different leaves runs a ring of two flows, one up each leaf's
 * up-link, each carrying the whole gradient buffer S per iteration (2(n−1)/n·S with n = 2).
 * The job (gpt-1.3b, one sequence per GPU) is communication-bound: alone on the fabric its
 * iteration takes T (the idle-network estimate) and its flows need S/T on average, more than
 * half the up-link, so two such jobs on the same up-links are each held to U/2 and pace at
 * S / (U/2).
 */
class NetworkCouplingTest {

    private static final GpuSpec H100 = HardwareCatalog.defaults().get("H100-SXM");
    private static final double NIC = 400e9 / 8;
    private static final double UPLINK = 2 * NIC * H100.efficiency().nic() / 4;
    private static final ClusterSpec CLUSTER = new ClusterSpec(
            List.of(new NodeGroupSpec("n", "H100-SXM", 4, 1, 1, NIC)), new FabricSpec(2, 4.0, 5_000, 1_000));

    private static TrainingJobSpec job(String id, long iterations) {
        return Scenarios.dataParallelJob(id, ModelCatalog.find("gpt-1.3b").orElseThrow(), 2, 2, iterations, 0, "t");
    }

    /** Idle iteration time T (s) of the job on GPUs {0, 2}, and its bytes per flow per iteration S. */
    private static double[] idleTimeAndBytes() {
        Topology topology = Topology.build(CLUSTER, HardwareCatalog.defaults());
        double t = new FlowStepModel(topology).estimate(job("x", 1), topology, new int[] {0, 2}).iterationTimeS();
        double s = IterationTraffic.of(job("x", 1), new int[] {0, 2}).get(0).bytes();
        return new double[] {t, s};
    }

    @Test
    void fixtureIsCommunicationBoundButFitsAloneOnTheUplink() {
        double[] ts = idleTimeAndBytes();
        double demand = ts[1] / ts[0];
        assertTrue(demand <= UPLINK * (1 + 1e-9), "alone, the job's average demand fits the up-link");
        assertTrue(2 * demand > UPLINK, "two such jobs oversubscribe it");
    }

    @Test
    void aJobAloneGetsTheFullBottleneckAndRunsAtItsIdlePace() {
        double[] ts = idleTimeAndBytes();
        RunResult r = run(NetworkMode.FLOW, List.of(job("a", 100)), Map.of("a", new int[] {0, 2}));

        assertEquals(100 * ts[0], jct(r, "a"), 1e-6);
        assertEquals(2, r.summary().networkUpdates(), "one start, one stop");
        assertEquals(0, r.summary().rateChanges());
        LinkRecord up = link(r, "leaf0->spine0");
        // Its flow runs at its average demand S / T the whole run: utilisation (S / T) / U.
        assertEquals(ts[1] / ts[0] / UPLINK, up.peakUtilisation(), 1e-9);
        assertEquals(100 * ts[1], up.bytes(), 1e-6 * 100 * ts[1]);
    }

    @Test
    void twoJobsWhoseRingsCrossOneOversubscribedSpineEachGetHalfAndTheirJctsFollow() {
        double[] ts = idleTimeAndBytes();
        RunResult r = run(NetworkMode.FLOW, List.of(job("a", 100), job("b", 100)),
                Map.of("a", new int[] {0, 2}, "b", new int[] {1, 3}));

        double shared = ts[1] / (UPLINK / 2);
        assertTrue(shared > ts[0], "sharing slows both");
        assertEquals(100 * shared, jct(r, "a"), 1e-6);
        assertEquals(100 * shared, jct(r, "b"), 1e-6);
        assertEquals(1.0, link(r, "leaf0->spine0").peakUtilisation(), 1e-9);
        assertEquals(1.0, link(r, "leaf1->spine0").peakUtilisation(), 1e-9);
        // a slowed when b starts, b starts slowed, b re-paced when a ends (the same instant b ends).
        assertEquals(3, r.summary().rateChanges());
        assertEquals(4, r.summary().networkUpdates());
    }

    @Test
    void ratesAreRestoredWhenTheNeighbourFinishes() {
        double[] ts = idleTimeAndBytes();
        RunResult r = run(NetworkMode.FLOW, List.of(job("a", 100), job("b", 40)),
                Map.of("a", new int[] {0, 2}, "b", new int[] {1, 3}));

        double shared = ts[1] / (UPLINK / 2);
        assertEquals(40 * shared, jct(r, "b"), 1e-6);
        // a shares for b's 40 iterations, then runs its last 60 alone at its idle pace.
        assertEquals(40 * shared + 60 * ts[0], jct(r, "a"), 1e-6);
        assertEquals(3, r.summary().rateChanges(), "a slowed, b slowed, a restored");
    }

    @Test
    void jobsOnDisjointLeavesDoNotInteract() {
        double[] ts = idleTimeAndBytes();
        RunResult r = run(NetworkMode.FLOW, List.of(job("a", 100), job("b", 100)),
                Map.of("a", new int[] {0, 1}, "b", new int[] {2, 3}));

        double under = jct(r, "a");
        assertEquals(under, jct(r, "b"), 1e-9);
        assertTrue(under < 100 * ts[0], "a ring under one leaf skips the oversubscribed up-link");
        assertEquals(0, r.summary().rateChanges());
    }

    @Test
    void theAnalyticNetworkCostsEachJobAloneAndRecordsNoLinks() {
        RunResult r = run(NetworkMode.ANALYTIC, List.of(job("a", 100), job("b", 100)),
                Map.of("a", new int[] {0, 2}, "b", new int[] {1, 3}));

        assertEquals(jct(r, "a"), jct(r, "b"), 1e-9);
        assertEquals(0, r.summary().networkUpdates());
        assertTrue(r.links().isEmpty());
    }

    @Test
    void sameScenarioTwiceGivesIdenticalResults() {
        List<TrainingJobSpec> jobs = List.of(job("a", 100), job("b", 40));
        Map<String, int[]> where = Map.of("a", new int[] {0, 2}, "b", new int[] {1, 3});
        RunResult first = run(NetworkMode.FLOW, jobs, where);
        RunResult second = run(NetworkMode.FLOW, jobs, where);

        assertEquals(first.summary(), second.summary());
        assertEquals(first.jobs(), second.jobs());
        assertEquals(first.links(), second.links());
    }

    private static RunResult run(NetworkMode mode, List<TrainingJobSpec> jobs, Map<String, int[]> placements) {
        ScenarioSpec base = Scenarios.of("coupling", 1, CLUSTER, jobs, List.of(), Scenarios.policy("scripted", Map.of()));
        ScenarioSpec spec = new ScenarioSpec(base.name(), base.description(), base.simulation().withNetwork(mode),
                base.hardware(), base.cluster(), base.workload(), base.policy(), base.cost());
        return new TrainingSimulation(spec, "scripted", scripted(placements), ScenarioRunner.stepModel(spec))
                .run(RunControl.NONE);
    }

    /** Starts each queued job on its scripted GPUs once they are all free. */
    private static SchedulingPolicy scripted(Map<String, int[]> placements) {
        return ctx -> {
            List<Placement> out = new ArrayList<>();
            List<Integer> taken = new ArrayList<>();
            for (JobView v : ctx.queue()) {
                int[] gpus = placements.get(v.id());
                boolean free = true;
                for (int g : gpus) {
                    free &= ctx.cluster().isFree(g) && !taken.contains(g);
                }
                if (free) {
                    out.add(new Placement(v.id(), gpus));
                    for (int g : gpus) {
                        taken.add(g);
                    }
                }
            }
            return SchedulingDecision.start(out);
        };
    }

    private static double jct(RunResult r, String id) {
        JobRecord j = r.jobs().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        assertEquals("FINISHED", j.state(), id);
        return j.jctNs().getAsLong() / 1e9;
    }

    private static LinkRecord link(RunResult r, String name) {
        return r.links().stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no link " + name + " in " + r.links()));
    }
}
