package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.network.CollectiveModel;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.serving.EngineSpec;
import dev.fleetsim.engine.workload.serving.QuantFormat;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

/**
 * The time of one batch iteration of a serving replica on its GPUs, by the roofline of each
 * kernel ({@link KernelCosts}), and the replica's memory. An iteration runs every layer once over
 * all the batch's tokens (decodes and prefill chunks together, as continuous batching does):
 * <ul>
 * <li>four GEMMs per layer (QKV, output projection, MLP up (+gate), MLP down) with {@code M} = the
 *     batch's tokens, each the larger of its compute time and its HBM time (weights read once per
 *     iteration), so prefill is compute-bound and a decode step memory-bound over the weights;</li>
 * <li>prefill attention as a fused kernel, FLOPs by each chunk's keys (its prior context plus the
 *     causal half of itself);</li>
 * <li>decode attention as a stream over every decode's KV cache (memory-bound by context length);</li>
 * <li>norms, residual adds, rotary, activation, KV-cache writes (and FP8 casts) as element-wise traffic;</li>
 * <li>two all-reduces of {@code tokens × hidden} per layer over the tensor-parallel group on the
 *     replica's actual GPUs (the collective model), a send per pipeline-stage boundary;</li>
 * <li>the LM head over the sequences that sample a token, and the engine's host overhead.</li>
 * </ul>
 * Every kernel takes at least the launch latency, or the kernel gap of a CUDA graph. With
 * pipeline parallelism {@link #stageSeconds} gives one micro-batch's pass by stage, which the
 * replica's {@link Pipeline} overlaps with the other stages' micro-batches. Costs are O(1) per
 * iteration: all layers are alike.
 */
public final class ServingModel {
    /** Bytes of a 16-bit activation element. */
    static final double ACT_BYTES = 2;
    /** Kernels of one layer besides the GEMMs and attention: two norms, rotary, activation, KV write. */
    private static final int ELEMENTWISE_KERNELS = 5;
    private static final double PROBE_BYTES = 1 << 20;
    /** Entries of the per-token-count cost caches at most. */
    private static final long CACHE_LIMIT = 1 << 16;

    private final ServiceSpec service;
    private final ModelSpec m;
    private final KernelCosts k;
    private final Precision gemmPrecision;
    private final Precision actPrecision;
    private final double wBytes;
    private final double aBytes;
    private final double kvBytes;
    private final int tp;
    private final int pp;
    private final int layersPerStage;
    private final int headDim;
    private final int headsPerRank;
    private final double kvRow;
    private final double qkvWidth;
    private final double attnWidth;
    private final double elementwiseBytesPerToken;
    private final double overheadS;
    /** Per-layer token-dependent cost by token count (NaN: not computed yet). */
    private final double[] tokenCost;
    private final double[] headCost;
    /** Times a decode reads each cached KV element: 1, or the query heads per KV head without grouped decode attention. */
    private final double kvReadsPerToken;
    private final double floorS;
    private final double arLatencyS;
    private final double arSecondsPerByte;
    private final double p2pLatencyS;
    private final double p2pSecondsPerByte;
    private final double swapBytesPerS;
    private final ReplicaMemory memory;
    /** How much longer the shared fabric makes the TP all-reduces and the stage hand-offs than alone (1: not shared). */
    private double tpFabricStretch = 1;
    private double ppFabricStretch = 1;

