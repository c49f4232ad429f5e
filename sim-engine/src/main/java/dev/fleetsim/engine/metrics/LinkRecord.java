package dev.fleetsim.engine.metrics;

/**
 * What one directed network link carried over a run ({@code links.csv}). Loads are the flows'
 * average rates (see docs/NETWORK.md, duty-cycle approximation), so utilisation is the
 * time-averaged share of the link's effective capacity.
 *
 * @param link link id in the run's network graph
 * @param name readable endpoints, e.g. {@code leaf0->spine0}
 * @param kind link kind ({@code NIC_LEAF}, {@code LEAF_SPINE}, ...)
 * @param capacityBytesPerS effective capacity in one direction
 * @param bytes bytes carried over the run
 * @param meanUtilisation bytes over capacity × run length
 * @param peakUtilisation highest load over capacity at any instant
 */
public record LinkRecord(int link, String name, String kind, double capacityBytesPerS, double bytes,
                         double meanUtilisation, double peakUtilisation) {
}
