package dev.fleetsim.engine.metrics;

/**
 * What one directed network link carried over a run ({@code links.csv}). Loads are the flows'
 * average rates (see docs/NETWORK.md, duty-cycle approximation), so utilisation is the
 * time-averaged share of the link's effective capacity.
 *
 * @param link link id in the run's network graph
 * @param name short endpoints, e.g. {@code leaf0->spine0} (global vertex numbers)
 * @param label what it connects, for people: {@code node 12 NIC 3 -> leaf 1} (node-local GPU and NIC numbers)
 * @param kind link kind ({@code NIC_LEAF}, {@code LEAF_SPINE}, ...)
 * @param capacityBytesPerS effective capacity in one direction
 * @param bytes bytes carried over the run
 * @param meanUtilisation bytes over capacity × run length
 * @param peakUtilisation highest load over capacity at any instant
 */
public record LinkRecord(int link, String name, String label, String kind, double capacityBytesPerS, double bytes,
                         double meanUtilisation, double peakUtilisation) {

    /** A record labelled by its short name until {@link #labelled} names it for people. */
    public LinkRecord(int link, String name, String kind, double capacityBytesPerS, double bytes,
                      double meanUtilisation, double peakUtilisation) {
        this(link, name, name, kind, capacityBytesPerS, bytes, meanUtilisation, peakUtilisation);
    }

    public LinkRecord labelled(String newLabel) {
        return new LinkRecord(link, name, newLabel, kind, capacityBytesPerS, bytes, meanUtilisation, peakUtilisation);
    }
}
