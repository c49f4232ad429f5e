package dev.fleetsim.engine.hardware;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GEMM and attention curves against the kernel figures of validation/reference/kernels.json
 * they were set from, and the quantisation effects they model.
 */
class GemmCurveTest {

    private static final GpuSpec H100 = HardwareCatalog.defaults().get("H100-SXM");
    private static final double BF16 = H100.peakFlopsPerS(Precision.BF16);
    private static final double FP8 = H100.peakFlopsPerS(Precision.FP8);
    private static final int SMS = H100.profile().identity().smCount();
    private static final double HBM = H100.hbmBandwidthBytesPerS() * H100.profile().memory().copy();

    private static double tflops(Precision p, double m, double n, double k) {
        GemmCurve c = H100.profile().gemm(p);
        double s = c.seconds(m, n, k, 1, H100.peakFlopsPerS(p), SMS, HBM, p.bytesPerElement(), 2, 4e-6);
        return 2 * m * n * k / s / 1e12;
    }

    @Test
    void reproducesTheMeasuredSquareGemm() {
        // kernels.json: 8192^3 bf16 through PyTorch, 798 TFLOP/s on a real H100.
        assertEquals(798, tflops(Precision.BF16, 8192, 8192, 8192), 1.0);
        assertEquals(798 / 989.4, H100.efficiency().matmul(), 0.002, "the catalogue's one-number summary");
        assertEquals(798, 989.4 * H100.profile().largeGemmEfficiency(H100.peakDenseTflops(), H100.hbmBandwidthBytesPerS()), 1.0);
    }

    @Test
    void expertGemmsRunNoFasterThanTransformerEnginesMeasuredGroupedGemm() {
        // kernels.json (TE PR #2045): TE 2.7's multi-stream cuBLAS grouped GEMM on H100, BF16, 627.9 TFLOP/s for
        // 8 experts of 4,096 x 768 x 2,048 and 553.9 for 16 of 2,048 x 768 x 2,048 (Qwen3-30B-class expert shapes).
        // The model costs each expert GEMM alone (the streams' overlap of one GEMM's last wave with the next is not
        // credited): 572 and 515 TFLOP/s, 0.91 and 0.93 of the measurement, so its expert GEMMs are not too fast.
        double[][] measured = {{4096, 768, 2048, 627.903}, {2048, 768, 2048, 553.945}};
        for (double[] r : measured) {
            double ratio = tflops(Precision.BF16, r[0], r[1], r[2]) / r[3];
            assertTrue(ratio > 0.85 && ratio <= 1.0, "model / measured " + ratio + " at " + r[0] + "x" + r[1] + "x" + r[2]);
        }
    }

    @Test
    void fp8SpeedUpOverBf16StaysInThePublishedRange() {
        // kernels.json (cuBLAS 12.9): 1.75x on large matmuls, at least 1.25x in most other cases.
        assertEquals(1.75, tflops(Precision.FP8, 8192, 8192, 8192) / tflops(Precision.BF16, 8192, 8192, 8192), 0.01);
        double[][] shapes = {{8192, 2560, 8192}, {8192, 8192, 2048}, {8192, 14336, 8192}, {8192, 8192, 7168},
                {16384, 1536, 4096}, {4096, 4096, 4096}, {8192, 1024, 8192}, {2048, 6144, 4096}};
        for (double[] s : shapes) {
            double speedUp = tflops(Precision.FP8, s[0], s[1], s[2]) / tflops(Precision.BF16, s[0], s[1], s[2]);
            assertTrue(speedUp >= 1.25 && speedUp <= 1.76, "FP8 speed-up " + speedUp + " at " + s[0] + "x" + s[1] + "x" + s[2]);
        }
    }