    private ServingModel(ServiceSpec service, GpuSpec gpu, CollectiveModel comm, int[] gpus) {
        this.service = service;
        this.m = service.model();
        this.k = new KernelCosts(gpu, service.engine().attention(), service.tp() * service.pp());
        this.gemmPrecision = service.weights().computePrecision();
        this.actPrecision = k.activationPrecision();
        this.wBytes = service.weights().bytesPerElement();
        this.aBytes = service.weights() == QuantFormat.FP8 ? 1 : ACT_BYTES;
        this.kvBytes = service.kvCache().bytesPerElement();
        this.tp = service.tp();
        this.pp = service.pp();
        this.layersPerStage = (m.layers() + pp - 1) / pp;
        this.headDim = m.headDim();
        this.headsPerRank = Math.max(1, m.heads() / tp);
        this.kvRow = kvElementsPerTokenLayer(m, tp);
        this.kvReadsPerToken = service.engine().groupedDecodeAttention() || m.mla().isPresent() ? 1
                : Math.max(1.0, (double) m.heads() / m.kvHeads());
        this.floorS = service.engine().cudaGraphs() ? KernelCosts.GRAPH_KERNEL_S : k.launchS();
        this.memory = memory(service, gpu);
        int[] group = new int[Math.min(tp, gpus.length)];
        System.arraycopy(gpus, 0, group, 0, group.length);
        double[] ar = affine(bytes -> comm.allReduceSeconds(group, bytes));
        this.arLatencyS = ar[0];
        this.arSecondsPerByte = ar[1];
        double[] p2p = pp > 1 && gpus.length > tp ? affine(bytes -> comm.sendRecvSeconds(gpus[tp - 1], gpus[tp], bytes))
                : new double[] {0, 0};
        this.p2pLatencyS = p2p[0];
        this.p2pSecondsPerByte = p2p[1];
        this.swapBytesPerS = gpu.pcieBandwidthBytesPerS();
        this.qkvWidth = (double) (headsPerRank + 2 * Math.max(1, m.kvHeads() / tp)) * headDim;
        this.attnWidth = (double) headsPerRank * headDim;
        double ffnPerRank = m.moe().map(x -> (double) x.moeFfnHidden() * x.topK() / tp).orElse((double) m.ffnHidden() / tp);
        int h = m.hidden();
        double perToken = ACT_BYTES * (2 * 2.0 * h + 2 * 3.0 * h + 2 * qkvWidth + (m.gatedMlp() ? 3 : 2) * ffnPerRank)
                + kvRow * (ACT_BYTES + kvBytes);
        if (aBytes < ACT_BYTES) {
            // FP8 GEMMs take FP8 inputs: each GEMM's input is read in 16-bit and written in 8-bit once more.
            perToken += (ACT_BYTES + aBytes) * (2.0 * h + attnWidth + ffnPerRank);
        }
        this.elementwiseBytesPerToken = perToken;
        this.overheadS = service.engine().iterationOverheadNs() * 1e-9;
        EngineSpec e = service.engine();
        this.tokenCost = new double[(int) Math.min(CACHE_LIMIT, (long) e.maxBatchedTokens() + e.maxSeqs() + 1)];
        this.headCost = new double[(int) Math.min(CACHE_LIMIT, 2L * e.maxSeqs() + 1)];
        java.util.Arrays.fill(tokenCost, Double.NaN);
        java.util.Arrays.fill(headCost, Double.NaN);
    }

    /**
     * KV-cache elements one token adds to one layer on one GPU: K and V of the GPU's KV heads
     * (a KV head is replicated when there are fewer than tensor-parallel ranks), or the compressed
     * latent and the rotary key of multi-head latent attention (replicated on every rank).
     */
    static double kvElementsPerTokenLayer(ModelSpec m, int tp) {
        if (m.mla().isPresent()) {
            return m.mla().get().kvLoraRank() + m.mla().get().qkRopeHeadDim();
        }
        return 2.0 * Math.max(1, m.kvHeads() / tp) * m.headDim();
    }

    /** The model of one replica of {@code service} on {@code gpus} (rank order: stage by stage, TP ranks inside). */
    public static ServingModel of(ServiceSpec service, GpuSpec gpu, CollectiveModel comm, int[] gpus) {
        return new ServingModel(service, gpu, comm, gpus);
    }

