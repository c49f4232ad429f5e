package dev.fleetsim.engine.perf;

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

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-chunk data-parallel exchange of the interleaved schedule ({@link ChunkedDpOverlap}). */
class ChunkedDpOverlapTest {

    private static final MemoryBreakdown MEMORY = new MemoryBreakdown(0, 0, 0, 0, 0, 1);

    @Test
    void theLastChunksShareNeverHidesAndTheOthersHideBehindTheCooldownsChunkPasses() {
        // Llama 3.1 405B's layout: PP 8, VP 8, 64 micro-batches. Chunk 0's 1/8 is exposed; after the last chunk's
        // last backward 7 chunks x 8 micro-batches of chunk backwards are left, each 1/8 of a stage backward: 7.
        assertEquals(7.0 / 8, ChunkedDpOverlap.hiddenShare(8, 8), 1e-15);
        assertEquals(8 * 7.0 / 8, ChunkedDpOverlap.windowMicroBatches(8, 8, 64), 1e-15);
        // Fewer micro-batches than stages: the last group holds m of them, 4 x 7/8 = 3.5.
        assertEquals(3.5, ChunkedDpOverlap.windowMicroBatches(8, 8, 4), 1e-15);
        // 70B's PP 8, VP 5: 4/5 hides, behind 8 x 4/5 = 6.4 stage backwards.
        assertEquals(0.8, ChunkedDpOverlap.hiddenShare(8, 5), 1e-15);
        assertEquals(6.4, ChunkedDpOverlap.windowMicroBatches(8, 5, 64), 1e-12);
        // No interleaving (v = 1, or no pipeline): all of it may hide, behind one micro-batch.
        assertEquals(1.0, ChunkedDpOverlap.hiddenShare(8, 1));
        assertEquals(1.0, ChunkedDpOverlap.windowMicroBatches(8, 1, 64));
        assertEquals(1.0, ChunkedDpOverlap.hiddenShare(1, 4));
        assertEquals(1.0, ChunkedDpOverlap.windowMicroBatches(1, 4, 64));
    }

    @Test
    void throughTheWindowRuleTheExchangeShowsTheLastChunkOrWhatTheCooldownCannotHide() {
        // Stage backward 0.1 s a micro-batch, PP 8, VP 8: window 7 x 0.1 = 0.7 s, hidden share 7/8.
        double window = ChunkedDpOverlap.windowMicroBatches(8, 8, 64) * 0.1;
        IterationCompute c = new IterationCompute(10, 9, 0.01, window, 9, 0, 8, 1000, 1e15, 1e15, 1e15, MEMORY);
        IterationTraffic t = new IterationTraffic(List.of(new Collective("dp-reducescatter", Dimension.DP,
                CollectiveKind.REDUCE_SCATTER, List.of(new int[] {0, 1}), 1, 1, Window.LAST_BACKWARD,
                ChunkedDpOverlap.hiddenShare(8, 8))));
        // 0.25 s: max(0.25 / 8, 0.25 - 0.7) = 0.03125 s, chunk 0's exchange.
        assertEquals(0.25 / 8, IterationTime.estimate(c, t, new double[] {0.25}).dpCommS(), 1e-12);
        // 1.0 s: max(1.0 / 8, 1.0 - 0.7) = 0.3 s, the backlog the cooldown cannot absorb.
        assertEquals(0.3, IterationTime.estimate(c, t, new double[] {1.0}).dpCommS(), 1e-12);
    }

    @Test
    void theModelGivesAnInterleavedJobTheCooldownWindowAndTheChunkShare() {
        // gpt-1.3b (24 layers) on PP 4 x DP 2, distributed optimizer: 6 layers a rank with or without VP 2, so one
        // micro-batch's stage backward is the same; with VP 2 the window is min(m, 4) x 1/2 = 2 of them.
        Topology topology = ReferenceData.dgxCluster(ReferenceData.catalogGpu("H100-SXM"), 1);
        int[] gpus = {0, 1, 2, 3, 4, 5, 6, 7};
        TrainingJobSpec plain = job(new ParallelismSpec(1, 4, 2, 1));
        TrainingJobSpec chunked = job(new ParallelismSpec(1, 4, 2, 2));
        TrainingPerfModel model = new TrainingPerfModel();
        IterationCompute a = model.compute(plain, topology, gpus);
        IterationCompute b = model.compute(chunked, topology, gpus);
        assertEquals(2 * a.lastBackwardS(), b.lastBackwardS(), 1e-12 * a.lastBackwardS());
        assertEquals(2 * a.windowS(Window.FIRST_FORWARD), b.windowS(Window.FIRST_FORWARD), 1e-12);
        // The reduce-scatter and the gather: dpOverlap 1 x (2 - 1)/2 may hide with VP 2, all of it without.
        assertEquals(List.of(1.0, 1.0), dpHidden(plain, gpus));
        assertEquals(List.of(0.5, 0.5), dpHidden(chunked, gpus));
    }

    private static List<Double> dpHidden(TrainingJobSpec job, int[] gpus) {
        return IterationTraffic.of(job, gpus).collectives().stream().filter(c -> c.dimension() == Dimension.DP)
                .map(Collective::hiddenFraction).toList();
    }

    private static TrainingJobSpec job(ParallelismSpec par) {
        return new TrainingJobSpec("j", ModelCatalog.find("gpt-1.3b").orElseThrow(), Precision.BF16, 16 * par.dp(), 2,
                par, Recompute.NONE, 1, 1.0, true, 1, 0, "t", 0, Optional.empty());
    }
}
