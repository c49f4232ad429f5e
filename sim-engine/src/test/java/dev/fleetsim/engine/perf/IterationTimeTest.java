package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.CollectiveModel;
import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.perf.IterationTraffic.Collective;
import dev.fleetsim.engine.perf.IterationTraffic.Dimension;
import dev.fleetsim.engine.perf.IterationTraffic.Window;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How communication adds to compute ({@link IterationTime}), and the traffic {@link IterationTraffic} lists. */
class IterationTimeTest {

    private static final MemoryBreakdown MEMORY = new MemoryBreakdown(0, 0, 0, 0, 0, 1);

    /** compute 10 s of which 8 s pipelined, bubble fraction 0.25, last backward 1 s, all micro-batches 8 s, other 0.5 s. */
    private static final IterationCompute COMPUTE = new IterationCompute(10, 8, 0.25, 1, 8, 0.5, 8, 1000, 1e15, 1e15, 1e15, MEMORY);

    private static Collective col(String name, Dimension d, Window w, double perIteration, double hidden) {
        return new Collective(name, d, CollectiveKind.ALL_REDUCE, List.of(new int[] {0, 1}), 1, perIteration, w, hidden);
    }

    @Test
    void stageCollectivesAreExposedAndStretchTheBubbleBetweenStageOnesOnlyAddUp() {
        IterationTraffic t = new IterationTraffic(List.of(col("tp", Dimension.TP, Window.STAGE, 40, 0),
                col("pp", Dimension.PP, Window.BETWEEN_STAGES, 8, 0)));
        StepEstimate e = IterationTime.estimate(COMPUTE, t, new double[] {0.01, 0.05});
        // TP: 40 x 0.01 = 0.4 s; PP: 8 x 0.05 = 0.4 s; bubble 0.25 x (8 + 0.4) = 2.1 s.
        assertEquals(0.4, e.tpCommS(), 1e-12);
        assertEquals(0.4, e.ppCommS(), 1e-12);
        assertEquals(2.1, e.bubbleS(), 1e-12);
        assertEquals(10 + 2.1 + 0.4 + 0.4 + 0.5, e.iterationTimeS(), 1e-12);
    }

    @Test
    void anOverlappedCollectiveShowsWhatItsWindowCannotHide() {
        IterationTraffic t = new IterationTraffic(List.of(col("dp", Dimension.DP, Window.LAST_BACKWARD, 1, 0.8)));
        // 3 s against a 1 s window: max(0.2 x 3, 3 - 1) = 2 s.
        assertEquals(2.0, IterationTime.estimate(COMPUTE, t, new double[] {3}).dpCommS(), 1e-12);
        // 1.1 s: max(0.22, 0.1) = 0.22 s; the overlap fraction bounds what hides.
        assertEquals(0.22, IterationTime.estimate(COMPUTE, t, new double[] {1.1}).dpCommS(), 1e-12);
    }

    @Test
    void collectivesSharingAWindowAddUpBeforeTheOverlapAndSplitTheExposedTimeByTheirShare() {
        // ZeRO-3 shape: 2 all-gathers + 1 reduce-scatter per micro-batch, 4 micro-batches, behind all compute (8 s).
        IterationTraffic t = new IterationTraffic(List.of(col("ag", Dimension.DP, Window.ALL_COMPUTE, 8, 1.0),
                col("rs", Dimension.TP, Window.ALL_COMPUTE, 4, 1.0)));
        StepEstimate e = IterationTime.estimate(COMPUTE, t, new double[] {1.0, 1.0});
        // 8 + 4 = 12 s against 8 s: 4 s exposed, 8/12 of it on DP, 4/12 on TP (the second entry's dimension).
        assertEquals(4.0 * 8 / 12, e.dpCommS(), 1e-12);
        assertEquals(4.0 * 4 / 12, e.tpCommS(), 1e-12);
        assertEquals(0.0, e.bubbleS() - 0.25 * 8, 1e-12, "overlapped collectives are not in the bubble");
    }