    /** A collective's cost as latency + bytes × seconds per byte (both analytic and flow costs are affine in size). */
    private static double[] affine(java.util.function.LongToDoubleFunction cost) {
        double t1 = cost.applyAsDouble((long) PROBE_BYTES);
        double t2 = cost.applyAsDouble((long) (2 * PROBE_BYTES));
        double slope = Math.max(0, (t2 - t1) / PROBE_BYTES);
        return new double[] {Math.max(0, t1 - slope * PROBE_BYTES), slope};
    }

    /**
     * One GPU's memory for a replica of {@code service} on {@code gpu}: usable share, weight
     * shard, workspace, and the KV blocks the rest holds ({@link ReplicaMemory#of}).
     */
    public static ReplicaMemory memory(ServiceSpec service, GpuSpec gpu) {
        return ReplicaMemory.of(service, gpu);
    }

    public ServiceSpec service() {
        return service;
    }

    public ReplicaMemory memory() {
        return memory;
    }

    public GpuSpec gpu() {
        return k.gpu();
    }

    /**
     * Seconds of one iteration.
     *
     * @param decodes sequences that decode one token
     * @param decodeContext KV tokens those decodes attend over, summed
     * @param prefillTokens prompt tokens prefilled in this iteration (all chunks)
     * @param prefillPairs query-key pairs of the prefill chunks: per chunk of {@code c} tokens after {@code p}
     *                     cached ones, {@code c·p + c(c+1)/2}
     * @param prefillPrior KV tokens of earlier chunks (and cached prefixes) the prefill chunks read, summed
     * @param sampled sequences that sample a token (decodes and prompts whose last chunk this is)
     */
    public double iterationSeconds(int decodes, double decodeContext, int prefillTokens, double prefillPairs,
                                   double prefillPrior, int sampled) {
        int t = decodes + prefillTokens;
        if (t <= 0) {
            return 0;
        }
        double layers = (double) layersPerStage * pp;
        return layers * (perLayer(t) + attention(decodes, decodeContext, prefillTokens, prefillPairs, prefillPrior))
                + stages(t) + head(sampled) + overheadS;
    }

    /**
     * One micro-batch of a pipeline-parallel replica by part, for its {@link Pipeline}: one
     * stage's layers (the replica's {@code ceil(layers / pp)}), the LM head on the last stage, one
     * hand-off of the activations between stages, and the host's overhead; {@code pp × stage +
     * (pp − 1) × hand-off + head + overhead} is {@link #iterationSeconds}. Arguments as there.
     */
    public double[] stageSeconds(int decodes, double decodeContext, int prefillTokens, double prefillPairs,
                                 double prefillPrior, int sampled) {
        int t = decodes + prefillTokens;
        if (t <= 0) {
            return new double[4];
        }
        double stage = layersPerStage * (perLayer(t) + attention(decodes, decodeContext, prefillTokens, prefillPairs,
                prefillPrior));
        double handoff = pp > 1 ? p2pLatencyS + ppFabricStretch * p2pSecondsPerByte * t * m.hidden() * ACT_BYTES : 0;
        return new double[] {stage, head(sampled), handoff, overheadS};
    }

    /**
     * The gap between two iterations of one lane when every lane of the replica runs this batch
     * (the fluid mode's iteration): the pipeline's latency, or, when the stages are the bottleneck,
     * {@code pp} passes of the last stage; with one stage, {@link #iterationSeconds}.
     */
    public double laneSeconds(int decodes, double decodeContext, int prefillTokens, double prefillPairs,
                              double prefillPrior, int sampled) {
        if (pp == 1) {
            return iterationSeconds(decodes, decodeContext, prefillTokens, prefillPairs, prefillPrior, sampled);
        }
        double[] p = stageSeconds(decodes, decodeContext, prefillTokens, prefillPairs, prefillPrior, sampled);
        return Math.max(pp * p[0] + (pp - 1) * p[2] + p[1] + p[3], pp * (p[0] + p[1]));
    }

    /** Pipeline stages of the replica. */
    public int pp() {
        return pp;
    }

    /** Tensor-parallel ranks of a stage. */
    public int tp() {
        return tp;
    }

