package dev.fleetsim.engine.workload;

import dev.fleetsim.engine.hardware.Precision;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One training job as submitted (the {@link JobKind#TRAINING} kind of {@link JobSpec}): what it trains, how it is laid out, how long it runs and
 * who asked for it. Immutable; the engine's runtime state for it is a {@code Job}.
 *
 * @param id unique job id
 * @param model the transformer shape
 * @param precision compute precision of the GEMMs
 * @param globalBatchSeqs sequences per iteration across all data-parallel replicas
 * @param microBatchSeqs sequences per micro-batch on one pipeline
 * @param parallelism TP x PP x DP layout
 * @param recompute activation recomputation mode
 * @param zeroStage ZeRO stage 0-3 (3 = FSDP full shard)
 * @param dpOverlap fraction of the data-parallel gradient exchange hidden behind backward compute, 0-1
 * @param flashAttention whether attention is fused (no s x s score matrix in HBM)
 * @param iterations iterations to run
 * @param submitTimeNs simulated submit time
 * @param tenant who owns the job
 * @param priority larger = more important
 * @param gpuType required GPU type, or empty for any
 * @param estimateNs the user's estimate of its run time (what SJF, SRTF and backfill may order by instead of
 *                   the true length), or empty when none was given
 * @param options software choices that change speed and memory (sequence parallelism, FP8 scaling,
 *                fine-tuning, ...); {@link TrainingOptions#defaults} unless the job says otherwise
 */
public record TrainingJobSpec(
        String id,
        ModelSpec model,
        Precision precision,
        int globalBatchSeqs,
        int microBatchSeqs,
        ParallelismSpec parallelism,
        Recompute recompute,
        int zeroStage,
        double dpOverlap,
        boolean flashAttention,
        long iterations,
        long submitTimeNs,
        String tenant,
        int priority,
        Optional<String> gpuType,
        OptionalLong estimateNs,
        TrainingOptions options) implements JobSpec {

    /** A job with Megatron-Core's default options for its layout. */
    public TrainingJobSpec(String id, ModelSpec model, Precision precision, int globalBatchSeqs, int microBatchSeqs,
                           ParallelismSpec parallelism, Recompute recompute, int zeroStage, double dpOverlap,
                           boolean flashAttention, long iterations, long submitTimeNs, String tenant, int priority,
                           Optional<String> gpuType, OptionalLong estimateNs) {
        this(id, model, precision, globalBatchSeqs, microBatchSeqs, parallelism, recompute, zeroStage, dpOverlap,
                flashAttention, iterations, submitTimeNs, tenant, priority, gpuType, estimateNs,
                TrainingOptions.defaults(parallelism.tp()));
    }

    /** A job without a user estimate. */
    public TrainingJobSpec(String id, ModelSpec model, Precision precision, int globalBatchSeqs, int microBatchSeqs,
                           ParallelismSpec parallelism, Recompute recompute, int zeroStage, double dpOverlap,
                           boolean flashAttention, long iterations, long submitTimeNs, String tenant, int priority,
                           Optional<String> gpuType) {
        this(id, model, precision, globalBatchSeqs, microBatchSeqs, parallelism, recompute, zeroStage, dpOverlap,
                flashAttention, iterations, submitTimeNs, tenant, priority, gpuType, OptionalLong.empty());
    }

    @Override
    public JobKind kind() {
        return JobKind.TRAINING;
    }

    @Override
    public int gpus() {
        return parallelism.gpus();
    }

    /** The tensor-parallel group: its ranks all-reduce every layer, so they belong in one NVLink domain. */
    @Override
    public int gpusPerGroup() {
        return parallelism.tp();
    }

    /** Micro-batches per iteration on one pipeline: global batch / (DP x micro-batch). CP ranks share a sequence. */
    public int microBatchesPerIteration() {
        return globalBatchSeqs / (parallelism.dp() * microBatchSeqs);
    }

    public long tokensPerIteration() {
        return (long) globalBatchSeqs * model.seqLength();
    }

    /**
     * The job with everything that does not change its speed or memory blanked (id, length,
     * submit time, tenant, priority): generated jobs share a few shapes, and per-shape work is
     * done once. The estimate is blanked too.
     */
    @Override
    public TrainingJobSpec shape() {
        return new TrainingJobSpec("", model, precision, globalBatchSeqs, microBatchSeqs, parallelism, recompute,
                zeroStage, dpOverlap, flashAttention, 1, 0, "", 0, gpuType, OptionalLong.empty(), options);
    }

    public TrainingJobSpec withIdAndSubmit(String newId, long newSubmitTimeNs) {
        return new TrainingJobSpec(newId, model, precision, globalBatchSeqs, microBatchSeqs, parallelism, recompute,
                zeroStage, dpOverlap, flashAttention, iterations, newSubmitTimeNs, tenant, priority, gpuType, estimateNs, options);
    }

    /** The same job with the user's run-time estimate {@code ns}. */
    public TrainingJobSpec withEstimateNs(long ns) {
        return new TrainingJobSpec(id, model, precision, globalBatchSeqs, microBatchSeqs, parallelism, recompute,
                zeroStage, dpOverlap, flashAttention, iterations, submitTimeNs, tenant, priority, gpuType,
                OptionalLong.of(ns), options);
    }

    /** The same job with other options. */
    public TrainingJobSpec withOptions(TrainingOptions newOptions) {
        return new TrainingJobSpec(id, model, precision, globalBatchSeqs, microBatchSeqs, parallelism, recompute,
                zeroStage, dpOverlap, flashAttention, iterations, submitTimeNs, tenant, priority, gpuType, estimateNs,
                newOptions);
    }

    /**
     * The same job on another layout, micro-batch, recompute and ZeRO stage, with sequence parallelism
     * on exactly when TP > 1 (Megatron-Core's default); used by the layout search.
     */
    public TrainingJobSpec withLayout(ParallelismSpec newParallelism, int newMicroBatchSeqs, Recompute newRecompute,
                                      int newZeroStage) {
        return new TrainingJobSpec(id, model, precision, globalBatchSeqs, newMicroBatchSeqs, newParallelism, newRecompute,
                newZeroStage, dpOverlap, flashAttention, iterations, submitTimeNs, tenant, priority, gpuType, estimateNs,
                options.withSequenceParallel(newParallelism.tp() > 1));
    }

    /** {@code pretrain}, or the fine-tuning method ({@code finetune-full}, {@code finetune-lora}, {@code finetune-qlora}). */
    public String trainingKind() {
        return options.fineTuning().map(f -> "finetune-" + f.method().key()).orElse("pretrain");
    }
}
