package dev.fleetsim.engine.perf;

/**
 * Time of one pass (forward, backward or a recomputed forward) of some work on one GPU, by
 * operation class: dense GEMMs (including grouped expert GEMMs), attention (the fused kernel, or
 * the batched matmuls and score traffic of unfused attention), memory-bound kernels (norms,
 * activations, residuals, dropout, RoPE, permutes, cross-entropy) and FP8 casts (scaling, cast
 * and transpose), and the time the GPU waits on the host issuing its kernels ({@link HostOverhead}).
 *
 * @param gemmS dense GEMMs
 * @param attentionS attention core
 * @param memoryBoundS element-wise and reduction kernels
 * @param castS FP8 amax, cast and transpose kernels, and QLoRA dequantisation
 * @param hostWaitS the GPU idle between kernels because the host issues them more slowly than they run
 */
public record PassTime(double gemmS, double attentionS, double memoryBoundS, double castS, double hostWaitS) {

    public static final PassTime ZERO = new PassTime(0, 0, 0, 0, 0);

    /** A pass the host keeps fed. */
    public PassTime(double gemmS, double attentionS, double memoryBoundS, double castS) {
        this(gemmS, attentionS, memoryBoundS, castS, 0);
    }

    public double totalS() {
        return gemmS + attentionS + memoryBoundS + castS + hostWaitS;
    }

    public PassTime plus(PassTime o) {
        return new PassTime(gemmS + o.gemmS, attentionS + o.attentionS, memoryBoundS + o.memoryBoundS, castS + o.castS,
                hostWaitS + o.hostWaitS);
    }

    public PassTime times(double k) {
        return new PassTime(gemmS * k, attentionS * k, memoryBoundS * k, castS * k, hostWaitS * k);
    }

    /** This pass with {@code s} of waiting on the host instead of what it had. */
    PassTime withHostWait(double s) {
        return new PassTime(gemmS, attentionS, memoryBoundS, castS, s);
    }

    /** Accumulates a pass kernel by kernel. */
    static final class Builder {
        double gemm;
        double attention;
        double memory;
        double cast;

        PassTime build() {
            return new PassTime(gemm, attention, memory, cast);
        }
    }
}