    /** Layers each stage holds ({@code ceil(layers / pp)}): each runs two TP all-reduces a micro-batch. */
    public int layersPerStage() {
        return layersPerStage;
    }

    /** Bytes of one token's activations ({@code hidden} 16-bit elements): what an all-reduce and a hand-off move per token. */
    public double activationBytesPerToken() {
        return m.hidden() * ACT_BYTES;
    }

    /**
     * The replica's TP all-reduces and stage hand-offs move their bytes {@code tp} and {@code pp}
     * (>= 1) times slower than alone (their latency stays) from the next iteration on: what the other jobs on the fabric leave them
     * ({@code run.ReplicaComm}, docs/SERVING.md "On the shared cluster").
     */
    public void fabricStretch(double tp, double pp) {
        if (!(tp >= 1 && pp >= 1)) {
            throw new IllegalArgumentException("a stretch is at least 1: " + tp + ", " + pp);
        }
        if (tp != tpFabricStretch || pp != ppFabricStretch) {
            tpFabricStretch = tp;
            ppFabricStretch = pp;
            java.util.Arrays.fill(tokenCost, Double.NaN);
            java.util.Arrays.fill(headCost, Double.NaN);
        }
    }

    /** The same as {@link #iterationSeconds}, by part. */
    public IterationCost breakdown(int decodes, double decodeContext, int prefillTokens, double prefillPairs,
                                   double prefillPrior, int sampled) {
        int t = decodes + prefillTokens;
        if (t <= 0) {
            return IterationCost.IDLE;
        }
        double layers = (double) layersPerStage * pp;
        return new IterationCost(layers * gemms(t), layers * attention(decodes, decodeContext, prefillTokens, prefillPairs,
                prefillPrior), layers * elementwise(t), layers * comm(t) + stages(t), head(sampled), overheadS);
    }

    /**
     * A layer's cost that depends only on the batch's tokens (GEMMs, element-wise, all-reduces), cached
     * by token count: an iteration costs a table look-up and its attention, not a GEMM curve per kernel.
     */
    private double perLayer(int t) {
        if (t < tokenCost.length) {
            double c = tokenCost[t];
            if (c != c) {
                c = gemms(t) + elementwise(t) + comm(t);
                tokenCost[t] = c;
            }
            return c;
        }
        return gemms(t) + elementwise(t) + comm(t);
    }

    private double gemms(double t) {
        int h = m.hidden();
        double attnGemms = k.gemmSeconds(t, qkvWidth, h, aBytes, wBytes, gemmPrecision, floorS)
                + k.gemmSeconds(t, h, attnWidth, aBytes, wBytes, gemmPrecision, floorS);
        double denseMlp = mlpSeconds(t, (double) m.ffnHidden() / tp, 1);
        double moeMlp = m.moe().isPresent() ? moeSeconds(t) : 0;
        double denseShare = (double) (m.layers() - m.moeLayers()) / m.layers();
        return attnGemms + denseShare * denseMlp + (1 - denseShare) * moeMlp;
    }

    private double attention(int decodes, double decodeContext, int prefillTokens, double prefillPairs,
                             double prefillPrior) {
        double attention = 0;
        if (prefillTokens > 0) {
            double flops = 4 * attnWidth * prefillPairs;
            double bytes = prefillTokens * (2 * attnWidth * ACT_BYTES + kvRow * kvBytes) + prefillPrior * kvRow * kvBytes;
            attention += k.prefillAttentionSeconds(flops, bytes, prefillPairs / prefillTokens, headDim, floorS);
        }
        if (decodes > 0) {
            double bytes = decodeContext * kvRow * kvBytes * kvReadsPerToken + decodes * 2 * attnWidth * ACT_BYTES;
            attention += k.streamSeconds(bytes, 4 * attnWidth * decodeContext, floorS);
        }
        return attention;
    }

    private double elementwise(double t) {
        return Math.max(ELEMENTWISE_KERNELS * floorS, k.elementwiseSeconds(t * elementwiseBytesPerToken, floorS));
    }