    @Test
    void splitAccumulatorGemmsTakeTheProfilesFactorOnlyOnCompute() {
        GemmCurve fp8 = H100.profile().gemm(Precision.FP8);
        // kernels.json (torchao #2377): fast accumulation 1.1-1.2x faster; the shipped Hopper profile takes 1.1.
        assertEquals(1.1, fp8.splitAccumulation(), 1e-12);
        assertEquals(1.0, H100.profile().gemm(Precision.BF16).splitAccumulation(), 1e-12, "no split mode in 16 bits");
        double fast = fp8.seconds(8192, 8192, 8192, 1, FP8, SMS, HBM, 1, 2, 4e-6);
        double split = fp8.seconds(8192, 8192, 8192, 1, FP8, SMS, HBM, 1, 2, 4e-6, true);
        assertEquals(1.1, split / fast, 1e-9);
        assertEquals(1.75 / 1.1, 2 * Math.pow(8192, 3) / split / 1e12 / tflops(Precision.BF16, 8192, 8192, 8192), 0.01,
                "an FP8 gradient GEMM is still well above BF16");
        // A memory-bound shape is floored by HBM traffic, which the accumulator does not change.
        double skinny = fp8.seconds(8192, 16, 8192, 1, FP8, SMS, HBM, 1, 2, 4e-6);
        assertEquals(skinny, fp8.seconds(8192, 16, 8192, 1, FP8, SMS, HBM, 1, 2, 4e-6, true), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> fp8.withSplitAccumulation(0.9));
        assertEquals(fp8, fp8.withMaxEfficiency(fp8.maxEfficiency(), fp8.source()), "the helpers keep the other fields");
    }

    @Test
    void partialTilesAndPartialWavesCostWholeOnes() {
        // 132 tiles of 128x256 fill the 132 SMs in one wave; one more row needs a second wave (or
        // smaller, less efficient tiles), which costs far more than the row's share of the work.
        double full = tflops(Precision.BF16, 128 * 12, 256 * 11, 8192);
        double oneMoreRow = tflops(Precision.BF16, 128 * 12 + 1, 256 * 11, 8192);
        assertTrue(oneMoreRow < 0.8 * full, full + " vs " + oneMoreRow);
        // Deep in the many-wave regime a partial last wave matters little: 8193 rows cost about what 8192 do.
        assertEquals(tflops(Precision.BF16, 8192, 8192, 8192), tflops(Precision.BF16, 8193, 8192, 8192), 10);
    }

    @Test
    void shortReductionsAndSkinnyShapesRunBelowTheSquareFigure() {
        double square = tflops(Precision.BF16, 8192, 8192, 8192);
        assertTrue(tflops(Precision.BF16, 8192, 8192, 512) < 0.85 * square, "K = 512: the tile's fixed cost shows");
        // A decode-like GEMM (16 tokens) is bound by reading the weights: 2·8192² bytes at the copy bandwidth.
        double decodeS = 2.0 * 8192 * 8192 / HBM;
        assertEquals(2 * 16.0 * 8192 * 8192 / decodeS / 1e12, tflops(Precision.BF16, 16, 8192, 8192), 1.0);
    }

    @Test
    void attentionCurvesMatchTheFlashAttentionFigures() {
        AttentionCurve fa3 = H100.profile().attention(AttentionKernel.FLASH3, Precision.BF16).orElseThrow();
        AttentionCurve fa2 = H100.profile().attention(AttentionKernel.FLASH2, Precision.BF16).orElseThrow();
        AttentionCurve fa3fp8 = H100.profile().attention(AttentionKernel.FLASH3, Precision.FP8).orElseThrow();
        // The fused bf16 kernel is cuDNN's, which Transformer Engine prefers on Hopper: the FlashAttention-3 figure's
        // cuDNN bars, forward, causal, head dim 128, at 1k, 2k, 4k and 8k keys (kernels.json), within 2 % each.
        double[][] cudnn = {{1024, 484}, {2048, 518}, {4096, 529}, {8192, 539}};
        for (double[] bar : cudnn) {
            assertEquals(bar[1], fa3.forwardEfficiency(bar[0], 128) * BF16 / 1e12, 0.02 * bar[1], "cuDNN at " + bar[0] + " keys");
        }
        // kernels.json: FA3 fp8 close to 1200, FA2 about 35 %.
        assertEquals(1200, fa3fp8.forwardEfficiency(16384, 256) * FP8 / 1e12, 10);
        assertEquals(0.35, fa2.forwardEfficiency(16384, 128), 0.005);
        double speedUp = fa3.forwardEfficiency(16384, 128) / fa2.forwardEfficiency(16384, 128);
        assertTrue(speedUp >= 1.5 && speedUp <= 2.0, "fused over FA2 " + speedUp + " (published 1.5-2.0x; the figure: 1.61 for cuDNN)");
        assertTrue(fa3.forwardEfficiency(1024, 128) < fa3.forwardEfficiency(8192, 128), "short sequences run slower");
        assertTrue(fa3.forwardEfficiency(8192, 64) < fa3.forwardEfficiency(8192, 128), "small heads run slower");
        assertEquals(BF16, H100.peakFlopsPerS(Precision.FP16));
    }
}
