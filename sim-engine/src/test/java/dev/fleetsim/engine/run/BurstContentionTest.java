package dev.fleetsim.engine.run;

import dev.fleetsim.engine.perf.FlowStepModel;
import dev.fleetsim.engine.perf.MemoryModelAccess;
import dev.fleetsim.engine.scenario.NetworkMode;
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

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.fleetsim.engine.run.NetworkCouplingTest.jct;
import static dev.fleetsim.engine.run.NetworkCouplingTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pure data-parallel job and a tensor × data-parallel job on one oversubscribed up-link, in a
 * run. Four DGX-H100 nodes (8 × 400 Gb/s NICs), two a leaf, leaves 8:1 to one spine: a leaf's
 * up-link carries {@code U = 16 NIC / 8 = 2 NIC}. Both jobs are gpt-1.3b without DP overlap (the
 * gradient all-reduce is exposed in full), each on one node of leaf 0 and one of leaf 1:
 * <ul>
 * <li>P, {@code dp 16} on nodes 0 and 2: one ring of 16 ranks in 8 channels, one a NIC; 8 flows
 *     cross leaf 0's up-link, each with {@code 2·15/16·S/8} of the gradient S, at {@code U/8}
 *     alone (a quarter NIC): its all-reduce bursts for {@code τP = (15/64 S) / (U/8)};</li>
 * <li>Q, {@code tp 8, dp 2} on nodes 1 and 3: 8 rings of two ranks, one per TP rank, all
 *     all-reducing at once; 8 flows cross the up-link, each with the TP rank's gradient shard
 *     {@code S/8}, at {@code U/8}: {@code τQ = (S/8) / (U/8)}.</li>
 * </ul>
 * Alone each keeps its idle pace T. Sharing, a burst of P sees Q's expected demand, Q's average
 * load {@code 8 (S/8) / TQ = U τQ / TQ}, so it gets {@code U / (U + U δQ)} of the link
 * ({@code δQ = τQ / TQ}, Q's duty): P takes {@code TP + τP δQ} an iteration, Q
 * {@code TQ + τQ δP}. The same holds on leaf 1's down-link, which the same flows cross.
 */
class BurstContentionTest {

    private static final GpuSpec H100 = HardwareCatalog.defaults().get("H100-SXM");
    private static final double NIC = 400e9 / 8 * H100.efficiency().nic();
    private static final double UPLINK = 16 * NIC / 8;

    private static ClusterSpec cluster(double oversubscription) {
        return new ClusterSpec(List.of(new NodeGroupSpec("n", "H100-SXM", 4, 8, 8, 400e9 / 8)),
                new FabricSpec(2, oversubscription, 5_000, 1_000));
    }

    private static TrainingJobSpec job(String id, ParallelismSpec par, long iterations) {
        return new TrainingJobSpec(id, ModelCatalog.find("gpt-1.3b").orElseThrow(), Precision.BF16, 32, 1, par,
                Recompute.NONE, 1, 0.0, true, iterations, 0, "t", 0, Optional.empty());
    }

    private static final ParallelismSpec PURE = new ParallelismSpec(1, 1, 16, 1);
    private static final ParallelismSpec MIXED = new ParallelismSpec(8, 1, 2, 1);

    private static int[] nodes(int a, int b) {
        int[] g = new int[16];
        for (int i = 0; i < 8; i++) {
            g[i] = 8 * a + i;
            g[8 + i] = 8 * b + i;
        }
        return g;
    }

    private static double idle(ClusterSpec c, ParallelismSpec par, int[] gpus) {
        Topology t = Topology.build(c, HardwareCatalog.defaults());
        return new FlowStepModel(t).estimate(job("x", par, 1), t, gpus).iterationTimeS();
    }

    /** The gradient bytes of gpt-1.3b in bf16, as the traffic counts them (per TP rank: divided by tp). */
    private static double gradient(ParallelismSpec par) {
        return MemoryModelAccess.gradientBytes(job("x", par, 1));
    }

    @Test
    void eachAloneKeepsItsIdlePaceWhichIsSlowerAtEightToOne() {
        for (ParallelismSpec par : List.of(PURE, MIXED)) {
            double at1 = idle(cluster(1), par, nodes(0, 2));
            double at8 = idle(cluster(8), par, nodes(0, 2));
            assertTrue(at8 > at1, par + ": " + at8 + " s at 8:1 vs " + at1 + " s at 1:1");
            RunResult r = run(cluster(8), NetworkMode.FLOW, List.of(job("a", par, 20)), Map.of("a", nodes(0, 2)));
            assertEquals(20 * at8, jct(r, "a"), 1e-6);
            assertEquals(0, r.summary().kernel().rateChanges());
        }
        // The all-reduce bursts by hand: P's 8 flows of 15/64 S and Q's 8 flows of S/8 at U/8 each.
        double tauP = 15.0 / 64 * gradient(PURE) / (UPLINK / 8);
        double tauQ = gradient(MIXED) / (UPLINK / 8);
        double fullP = 15.0 / 64 * gradient(PURE) / NIC;
        double fullQ = gradient(MIXED) / NIC;
        assertEquals(tauP - fullP, idle(cluster(8), PURE, nodes(0, 2)) - idle(cluster(1), PURE, nodes(0, 2)), 1e-9);
        assertEquals(tauQ - fullQ, idle(cluster(8), MIXED, nodes(0, 2)) - idle(cluster(1), MIXED, nodes(0, 2)), 1e-9);
    }

    @Test
    void aPureAndAMixedJobOnOneUplinkStretchEachOthersBurstsByTheOthersDuty() {
        double tP = idle(cluster(8), PURE, nodes(0, 2));
        double tQ = idle(cluster(8), MIXED, nodes(1, 3));
        double tauP = 15.0 / 64 * gradient(PURE) / (UPLINK / 8);
        double tauQ = gradient(MIXED) / (UPLINK / 8);
        assertTrue(tauP / tP + tauQ / tQ < 1, "their average loads fit the up-link together");
        RunResult r = run(cluster(8), NetworkMode.FLOW, List.of(job("p", PURE, 40), job("q", MIXED, 40)),
                Map.of("p", nodes(0, 2), "q", nodes(1, 3)));
        double pShared = tP + tauP * (tauQ / tQ);
        double qShared = tQ + tauQ * (tauP / tP);
        double firstEnd = 40 * Math.min(pShared, qShared);
        double pJct = pShared < qShared ? 40 * pShared : firstEnd + (40 - firstEnd / pShared) * tP;
        double qJct = qShared < pShared ? 40 * qShared : firstEnd + (40 - firstEnd / qShared) * tQ;
        assertEquals(pJct, jct(r, "p"), 1e-6);
        assertEquals(qJct, jct(r, "q"), 1e-6);
    }

    @Test
    void twoMixedJobsOnOneUplinkEachTakeTPlusTauSquaredOverT() {
        double t = idle(cluster(8), MIXED, nodes(1, 3));
        double tau = gradient(MIXED) / (UPLINK / 8);
        RunResult r = run(cluster(8), NetworkMode.FLOW, List.of(job("a", MIXED, 40), job("b", MIXED, 40)),
                Map.of("a", nodes(0, 2), "b", nodes(1, 3)));
        assertEquals(40 * (t + tau * tau / t), jct(r, "a"), 1e-6);
        assertEquals(40 * (t + tau * tau / t), jct(r, "b"), 1e-6);
        // At 1:1 the up-link has room for both jobs' bursts at once (8 + 8 NICs' worth): no slowdown.
        double t1 = idle(cluster(1), MIXED, nodes(1, 3));
        RunResult full = run(cluster(1), NetworkMode.FLOW, List.of(job("a", MIXED, 40), job("b", MIXED, 40)),
                Map.of("a", nodes(0, 2), "b", nodes(1, 3)));
        assertEquals(40 * t1, jct(full, "a"), 1e-6);
        assertEquals(0, full.summary().kernel().rateChanges());
    }
}
