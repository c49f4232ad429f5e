package dev.fleetsim.engine.perf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.engine.workload.TrainingOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Megatron-Core's own H100 scaling runs (validation/reference/training-modern.json,
 * {@code megatron_core_readme_h100}: the README's model table of Megatron-Core r0.8, BF16 GPT models
 * with vocabulary 131,072 and sequence 4,096) predicted as MFU in the README's own convention
 * (Megatron-Core r0.8's FLOP count, {@link FlopsModel#megatronFlopsPerIteration} with the whole score
 * matrix, over the 989.4 TFLOP/s BF16 peak).
 *
 * <p>The table gives TP, PP, DP and the global batch, not the micro-batch, virtual stages,
 * recomputation or dropout: each row is costed at the fastest of those the model finds (micro-batch
 * 1–8, every virtual-stage count {@link LayoutSearch} tries, the cheapest recomputation that fits,
 * no dropout), so its prediction is an upper bound of what the model says for the run that was made.
 * What the README text gives is applied: sequence parallelism and TP communication overlap when
 * TP > 1, the distributed optimizer with overlapped gradient reduce-scatter and parameter all-gather,
 * fused attention; DGX-H100 nodes (8 × 400 Gb/s NDR), packed.
 */
final class MegatronCoreReadmeCheck {

    /** Micro-batch sizes tried for the unknown micro-batch. */
    private static final int[] MICRO_BATCHES = {1, 2, 4, 8};

    private MegatronCoreReadmeCheck() {
    }

    /** One predicted row: the job the model found fastest and its MFU in the README's convention. */
    record Row(String label, TrainingJobSpec job, StepEstimate estimate, double publishedMfu, double predictedMfu) {
        double error() {
            return predictedMfu / publishedMfu - 1;
        }
    }

    static JsonNode table() {
        return ReferenceData.read("training-modern.json").path("megatron_core_readme_h100").path("model_table");
    }

    /** A README GPT: 4h GeLU MLP with biases, full multi-head attention, untied embeddings (the table's parameter counts). */
    static ModelSpec gpt(String name, int layers, int hidden, int heads) {
        return new ModelSpec(name, layers, hidden, heads, heads, 4 * hidden, false, 131072, 4096, hidden / heads, false,
                true, false, Optional.empty(), Optional.empty(), OptionalInt.empty(), 0);
    }

    /** The job the README describes at {@code tp × pp × dp}, before the unknowns are chosen. */
    static TrainingJobSpec job(ModelSpec model, int tp, int pp, int dp, int globalBatch) {
        TrainingOptions options = TrainingOptions.defaults(tp).withTpCommOverlap(tp > 1);
        return new TrainingJobSpec("readme-" + model.name(), model, Precision.BF16, globalBatch, 1,
                new ParallelismSpec(tp, pp, dp, 1), Recompute.NONE, 1, 1.0, true, 1, 0, "validation", 0,
                Optional.of("H100-SXM"), java.util.OptionalLong.empty(), options);
    }

    /** The fastest fitting choice of the unknowns (micro-batch, virtual stages, recomputation) at the job's TP, PP and DP. */
    static Row fastest(String label, TrainingJobSpec job, double publishedMfu) {
        GpuSpec gpu = ReferenceData.catalogGpu("H100-SXM");
        ParallelismSpec given = job.parallelism();
        Topology cluster = ModernTrainingValidationTest.dgx(gpu, Math.max(1, job.gpus() / 8));
        int[] placement = ReferenceData.packed(job.gpus());
        TrainingPerfModel model = new TrainingPerfModel();
        Row best = null;
        for (int v : LayoutSearch.VIRTUAL_STAGES) {
            if (v > 1 && (given.pp() == 1 || !ParallelismSpec.chunksFit(given.pp() * v, job.model().layers()))) {
                continue;
            }
            ParallelismSpec par = new ParallelismSpec(given.tp(), given.pp(), given.dp(), v);
            for (int mb : MICRO_BATCHES) {
                if ((job.globalBatchSeqs() / given.dp()) % mb != 0) {
                    continue;
                }
                for (Recompute r : Recompute.values()) {
                    TrainingJobSpec candidate = job.withLayout(par, mb, r, job.zeroStage());
                    if (!MemoryModel.memory(candidate, gpu).fits()) {
                        continue;
                    }
                    StepEstimate e = model.estimate(candidate, cluster, placement);
                    Row row = new Row(label, candidate, e, publishedMfu, mfu(candidate, e, gpu));
                    if (best == null || row.predictedMfu() > best.predictedMfu()) {
                        best = row;
                    }
                    break;
                }
            }
        }
        if (best == null) {
            throw new AssertionError(label + ": no choice of micro-batch, virtual stages and recomputation fits");
        }
        return best;
    }

    /** MFU as the README quotes it: Megatron-Core r0.8's FLOPs (whole score matrix, no recompute) over the BF16 peak. */
    static double mfu(TrainingJobSpec job, StepEstimate e, GpuSpec gpu) {
        return FlopsModel.megatronFlopsPerIteration(job, false) / e.iterationTimeS() / job.gpus()
                / gpu.peakFlopsPerS(Precision.BF16);
    }

    /** The weak-scaling rows of the model table, each at its published TP, PP, DP and batch. */
    static List<Row> weakScaling() {
        List<Row> rows = new ArrayList<>();
        double peak = ReferenceData.catalogGpu("H100-SXM").peakFlopsPerS(Precision.BF16);
        for (JsonNode r : table().path("rows")) {
            ModelSpec model = gpt(r.get(0).asText(), r.get(3).asInt(), r.get(2).asInt(), r.get(1).asInt());
            TrainingJobSpec job = job(model, r.get(4).asInt(), r.get(5).asInt(), r.get(6).asInt(), r.get(8).asInt());
            rows.add(fastest(r.get(0).asText(), job, r.get(9).asDouble() * 1e12 / peak));
        }
        return rows;
    }

    /** One printed line of a row. */
    static String line(Row row) {
        TrainingJobSpec j = row.job();
        ParallelismSpec p = j.parallelism();
        StepEstimate e = row.estimate();
        double t = e.iterationTimeS();
        return String.format(Locale.ROOT, "%-14s %5d %3d %3d %3d %3d %3d %-9s | %5.1f%% %5.1f%% %+6.1f%% | %5.3f %5.3f %5.3f %5.3f"
                        + " %5.3f %5.3f | %5.3f %5.3f %5.3f | %5.1f%n", row.label(), j.gpus(), p.tp(), p.pp(), p.dp(), p.virtualStages(),
                j.microBatchSeqs(), j.recompute().name().toLowerCase(Locale.ROOT), 100 * row.publishedMfu(),
                100 * row.predictedMfu(), 100 * row.error(), e.computeS() / t, e.bubbleS() / t, e.tpCommS() / t, e.ppCommS() / t,
                e.dpCommS() / t, e.otherS() / t, e.computeByClass().gemmS() / t, e.computeByClass().attentionS() / t,
                e.computeByClass().memoryBoundS() / t, e.memory().totalBytes() / (double) (1L << 30));
    }

    static String header() {
        return String.format(Locale.ROOT, "%-14s %5s %3s %3s %3s %3s %3s %-9s | %6s %6s %7s | %5s %5s %5s %5s %5s %5s | %5s %5s %5s"
                        + " | %5s%n", "model", "gpus", "tp", "pp", "dp", "v", "mb", "recompute", "pub", "pred", "error", "comp",
                "bubbl", "tp", "pp", "dp", "other", "gemm", "attn", "membd", "GiB");
    }
}
