package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.workload.FineTuningSpec;
import dev.fleetsim.engine.workload.MlaSpec;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.MoeSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.Set;

/**
 * The parameters one GPU of pipeline rank {@code rank} holds before any ZeRO sharding, split
 * the way the parallel dimensions split them: dense parameters (attention, dense and shared-expert
 * MLPs, norms, router, embeddings) are divided by TP and replicated over the {@code dp · cp} ranks
 * of the stage; routed-expert parameters are divided by {@code ep · etp} and replicated over the
 * expert data-parallel ranks. Norms, routers and position tables are replicated across TP. The
 * first rank holds the input embedding, the last the output head (its own weights when untied, a
 * tied copy otherwise; one table when both are the same rank and tied).
 *
 * @param layers decoder layers on the rank
 * @param moeLayers of which route their MLP to experts
 * @param denseParams dense parameters per GPU
 * @param expertParams routed-expert parameters per GPU
 * @param linearWeights weight elements of linear layers per GPU (what FP8 keeps cast copies of)
 * @param adapterParams trainable LoRA adapter parameters per GPU (0 without adapters)
 * @param frozenLinear linear weight elements of a frozen base (LoRA/QLoRA), per GPU
 * @param embeddingParams of the dense parameters, the embedding tables and output head on this rank, per GPU
 */
record StageParams(int layers, int moeLayers, double denseParams, double expertParams, double linearWeights,
                   double adapterParams, double frozenLinear, double embeddingParams) {

    static StageParams of(TrainingJobSpec job, StagePlan plan, int rank) {
        ModelSpec m = job.model();
        ParallelismSpec par = job.parallelism();
        double tp = par.tp();
        int layers = plan.layersOn(rank);
        int moeLayers = plan.countOn(rank, i -> m.isMoeLayer(i) && !m.moe().get().isTrivial());
        int denseLayers = layers - moeLayers;
        double h = m.hidden();
        double norms = 4 * h;
        double attn = m.attentionParams() / tp;
        // A trivial MoE (one expert, top-1) is a dense MLP of the expert's width.
        int denseWidth = m.moe().isPresent() && m.moe().get().isTrivial() ? m.moe().get().moeFfnHidden() : m.ffnHidden();
        int denseMlpLayers = plan.countOn(rank, i -> !m.isMoeLayer(i));
        int trivialMoeLayers = denseLayers - denseMlpLayers;
        double denseMlp = denseMlpLayers * m.mlpParams(m.ffnHidden()) / tp
                + trivialMoeLayers * m.mlpParams(denseWidth) / tp;
        double dense = layers * (attn + norms) + denseMlp;
        double expert = 0;
        double linear = layers * attn + denseMlp;
        if (moeLayers > 0) {
            MoeSpec e = m.moe().get();
            double shared = e.sharedExperts() * m.mlpParams(e.sharedFfnHidden()) / tp;
            double router = (double) e.experts() * h;
            dense += moeLayers * (shared + router);
            expert = moeLayers * (double) e.experts() * m.mlpParams(e.moeFfnHidden()) / (par.ep() * par.etp());
            linear += moeLayers * shared + expert;
        }
        double vocabTable = (double) m.vocab() * h / tp;
        double embedding = 0;
        if (rank == 0) {
            embedding += vocabTable + (m.learnedPositions() ? (double) m.seqLength() * h : 0);
        }
        if (rank == plan.ranks() - 1) {
            boolean sameTable = plan.ranks() == 1 && m.tiedEmbeddings();
            embedding += (sameTable ? 0 : vocabTable) + 2 * h;
            // The untied output head is a linear layer (Megatron keeps it in 16-bit).
        }
        dense += embedding;
        double adapters = 0;
        double frozen = 0;
        FineTuningSpec ft = job.options().fineTuning().orElse(FineTuningSpec.full());
        if (ft.frozenBase()) {
            for (int i = 0; i < m.layers(); i++) {
                adapters += adapterParams(m, ft, i);
            }
            adapters = adapters * layers / m.layers() / tp;
            frozen = linear;
        }
        return new StageParams(layers, moeLayers, dense, expert, linear, adapters, frozen, embedding);
    }

    /** Parameters of one decoder layer on this GPU, on average (what FSDP gathers at a time). */
    double perLayer() {
        return layers == 0 ? 0 : (total() - embeddingParams) / layers;
    }

    double total() {
        return denseParams + expertParams;
    }

    /** Parameters that train (and so have gradients and optimizer state): all, or only the adapters. */
    double trainableDense(boolean frozenBase) {
        return frozenBase ? adapterParams : denseParams;
    }

    double trainableExpert(boolean frozenBase) {
        return frozenBase ? 0 : expertParams;
    }

    /** Adapter parameters of layer {@code i} (all TP ranks; an adapter on every expert of an MoE layer). */
    static double adapterParams(ModelSpec m, FineTuningSpec ft, int i) {
        boolean routed = m.isMoeLayer(i) && !m.moe().get().isTrivial();
        return adapterParams(m, ft, i, routed ? m.moe().get().experts() : 1);
    }

    /** As {@link #adapterParams(ModelSpec, FineTuningSpec, int)} with {@code copies} experts' MLP adapters counted. */
    static double adapterParams(ModelSpec m, FineTuningSpec ft, int i, double copies) {
        if (!ft.frozenBase()) {
            return 0;
        }
        Set<String> on = ft.targets();
        double h = m.hidden();
        double q = m.queryWidth();
        double kv = (double) m.kvHeads() * m.headDim();
        double o = (double) m.heads() * m.mla().map(MlaSpec::vHeadDim).orElse(m.headDim());
        double f = m.isMoeLayer(i) ? m.moe().get().moeFfnHidden() : m.ffnHidden();
        double r = ft.rank();
        double attention = (on.contains("q") ? r * (h + q) : 0) + (on.contains("k") ? r * (h + kv) : 0)
                + (on.contains("v") ? r * (h + kv) : 0) + (on.contains("o") ? r * (o + h) : 0);
        double mlp = (on.contains("gate") && m.gatedMlp() ? r * (h + f) : 0) + (on.contains("up") ? r * (h + f) : 0)
                + (on.contains("down") ? r * (f + h) : 0);
        return attention + copies * mlp;
    }
}
