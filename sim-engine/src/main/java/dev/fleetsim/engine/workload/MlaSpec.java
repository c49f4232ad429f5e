package dev.fleetsim.engine.workload;

/**
 * Multi-head latent attention (DeepSeek-V2/V3): queries and keys/values are projected through
 * low-rank latents, and a head's query/key dimension ({@code qkNopeHeadDim + qkRopeHeadDim}) differs
 * from its value dimension.
 *
 * @param qLoraRank rank of the query latent (0: queries projected directly)
 * @param kvLoraRank rank of the joint key/value latent
 * @param qkNopeHeadDim per-head query/key dimension without rotary embedding
 * @param qkRopeHeadDim per-head rotary dimension (the rotary key is shared by all heads)
 * @param vHeadDim per-head value dimension
 */
public record MlaSpec(int qLoraRank, int kvLoraRank, int qkNopeHeadDim, int qkRopeHeadDim, int vHeadDim) {
    public MlaSpec {
        if (qLoraRank < 0 || kvLoraRank < 1 || qkNopeHeadDim < 1 || qkRopeHeadDim < 0 || vHeadDim < 1) {
            throw new IllegalArgumentException("MLA: kvLoraRank, qkNopeHeadDim, vHeadDim >= 1; qLoraRank, qkRopeHeadDim >= 0");
        }
    }

    public int qkHeadDim() {
        return qkNopeHeadDim + qkRopeHeadDim;
    }
}
