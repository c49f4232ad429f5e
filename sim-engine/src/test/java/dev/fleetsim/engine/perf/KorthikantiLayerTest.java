package dev.fleetsim.engine.perf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The A100 compute curves at the level of one layer: Korthikanti et al. (arXiv:2205.05198) timed
 * one layer of their 22B GPT (h 6144, 64 heads, s 2048, micro-batch 4, TP 8 on a DGX-A100)
 * forward + backward by recompute mode and sequence parallelism (training.json, korthikanti_2022).
 * Predicted: the layer's kernels plus its TP collectives on the node's NVLink. None of these
 * timings set a default; they check the curves the defaults give.
 */
class KorthikantiLayerTest {

    @Test
    void perLayerTimesOfThe22bModelWithinSevenPercent() {
        JsonNode published = ReferenceData.read("training.json").path("korthikanti_2022").path("per_layer_22B_ms");
        GpuSpec a100 = ReferenceData.catalogGpu("A100-80GB");
        Topology node = ReferenceData.dgxCluster(a100, 1);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nKorthikanti 22B, one layer on 8 x A100, ms%n"));
        String[][] cases = {{"baseline_no_recompute", "none", "false"}, {"sp_only", "none", "true"},
                {"full_recompute", "full", "false"}, {"selective", "selective", "false"},
                {"sp_plus_selective", "selective", "true"}};
        for (String[] c : cases) {
            double ms = layerMs(a100, node, Recompute.valueOf(c[1].toUpperCase(Locale.ROOT)), Boolean.parseBoolean(c[2]));
            double pub = published.path(c[0]).asDouble();
            double error = (ms - pub) / pub;
            out.append(String.format(Locale.ROOT, "%-22s published %5.1f predicted %5.1f %+6.1f%%%n", c[0], pub, ms, 100 * error));
            assertTrue(Math.abs(error) <= 0.07, c[0] + ": " + ms + " ms against " + pub);
        }
        System.out.print(out);
    }

    /**
     * One layer's compute and TP collectives: the difference of a one-layer and a two-layer model's
     * iteration, without the optimizer step (the published times are forward + backward only).
     */
    private static double layerMs(GpuSpec gpu, Topology node, Recompute recompute, boolean sp) {
        return 1e3 * (iteration(gpu, node, recompute, sp, 2) - iteration(gpu, node, recompute, sp, 1));
    }

    private static double iteration(GpuSpec gpu, Topology node, Recompute recompute, boolean sp, int layers) {
        ModelSpec m = ModelSpec.gpt("22b-" + layers, layers, 6144, 64, 51200, 2048);
        TrainingJobSpec job = new TrainingJobSpec("k", m, Precision.FP16, 4, 4, new ParallelismSpec(8, 1, 1, 1), recompute, 0,
                0, false, 1, 0, "t", 0, Optional.empty());
        job = job.withOptions(job.options().withSequenceParallel(sp));
        StepEstimate e = new TrainingPerfModel().estimate(job, node, new AnalyticCollectiveModel(node), ReferenceData.packed(8));
        return e.iterationTimeS() - e.optimizerS();
    }
}
