package dev.fleetsim.calibration.raw;

/**
 * One peer-to-peer copy between two GPUs of a node.
 *
 * @param where file and line
 * @param src source device
 * @param dst destination device
 * @param peerAccess whether the pair has direct peer access (NVLink or PCIe P2P); otherwise the copy is staged through the host
 * @param bytes transfer size
 * @param timeS median time of one copy
 */
public record P2pPoint(String where, int src, int dst, boolean peerAccess, long bytes, double timeS)
        implements Measurement {
}
