package dev.fleetsim.engine.hardware;

/**
 * Throughput of one fused attention kernel in one precision: the forward pass reaches
 * <pre>
 *   eff(s, d) = maxEfficiency · s/(s + seqHalf) · [d/(d + headDimHalf)] / [headDimRef/(headDimRef + headDimHalf)]
 * </pre>
 * of the dense peak, {@code s} being the key length each query attends to (half the sequence
 * for causal masking) and {@code d} the head dimension; the backward pass (2.5× the forward
 * FLOPs: it recomputes the scores) reaches {@code backwardRatio} times that. {@code seqHalf} is
 * a query tile's fixed cost (load Q, write O, final rescale) in keys; {@code headDimHalf} the
 * softmax work per score element (exponentials on the special-function units) in head-dimension
 * units of tensor-core work.
 *
 * @param maxEfficiency forward efficiency at {@code headDimRef} and long sequences, in (0, 1]
 * @param seqHalf keys at which the sequence term is one half, >= 0
 * @param headDimRef the head dimension {@code maxEfficiency} is quoted at
 * @param headDimHalf head dimension at which the softmax costs as much as the matmuls, >= 0
 * @param backwardRatio backward efficiency over forward, in (0, 1]
 * @param source where the numbers come from
 */
public record AttentionCurve(double maxEfficiency, double seqHalf, double headDimRef, double headDimHalf,
                             double backwardRatio, String source) {

    public AttentionCurve {
        if (!(maxEfficiency > 0 && maxEfficiency <= 1) || !(backwardRatio > 0 && backwardRatio <= 1)) {
            throw new IllegalArgumentException("attention efficiencies must be in (0, 1]");
        }
        if (!(seqHalf >= 0) || !(headDimHalf >= 0) || !(headDimRef > 0)) {
            throw new IllegalArgumentException("attention seqHalf and headDimHalf must be >= 0, headDimRef > 0");
        }
        source = source == null ? "" : source;
    }

    /** Forward efficiency for keys per query {@code s} and head dimension {@code d}. */
    public double forwardEfficiency(double s, double d) {
        double seq = s / (s + seqHalf);
        double head = (d / (d + headDimHalf)) / (headDimRef / (headDimRef + headDimHalf));
        return Math.min(1.0, maxEfficiency * seq * head);
    }

    public double backwardEfficiency(double s, double d) {
        return forwardEfficiency(s, d) * backwardRatio;
    }
}
