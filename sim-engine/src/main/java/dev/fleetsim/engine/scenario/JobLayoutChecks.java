package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.scenario.JobKeys.Job;
import dev.fleetsim.engine.scenario.JobKeys.Parallelism;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;

/**
 * The checks of a training job's layout against its own model and batch ({@link JobReader}'s
 * collaborator): the world size Megatron derives dp from, whole micro-batches per replica, one
 * model chunk per layer (or the embedding and loss as a chunk each), heads by TP, the sequence by
 * 2 × CP, the experts by EP. What needs the cluster is {@link JobChecks}'s.
 */
final class JobLayoutChecks {

    private JobLayoutChecks() {
    }

    /**
     * The layout with {@code gpus} GPUs, as Megatron derives it: without {@code parallelism.dp},
     * dp = gpus / (tp x cp x pp); with it, the product must be {@code gpus}. Null (reported) when not.
     */
    static ParallelismSpec withGpus(Cursor at, Cursor par, ParallelismSpec p, int gpus) {
        int model = p.tp() * p.cp() * p.pp();
        String product = "tp x cp x pp = " + p.tp() + " x " + p.cp() + " x " + p.pp() + " = " + model;
        if (!Parallelism.DP.at(par).present()) {
            if (gpus % model != 0) {
                at.problem(at.found(), "a multiple of " + product + " (dp = gpus / (tp x cp x pp))");
                return null;
            }
            return p.withDp(gpus / model);
        }
        if (p.gpus() != gpus) {
            at.problem(at.found() + " against tp x cp x dp x pp = " + p.gpus(), "the layout's GPUs, " + p.gpus()
                    + ", or no parallelism.dp (then dp = gpus / (" + product + "))");
            return null;
        }
        return p;
    }

    /** The global batch splits evenly into data-parallel replicas of whole micro-batches. */
    static void checkBatch(Cursor c, int globalBatch, int microBatch, ParallelismSpec p) {
        long perStep = (long) p.dp() * microBatch;
        if (globalBatch % perStep != 0) {
            Job.GLOBAL_BATCH.at(c).problem(Job.GLOBAL_BATCH.at(c).found(),
                    "a multiple of dp x microBatch = " + p.dp() + " x " + microBatch + " = " + perStep);
        }
    }

    /**
     * The layout fits the model: every pipeline chunk gets a layer (uneven splits are allowed,
     * the outer stages lighter), TP divides the query heads (fewer key/value heads than TP ranks are replicated), CP splits the sequence
     * into 2 x cp chunks (load-balanced causal ring attention), EP divides the experts and EP x ETP
     * the ranks of a stage.
     */
    static void checkModelSplit(Cursor c, ModelSpec m, ParallelismSpec p, int seqLength) {
        Cursor par = Job.PARALLELISM.at(c);
        int stages = p.pp() * p.virtualStages();
        if (p.firstStageLayers().isEmpty() && p.lastStageLayers().isEmpty() && !ParallelismSpec.chunksFit(stages, m.layers())) {
            Cursor at = p.virtualStages() > 1 ? Job.VIRTUAL_STAGES.at(c) : Parallelism.PP.at(par);
            at.problem(at.found() + " (" + m.layers() + " layers of " + m.name() + " over pp x virtualStages = "
                    + p.pp() + " x " + p.virtualStages() + " = " + stages + " model chunks)",
                    "at most one model chunk per layer: pp x virtualStages <= " + m.layers() + " (or "
                            + (m.layers() + 2) + ", the embedding and the loss a chunk each: Megatron's "
                            + "account_for_embedding/loss_in_pipeline_split)");
        }
        int outer = p.firstStageLayers().orElse(0) + p.lastStageLayers().orElse(0);
        if (outer > m.layers()) {
            Parallelism.FIRST_STAGE_LAYERS.at(par).problem(outer + " layers on the first and last stages",
                    "at most the model's " + m.layers() + " layers");
        }
        if (p.virtualStages() > 1 && p.pp() == 1) {
            Job.VIRTUAL_STAGES.at(c).problem(Job.VIRTUAL_STAGES.at(c).found() + " with pp 1",
                    "1 unless pp >= 2: interleaving splits a pipeline stage");
        }
        if (m.heads() % p.tp() != 0) {
            Cursor tp = Parallelism.TP.at(par);
            tp.problem(tp.found() + " (" + m.name() + " has " + m.heads() + " heads)",
                    "a tp dividing the " + m.heads() + " attention heads");
        }
        if (p.cp() > 1 && seqLength % (2 * p.cp()) != 0) {
            Parallelism.CP.at(par).problem(Parallelism.CP.at(par).found() + " (sequence " + seqLength + ")",
                    "a cp with 2 x cp dividing the sequence length " + seqLength);
        }
        if (p.ep() > 1 || p.etp() > 1) {
            Cursor ep = Parallelism.EP.at(par);
            if (m.moe().isEmpty()) {
                ep.problem(ep.found() + " for the dense model " + m.name(), "1: expert parallelism needs an MoE model");
            } else if (m.moe().get().experts() % p.ep() != 0) {
                ep.problem(ep.found() + " (" + m.moe().get().experts() + " experts)",
                        "an ep dividing the " + m.moe().get().experts() + " experts");
            } else if (p.stageGpus() % (p.ep() * p.etp()) != 0) {
                ep.problem(ep.found() + " x etp " + p.etp() + " against tp x cp x dp = " + p.stageGpus(),
                        "ep x etp dividing the " + p.stageGpus() + " ranks of a pipeline stage");
            }
        }
    }
}
