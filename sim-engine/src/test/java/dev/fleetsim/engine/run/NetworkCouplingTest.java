package dev.fleetsim.engine.run;

import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.LinkRecord;
import dev.fleetsim.engine.network.burst.BurstSharing;
import dev.fleetsim.engine.observe.SimulationObserver;
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
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run loop with the shared flow-level network, on a fabric small enough to check by hand:
 * four one-GPU H100 nodes with one 400 Gb/s NIC each, two nodes a leaf, one spine, leaves 4:1
 * oversubscribed. A leaf up-link then carries {@code U = 2 × NIC / 4}: half a NIC. A two-GPU
 * data-parallel job on nodes of different leaves runs a ring of two flows, one up each leaf's
 * up-link, each carrying the whole gradient buffer S per iteration (2(n−1)/n·S with n = 2), at
 * U alone: its all-reduce bursts for {@code τ = S / U}. The job (gpt-1.3b, no DP overlap, so the
 * burst is exposed in full) takes T an iteration alone; it bursts for the fraction
 * {@code δ = τ / T} of it and averages {@code S / T} on the up-link.
 *
 * <p>Two such jobs on the same up-links ({@link BurstSharing}): during a's burst, b is expected to
 * demand its average {@code S / T}, so a's burst gets {@code U / (U + S/T)} of the up-link and
 * lasts {@code τ (1 + δ)}: each iteration takes {@code T + τ δ = T + τ² / T} — the expected
 * iteration time when the two jobs' bursts fall at independent random points of each other's
 * iterations (docs/NETWORK.md). The old average-demand model gave {@code max(T, 2S/U)}: nothing
 * at all when the averages fit.
 */
class NetworkCouplingTest {

    private static final GpuSpec H100 = HardwareCatalog.defaults().get("H100-SXM");
    private static final double NIC = 400e9 / 8;
    private static final double UPLINK = 2 * NIC * H100.efficiency().nic() / 4;
    private static final ClusterSpec CLUSTER = new ClusterSpec(
            List.of(new NodeGroupSpec("n", "H100-SXM", 4, 1, 1, NIC)), new FabricSpec(2, 4.0, 5_000, 1_000));

    /** The communication-bound fixture: one sequence per GPU. */
    private static TrainingJobSpec job(String id, long iterations) {
        return job(id, iterations, 2);
    }

    private static TrainingJobSpec job(String id, long iterations, int globalBatch) {
        return new TrainingJobSpec(id, ModelCatalog.find("gpt-1.3b").orElseThrow(), Precision.BF16, globalBatch, 1,
                new ParallelismSpec(1, 1, 2, 1), Recompute.NONE, 0, 0.0, true, iterations, 0, "t", 0, Optional.empty());
    }

    /** Idle iteration time T (s) of the job on GPUs {0, 2}, and its bytes per flow per iteration S. */
    private static double[] idleTimeAndBytes(int globalBatch) {
        Topology topology = Topology.build(CLUSTER, HardwareCatalog.defaults());
        double t = new FlowStepModel(topology).estimate(job("x", 1, globalBatch), topology, new int[] {0, 2}).iterationTimeS();
        double s = IterationTraffic.of(job("x", 1, globalBatch), new int[] {0, 2}).get(0).bytes();
        return new double[] {t, s};
    }

    private static double[] idleTimeAndBytes() {
        return idleTimeAndBytes(2);
    }

    /** Two identical jobs sharing both up-links: {@code T + τ² / T}. */
    private static double shared(double[] ts) {
        double tau = ts[1] / UPLINK;
        return ts[0] + tau * tau / ts[0];
    }

    @Test
    void fixtureIsCommunicationBoundButFitsAloneOnTheUplink() {
        double[] ts = idleTimeAndBytes();
        double demand = ts[1] / ts[0];
        assertTrue(demand <= UPLINK * (1 + 1e-9), "alone, the job's average demand fits the up-link");
        assertTrue(2 * demand > UPLINK, "two such jobs oversubscribe it on average too");
        assertTrue(ts[1] / UPLINK > 0.5 * ts[0], "it bursts for more than half its iteration");
    }

    @Test
    void aJobAloneGetsTheFullBottleneckAndRunsAtItsIdlePace() {
        double[] ts = idleTimeAndBytes();
        RunResult r = run(NetworkMode.FLOW, List.of(job("a", 100)), Map.of("a", new int[] {0, 2}));

        assertEquals(100 * ts[0], jct(r, "a"), 1e-6);
        assertEquals(2, r.summary().kernel().networkUpdates(), "one start, one stop");
        assertEquals(0, r.summary().kernel().rateChanges());
        LinkRecord up = link(r, "leaf0->spine0");
        // Its flow moves S per iteration of T: average utilisation (S / T) / U, the whole run.
        assertEquals(ts[1] / ts[0] / UPLINK, up.peakUtilisation(), 1e-9);
        assertEquals(100 * ts[1], up.bytes(), 1e-6 * 100 * ts[1]);
    }

