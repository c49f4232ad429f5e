package dev.fleetsim.engine.hardware;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped catalogue: read once, every type with its own default profile, the derived one-number figures from it. */
class CatalogueTest {

    @Test
    void parsedOnce() {
        assertSame(HardwareCatalog.defaults(), HardwareCatalog.defaults());
    }

    @Test
    void everyTypeHasItsOwnProfileAndTheSummaryComesFromIt() {
        for (GpuSpec gpu : HardwareCatalog.defaults().values()) {
            HardwareProfile p = gpu.profile();
            assertEquals(gpu.name(), p.gpuType());
            assertEquals(p.memory().copy(), gpu.efficiency().memory(), gpu.name());
            assertEquals(p.largeGemmEfficiency(gpu.peakDenseTflops(), gpu.hbmBandwidthBytesPerS()), gpu.efficiency().matmul(),
                    1e-12, gpu.name());
            // Each precision the type computes in has its GEMM curve; the traces' reference GPUs (V100, P40)
            // have no bf16 and no fused attention kernel, so attention is costed unfused there.
            for (Precision precision : Precision.values()) {
                if (gpu.supports(precision) && precision != Precision.FP32 && precision != Precision.TF32) {
                    assertTrue(p.gemm().containsKey(precision), gpu.name() + " computes in " + precision + " and has its GEMM curve");
                }
            }
            if (gpu.supports(Precision.BF16)) {
                assertTrue(p.bestFusedAttention(Precision.BF16).isPresent(), gpu.name() + " has a fused attention curve");
            }
        }
    }

    @Test
    void measuredMemoryFractions() {
        // kernels.json: copy 3.0 of 3.35 TB/s on H100, 4.3 of 4.8 on H200.
        assertEquals(3.0e12, 3.35e12 * HardwareCatalog.defaults().get("H100-SXM").profile().memory().copy(), 0.01e12);
        assertEquals(4.3e12, 4.8e12 * HardwareCatalog.defaults().get("H200").profile().memory().copy(), 0.01e12);
    }

    @Test
    void aTypeWithoutAProfileGetsTheGenericOneMarkedAsSuch() {
        HardwareProfile g = DefaultProfiles.generic("my-gpu");
        assertEquals("my-gpu", g.gpuType());
        assertEquals("generic", g.identity().source());
        assertEquals(HardwareCatalog.defaults().get("H100-SXM").profile().gemm(), g.gemm());
    }
}
