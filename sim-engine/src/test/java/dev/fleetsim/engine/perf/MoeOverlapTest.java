package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.perf.IterationTraffic.Collective;
import dev.fleetsim.engine.perf.IterationTraffic.Dimension;
import dev.fleetsim.engine.perf.IterationTraffic.Window;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MoE all-to-all overlap as Megatron-Core's combined 1F1B schedule runs it
 * (TransformerLayerSchedulePlan.run): per MoE layer and micro-batch the combine's backward behind the
 * attention side's forward, both dispatches behind the local experts, the combine's forward behind the
 * attention side's backward.
 */
class MoeOverlapTest {

    private static final GpuSpec H100 = ReferenceData.catalogGpu("H100-SXM");
    private static final MemoryBreakdown MEMORY = new MemoryBreakdown(0, 0, 0, 0, 0, 1);

    private static TrainingJobSpec qwen(boolean overlap) {
        ParallelismSpec par = new ParallelismSpec(1, 1, 16, 1, 1, 16, 1, OptionalInt.empty(), OptionalInt.empty());
        TrainingJobSpec job = new TrainingJobSpec("q", ModelCatalog.find("qwen3-235b-a22b").orElseThrow(), Precision.BF16,
                64, 1, par, Recompute.NONE, 1, 1.0, true, 1, 0, "t", 0, Optional.empty());
        return job.withOptions(job.options().withEpCommOverlap(overlap));
    }

    private static Collective named(IterationTraffic t, String name) {
        return t.collectives().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theFourAllToAllsOfAnMoeLayerEachHideBehindTheirOwnSubModule() {
        int[] gpus = ReferenceData.packed(16);
        TrainingJobSpec plain = qwen(false);
        TrainingJobSpec overlapped = qwen(true);
        int m = plain.microBatchesPerIteration();
        int layers = plain.model().layers();
        Collective exposed = named(IterationTraffic.of(plain, gpus), "ep-alltoall");
        assertEquals(Window.STAGE, exposed.window());
        assertEquals(4.0 * m * layers, exposed.perIteration(), 1e-9);
        IterationTraffic t = IterationTraffic.of(overlapped, gpus);
        Collective combineBwd = named(t, "ep-combine-backward");
        Collective dispatch = named(t, "ep-dispatch");
        Collective combineFwd = named(t, "ep-combine-forward");
        assertEquals(Window.MOE_ATTENTION_FORWARD, combineBwd.window());
        assertEquals(Window.MOE_EXPERTS, dispatch.window());
        assertEquals(Window.MOE_ATTENTION_BACKWARD, combineFwd.window());
        assertEquals((double) m * layers, combineBwd.perIteration(), 1e-9);
        assertEquals(2.0 * m * layers, dispatch.perIteration(), 1e-9);
        assertEquals((double) m * layers, combineFwd.perIteration(), 1e-9);
        assertEquals(exposed.bytes(), dispatch.bytes());
        assertTrue(t.collectives().stream().noneMatch(c -> c.name().equals("ep-alltoall")));
    }

    @Test
    void theThreeWindowsSplitTheMoeLayersComputeWithTheExpertsInTheMiddleOne() {
        TrainingJobSpec job = qwen(true);
        Topology cluster = ModernTrainingValidationTest.dgx(H100, 2);
        IterationCompute c = new TrainingPerfModel().compute(job, cluster, ReferenceData.packed(16));
        LayerTimes moe = new LayerCompute(job, new KernelCosts(H100)).layer(true, false);
        double perLayer = (double) job.microBatchesPerIteration() * job.model().layers();
        IterationCompute.Windows w = c.windows();
        assertEquals(perLayer * moe.totalS(), w.moeAttentionForwardS() + w.moeExpertsS() + w.moeAttentionBackwardS(),
                1e-9 * perLayer * moe.totalS());
        assertEquals(perLayer * (moe.expertForwardS() + moe.expertBackwardS()), w.moeExpertsS(), 1e-9 * w.moeExpertsS());
        assertTrue(moe.expertForwardS() > 0 && moe.expertBackwardS() > moe.expertForwardS());
        assertTrue(w.moeAttentionForwardS() > 0 && w.moeAttentionBackwardS() > w.moeAttentionForwardS());
    }

    @Test
    void eachPhaseHidesOnlyWhatItsOwnSubModuleCovers() {
        // MoE windows over the iteration: attention forward 2 s, experts 0.5 s, attention backward 2 s (4.5 s in all).
        IterationCompute.Windows windows = new IterationCompute.Windows(0, 0, 0, new double[Window.values().length], 0, 0,
                2.0, 0.5, 2.0);
        IterationCompute c = new IterationCompute(10, 8, 0.0, 1, 8, 0.5, 8, 1000, 1e15, 1e15, 1e15, MEMORY, windows, 0,
                new PassTime(10, 0, 0, 0), 0.0);
        List<int[]> g = List.of(new int[] {0, 1});
        IterationTraffic t = new IterationTraffic(List.of(
                new Collective("ep-combine-backward", Dimension.EP, CollectiveKind.ALL_TO_ALL, g, 1, 1,
                        Window.MOE_ATTENTION_FORWARD, 1.0),
                new Collective("ep-dispatch", Dimension.EP, CollectiveKind.ALL_TO_ALL, g, 1, 2, Window.MOE_EXPERTS, 1.0),
                new Collective("ep-combine-forward", Dimension.EP, CollectiveKind.ALL_TO_ALL, g, 1, 1,
                        Window.MOE_ATTENTION_BACKWARD, 1.0)));
        // 1 s per all-to-all, 4 s in all: one window of 4.5 s would hide everything; the dispatches (2 s)
        // behind 0.5 s of experts leave 1.5 s exposed, the combines hide behind the attention side.
        StepEstimate e = IterationTime.estimate(c, t, new double[] {1, 1, 1});
        assertEquals(1.5, e.epCommS(), 1e-12);
        assertEquals(10 + 1.5 + 0.5, e.iterationTimeS(), 1e-12);
    }
}