    @Test
    void twoJobsWhoseRingsCrossOneOversubscribedSpineSlowEachOthersBursts() {
        double[] ts = idleTimeAndBytes();
        RunResult r = run(NetworkMode.FLOW, List.of(job("a", 100), job("b", 100)),
                Map.of("a", new int[] {0, 2}, "b", new int[] {1, 3}));

        double shared = shared(ts);
        assertTrue(shared > 2 * ts[1] / UPLINK, "slower than the average-demand bound 2S/U");
        assertEquals(100 * shared, jct(r, "a"), 1e-6);
        assertEquals(100 * shared, jct(r, "b"), 1e-6);
        // Each moves S per iteration of the shared pace: 2 S / shared on each up-link.
        assertEquals(2 * ts[1] / shared / UPLINK, link(r, "leaf0->spine0").peakUtilisation(), 1e-9);
        assertEquals(200 * ts[1], link(r, "leaf1->spine0").bytes(), 1e-6 * 200 * ts[1]);
        // a slowed when b starts, b starts slowed, b re-paced when a ends (the same instant b ends).
        assertEquals(3, r.summary().kernel().rateChanges());
        assertEquals(4, r.summary().kernel().networkUpdates());
    }

    @Test
    void burstsCollideEvenWhenTheAveragesFitTheUplink() {
        // 16 sequences a GPU: eight times the compute, the same gradient bytes.
        double[] ts = idleTimeAndBytes(32);
        assertTrue(2 * ts[1] / ts[0] < UPLINK, "two jobs' averages fit the up-link");
        RunResult r = run(NetworkMode.FLOW, List.of(job("a", 50, 32), job("b", 50, 32)),
                Map.of("a", new int[] {0, 2}, "b", new int[] {1, 3}));
        assertEquals(50 * shared(ts), jct(r, "a"), 1e-6);
        assertTrue(shared(ts) > ts[0] * 1.01, "more than 1 % slower: " + shared(ts) / ts[0]);
    }

    @Test
    void ratesAreRestoredWhenTheNeighbourFinishes() {
        double[] ts = idleTimeAndBytes();
        RunResult r = run(NetworkMode.FLOW, List.of(job("a", 100), job("b", 40)),
                Map.of("a", new int[] {0, 2}, "b", new int[] {1, 3}));

        double shared = shared(ts);
        assertEquals(40 * shared, jct(r, "b"), 1e-6);
        // a shares for b's 40 iterations, then runs its last 60 alone at its idle pace.
        assertEquals(40 * shared + 60 * ts[0], jct(r, "a"), 1e-6);
        assertEquals(3, r.summary().kernel().rateChanges(), "a slowed, b slowed, a restored");
    }

    @Test
    void jobsOnDisjointLeavesDoNotInteract() {
        double[] ts = idleTimeAndBytes();
        RunResult r = run(NetworkMode.FLOW, List.of(job("a", 100), job("b", 100)),
                Map.of("a", new int[] {0, 1}, "b", new int[] {2, 3}));

        double under = jct(r, "a");
        assertEquals(under, jct(r, "b"), 1e-9);
        assertTrue(under < 100 * ts[0], "a ring under one leaf skips the oversubscribed up-link");
        assertEquals(0, r.summary().kernel().rateChanges());
    }

    @Test
    void theAnalyticNetworkCostsEachJobAloneAndRecordsNoLinks() {
        RunResult r = run(NetworkMode.ANALYTIC, List.of(job("a", 100), job("b", 100)),
                Map.of("a", new int[] {0, 2}, "b", new int[] {1, 3}));

        assertEquals(jct(r, "a"), jct(r, "b"), 1e-9);
        assertEquals(0, r.summary().kernel().networkUpdates());
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
        return run(CLUSTER, mode, jobs, placements);
    }

    /** Runs {@code jobs} on {@code cluster}, each started on its scripted GPUs as soon as they are free. */
    static RunResult run(ClusterSpec cluster, NetworkMode mode, List<TrainingJobSpec> jobs, Map<String, int[]> placements) {
        ScenarioSpec base = Scenarios.of("coupling", 1, cluster, jobs, List.of(), Scenarios.policy("scripted", Map.of()));
        ScenarioSpec spec = new ScenarioSpec(base.name(), base.description(), base.simulation().withNetwork(mode),
                base.hardware(), base.cluster(), base.workload(), base.policy(), base.cost());
        return new ClusterRun(spec, "scripted", scripted(placements), PerformanceModels.of(spec))
                .run(SimulationObserver.NONE);
    }

    /** Starts each queued job on its scripted GPUs once they are all free. */
    static SchedulingPolicy scripted(Map<String, int[]> placements) {
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

    static double jct(RunResult r, String id) {
        JobRecord j = r.jobs().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        assertEquals("FINISHED", j.state(), id);
        return j.jctNs().getAsLong() / 1e9;
    }

    static LinkRecord link(RunResult r, String name) {
        return r.links().stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no link " + name + " in " + r.links()));
    }
}
