package dev.fleetsim.engine.observe;

/**
 * The load of one network link at a sample's time.
 *
 * @param link link id (as in {@code links.csv})
 * @param name what it connects, e.g. {@code node 3 NIC 1->leaf 0}
 * @param loadBytesPerS traffic on it
 * @param utilisation load over capacity, 0-1
 */
public record LinkLoad(int link, String name, double loadBytesPerS, double utilisation) {
}
