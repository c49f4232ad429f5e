package dev.fleetsim.engine.scenario;

/**
 * Energy pricing; GPU prices live on the hardware entries.
 *
 * @param pue power usage effectiveness of the data centre (facility power / IT power)
 * @param electricityUsdPerKWh energy price
 */
public record CostSpec(double pue, double electricityUsdPerKWh) {
}