    @Test
    void nothingHidesBehindTheCriticalPath() {
        assertThrows(IllegalArgumentException.class, () -> col("x", Dimension.TP, Window.STAGE, 1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> IterationTime.estimate(COMPUTE,
                new IterationTraffic(List.of(col("x", Dimension.TP, Window.STAGE, 1, 0))), new double[0]));
    }

    @Test
    void trafficListsEveryConcurrentGroupOfAThreeDimensionalLayout() {
        TrainingJobSpec job = job(new ParallelismSpec(2, 2, 2, 1), 0, Recompute.NONE);
        int[] gpus = {10, 11, 12, 13, 14, 15, 16, 17};
        IterationTraffic t = IterationTraffic.of(job, gpus);
        assertEquals(List.of("tp-allreduce", "pp-send-forward", "pp-send-backward", "dp-allreduce"),
                t.collectives().stream().map(Collective::name).toList());
        // Ranks: tp fastest, then dp, then pp. TP groups {10,11} {12,13} {14,15} {16,17}.
        assertGroups(List.of(new int[] {10, 11}, new int[] {12, 13}, new int[] {14, 15}, new int[] {16, 17}), t.get(0).groups());
        // Stage neighbours are tp x dp = 4 ranks apart.
        assertGroups(List.of(new int[] {10, 14}, new int[] {11, 15}, new int[] {12, 16}, new int[] {13, 17}), t.get(1).groups());
        assertGroups(List.of(new int[] {14, 10}, new int[] {15, 11}, new int[] {16, 12}, new int[] {17, 13}), t.get(2).groups());
        // DP groups: ranks tp apart inside a stage.
        assertGroups(List.of(new int[] {10, 12}, new int[] {11, 13}, new int[] {14, 16}, new int[] {15, 17}), t.get(3).groups());
        int m = job.microBatchesPerIteration();
        // gpt-1.3b: 24 layers, 12 a stage; 4 all-reduces per layer and micro-batch.
        assertEquals(m * 12 * 4.0, t.get(0).perIteration());
        assertEquals(m, t.get(1).perIteration());
        assertEquals(1.0, t.get(3).perIteration());
        assertEquals(Window.LAST_BACKWARD, t.get(3).window());
    }

    @Test
    void zeroThreeGathersAndScattersOnEveryMicroBatch() {
        TrainingJobSpec job = job(new ParallelismSpec(1, 1, 4, 1), 3, Recompute.FULL);
        IterationTraffic t = IterationTraffic.of(job, new int[] {0, 1, 2, 3});
        int m = job.microBatchesPerIteration();
        int layers = job.model().layers();
        assertEquals(List.of("dp-allgather-first", "dp-allgather-forward", "dp-allgather-backward", "dp-reducescatter"),
                t.collectives().stream().map(Collective::name).toList());
        // Per micro-batch: the first layer's gather exposed, the others prefetched behind the forward,
        // every layer gathered again and its gradients reduce-scattered behind the backward.
        assertEquals((double) m, t.get(0).perIteration());
        assertEquals(Window.STAGE, t.get(0).window());
        assertEquals((double) m * (layers - 1), t.get(1).perIteration());
        assertEquals(Window.FORWARD, t.get(1).window());
        assertEquals((double) m * layers, t.get(2).perIteration());
        assertEquals(Window.BACKWARD, t.get(3).window());
        assertEquals(CollectiveKind.ALL_GATHER, t.get(1).kind());
        assertEquals(CollectiveKind.REDUCE_SCATTER, t.get(3).kind());
    }

    /**
     * The analytic path costs exactly the listed traffic: a collective model that charges one
     * second per byte-less occurrence and records the calls sees each entry once, and the
     * estimate is what {@link IterationTime} makes of those times.
     */
    @Test
    void thePerfModelCostsEachListedCollectiveOnceOnAllItsGroups() {
        TrainingJobSpec job = job(new ParallelismSpec(2, 2, 2, 1), 0, Recompute.NONE);
        int[] gpus = {0, 1, 2, 3, 4, 5, 6, 7};
        Topology topology = ReferenceData.dgxCluster(ReferenceData.catalogGpu("H100-SXM"), 1);
        List<String> calls = new ArrayList<>();
        CollectiveModel recording = new CollectiveModel() {
            @Override
            public double seconds(CollectiveKind kind, List<int[]> groups, long bytes) {
                calls.add(kind + " x" + groups.size());
                return kind == CollectiveKind.SEND_RECV ? 0.002 : 0.001;
            }

            @Override
            public double allReduceSeconds(int[] group, long bytes) {
                throw new AssertionError("groups are costed together");
            }

            @Override
            public double allGatherSeconds(int[] group, long bytes) {
                throw new AssertionError();
            }

            @Override
            public double reduceScatterSeconds(int[] group, long bytes) {
                throw new AssertionError();
            }

            @Override
            public double sendRecvSeconds(int srcGpu, int dstGpu, long bytes) {
                throw new AssertionError();
            }

            @Override
            public double allToAllSeconds(int[] group, long bytes) {
                throw new AssertionError();
            }
        };
        TrainingPerfModel model = new TrainingPerfModel();
        StepEstimate e = model.estimate(job, topology, recording, gpus);
        assertEquals(List.of("ALL_REDUCE x4", "SEND_RECV x4", "SEND_RECV x4", "ALL_REDUCE x4"), calls);
        StepEstimate same = IterationTime.estimate(model.compute(job, topology, gpus), IterationTraffic.of(job, gpus),
                new double[] {0.001, 0.002, 0.002, 0.001});
        assertEquals(same, e);
    }

    @Test
    void aHiddenNcclCollectiveSlowsTheComputeBesideItByTheMeasuredShareAndACopyEngineOneNot() {
        // 2 s of hidden compute (LAST_BACKWARD is 1 s, so use ALL_COMPUTE: 8 s), 128 SMs.
        IterationCompute c = new IterationCompute(10, 8, 0.25, 1, 8, 0.5, 8, 1000, 1e15, 1e15, 1e15, MEMORY,
                IterationCompute.Windows.NONE, 128, new PassTime(10, 0, 0, 0), 0.0);
        IterationTraffic t = new IterationTraffic(List.of(
                new Collective("nccl", Dimension.DP, CollectiveKind.ALL_REDUCE, List.of(new int[] {0, 1}), 1, 1,
                        Window.ALL_COMPUTE, 1.0, 16),
                new Collective("copy-engine", Dimension.TP, CollectiveKind.ALL_GATHER, List.of(new int[] {0, 1}), 1, 1,
                        Window.ALL_COMPUTE, 1.0, 0)));
        StepEstimate e = IterationTime.estimate(c, t, new double[] {2.0, 3.0});
        // 5 s behind 8 s: nothing exposed. The NCCL one slows the compute beside it by 18.9 % of its 2 s
        // (Lee et al.; more than the 16/128 its SMs alone would take), the copy-engine one by nothing; the
        // window's cost is split by the collectives' times.
        double cost = IterationTraffic.NCCL_OVERLAP_SLOWDOWN * 2.0;
        assertEquals(0.189, IterationTraffic.NCCL_OVERLAP_SLOWDOWN);
        assertEquals(cost * 2 / 5, e.dpCommS(), 1e-12);
        assertEquals(cost * 3 / 5, e.tpCommS(), 1e-12);
    }

    @Test
    void aCollectiveHoldingMoreSmsThanTheMeasuredShareCostsItsSmShare() {
        IterationCompute c = new IterationCompute(10, 8, 0.25, 1, 8, 0.5, 8, 1000, 1e15, 1e15, 1e15, MEMORY,
                IterationCompute.Windows.NONE, 128, new PassTime(10, 0, 0, 0), 0.0);
        assertEquals(0.0, c.interference(0));
        assertEquals(IterationTraffic.NCCL_OVERLAP_SLOWDOWN, c.interference(IterationTraffic.NCCL_SMS));
        assertEquals(48.0 / 128, c.interference(48), 1e-15);
        assertEquals(1.0, c.interference(500));
    }

    @Test
    void tpCommOverlapRingExchangesHideAllButTheirLastStepBehindTheirOwnGemmOnTheCopyEngines() {
        TrainingJobSpec plain = job(new ParallelismSpec(2, 1, 4, 1), 0, Recompute.NONE);
        TrainingJobSpec job = plain.withOptions(plain.options().withSequenceParallel(true).withTpCommOverlap(true));
        IterationTraffic t = IterationTraffic.of(job, new int[] {0, 1, 2, 3, 4, 5, 6, 7});
        int m = job.microBatchesPerIteration();
        int layers = job.model().layers();
        Collective ag = named(t, "tp-attention-allgather-fprop");
        assertEquals(Window.QKV_FPROP, ag.window());
        assertEquals(0.5, ag.hiddenFraction(), 1e-12, "tp - 1 of tp ring steps hide");
        assertEquals(0, ag.sms(), "ring exchanges run on the copy engines");
        assertEquals((double) m * layers, ag.perIteration(), 1e-12);
        Collective rs = named(t, "tp-mlp-reducescatter-fprop");
        assertEquals(Window.FC2_FPROP, rs.window());
        assertEquals(1 - 1.0 / TpOverlapGemms.PIPELINE_SPLITS, rs.hiddenFraction(), 1e-12, "pipelined: all chunks but the last");
        assertEquals(0, rs.sms(), "its SMs are taken off the GEMM instead");
        // Backward's bulk overlaps hide in full behind their GEMMs but hold NCCL's SMs.
        Collective wgrad = named(t, "tp-mlp-reducescatter-wgrad");
        assertEquals(Window.FC1_WGRAD, wgrad.window());
        assertEquals(1.0, wgrad.hiddenFraction(), 1e-12);
        assertEquals(IterationTraffic.NCCL_SMS, wgrad.sms());
        // Without the overlap the forward pair and the output-gradient gather are exposed.
        IterationTraffic off = IterationTraffic.of(job.withOptions(job.options().withTpCommOverlap(false)),
                new int[] {0, 1, 2, 3, 4, 5, 6, 7});
        assertEquals(Window.STAGE, named(off, "tp-attention-allgather-fprop").window());
        assertEquals(Window.STAGE, named(off, "tp-mlp-allgather-dgrad").window());
    }

    @Test
    void interleavedPipelineHandOffsHideBehindComputeButTheWarmUpAndFlushOnes() {
        TrainingJobSpec job = job(new ParallelismSpec(1, 2, 2, 2), 0, Recompute.NONE);
        int m = job.microBatchesPerIteration();
        IterationTraffic t = IterationTraffic.of(job, new int[] {0, 1, 2, 3});
        Collective forward = named(t, "pp-send-forward");
        // m·v hand-offs each way, of which pp - 1 cannot hide: 1 - 1 / (m·2).
        assertEquals(2.0 * m, forward.perIteration(), 1e-12);
        assertEquals(Window.FORWARD, forward.window());
        assertEquals(1 - 1.0 / (2 * m), forward.hiddenFraction(), 1e-12);
        assertEquals(Window.BACKWARD, named(t, "pp-send-backward").window());
        IterationTraffic off = IterationTraffic.of(job.withOptions(job.options().withPpCommOverlap(false)), new int[] {0, 1, 2, 3});
        assertEquals(Window.BETWEEN_STAGES, named(off, "pp-send-forward").window());
        assertEquals(0.0, named(off, "pp-send-forward").hiddenFraction());
        // No interleaving, nothing to overlap with.
        IterationTraffic flat = IterationTraffic.of(job(new ParallelismSpec(1, 2, 2, 1), 0, Recompute.NONE), new int[] {0, 1, 2, 3});
        assertEquals(Window.BETWEEN_STAGES, named(flat, "pp-send-forward").window());
    }

    private static Collective named(IterationTraffic t, String name) {
        return t.collectives().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + t.collectives().stream().map(Collective::name).toList()));
    }

    private static void assertGroups(List<int[]> expected, List<int[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "group " + i);
        }
    }

    /** The fixture job, without sequence parallelism (so TP runs all-reduces). */
    private static TrainingJobSpec job(ParallelismSpec par, int zero, Recompute recompute) {
        TrainingJobSpec job = new TrainingJobSpec("j", ModelCatalog.find("gpt-1.3b").orElseThrow(), Precision.BF16,
                16 * par.dp(), 2, par, recompute, zero, 0.8, true, 1, 0, "t", 0, Optional.empty());
        return job.withOptions(job.options().withSequenceParallel(false));
    }
}