    private double comm(double t) {
        return tp > 1 ? 2 * (arLatencyS + tpFabricStretch * arSecondsPerByte * t * m.hidden() * ACT_BYTES) : 0;
    }

    private double stages(double t) {
        return pp > 1 ? (pp - 1) * (p2pLatencyS + ppFabricStretch * p2pSecondsPerByte * t * m.hidden() * ACT_BYTES) : 0;
    }

    /** The LM head over the sequences that sample, cached by their count. */
    private double head(int sampled) {
        if (sampled <= 0) {
            return 0;
        }
        if (sampled < headCost.length && headCost[sampled] == headCost[sampled]) {
            return headCost[sampled];
        }
        double c = k.gemmSeconds(sampled, (double) m.vocab() / tp, m.hidden(), ACT_BYTES, ACT_BYTES, actPrecision, floorS)
                + (tp > 1 ? arLatencyS + tpFabricStretch * arSecondsPerByte * sampled * 4 * tp : 0);
        if (sampled < headCost.length) {
            headCost[sampled] = c;
        }
        return c;
    }

    /** A dense MLP of {@code width} per rank over {@code tokens} tokens, {@code count} times (shared experts). */
    private double mlpSeconds(double tokens, double width, int count) {
        int h = m.hidden();
        return count * (k.gemmSeconds(tokens, width * (m.gatedMlp() ? 2 : 1), h, aBytes, wBytes, gemmPrecision, floorS)
                + k.gemmSeconds(tokens, h, width, aBytes, wBytes, gemmPrecision, floorS));
    }

    /**
     * A routed MLP over {@code tokens} tokens: the router's GEMM, then the experts the batch touches
     * ({@code E·(1 − (1 − k/E)^T)} in expectation, each sharded over the tensor-parallel ranks) as
     * a grouped GEMM with the batch's {@code T·k} routed tokens spread evenly over them (each
     * expert's weights read once), and the shared experts as a dense MLP.
     */
    private double moeSeconds(double tokens) {
        var e = m.moe().get();
        double touched = e.experts() * (1 - Math.pow(1 - (double) e.topK() / e.experts(), tokens));
        double perExpert = tokens * e.topK() * e.tokenFactor() / Math.max(1, touched);
        double router = k.gemmSeconds(tokens, e.experts(), m.hidden(), ACT_BYTES, ACT_BYTES, actPrecision, floorS);
        double experts = touched * mlpSeconds(perExpert, (double) e.moeFfnHidden() / tp, 1);
        double shared = e.sharedExperts() > 0 ? mlpSeconds(tokens, (double) e.sharedFfnHidden() / tp, e.sharedExperts()) : 0;
        return router + experts + shared;
    }

    /** Seconds to copy {@code tokens} of one request's KV cache between GPU and host (swap), every rank at once. */
    public double swapSeconds(long tokens) {
        return tokens * memory.kvBytesPerToken() / swapBytesPerS;
    }

    /** Bytes of {@code tokens} of KV cache on one GPU of the replica: what one rank sends when the cache moves. */
    public double kvBytesPerGpu(long tokens) {
        return tokens * memory.kvBytesPerToken();
    }

    /**
     * Time per part of one iteration, seconds.
     *
     * @param gemmS the four GEMMs of every layer
     * @param attentionS prefill and decode attention of every layer
     * @param elementwiseS norms, activations, rotary, KV writes
     * @param commS tensor-parallel all-reduces and pipeline sends
     * @param headS the LM head
     * @param overheadS the engine's host overhead
     */
    public record IterationCost(double gemmS, double attentionS, double elementwiseS, double commS, double headS,
                                double overheadS) {
        static final IterationCost IDLE = new IterationCost(0, 0, 0, 0, 0, 0);

        public double totalS() {
            return gemmS + attentionS + elementwiseS + commS + headS + overheadS;
        }
    }
}
