package dev.fleetsim.engine.hardware;

import java.util.Locale;

/**
 * The attention implementations the compute model tells apart. The fused kernels have their
 * own curves in a profile; {@code UNFUSED} (score matrix in HBM, as Megatron ran in 2021) is
 * costed from the GEMM curves (the two batched matmuls) and the memory fractions (softmax,
 * mask, dropout over the score matrix), so it needs no curve of its own.
 */
public enum AttentionKernel {
    /** Batched QK^T and PV GEMMs with the s×s scores written to HBM. */
    UNFUSED,
    /** FlashAttention-2 (Dao 2023): fused, tiled, Ampere-style MMA instructions. */
    FLASH2,
    /** FlashAttention-3 (Shah et al. 2024) or cuDNN fused attention on Hopper and later: asynchronous, warp-specialised. */
    FLASH3;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
