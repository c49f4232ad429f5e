package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.pricing.PriceCatalog;
import dev.fleetsim.engine.pricing.PriceSpec;

import java.util.Map;
import java.util.TreeMap;

/**
 * Energy pricing and the prices besides on demand; a GPU type's on-demand price lives on its
 * hardware entry.
 *
 * @param pue power usage effectiveness of the data centre (facility power / IT power)
 * @param electricityUsdPerKWh energy price
 * @param priceOverrides the scenario's {@code cost.prices} entries, each already merged over the shipped one
 */
public record CostSpec(double pue, double electricityUsdPerKWh, Map<String, PriceSpec> priceOverrides) {
    public CostSpec {
        priceOverrides = java.util.Collections.unmodifiableMap(new TreeMap<>(priceOverrides));
    }

    /** Shipped prices only. */
    public CostSpec(double pue, double electricityUsdPerKWh) {
        this(pue, electricityUsdPerKWh, Map.of());
    }

    /** The prices of a GPU type: the scenario's entry, else the shipped catalogue's, else none. */
    public PriceSpec prices(String gpuType) {
        PriceSpec own = priceOverrides.get(gpuType);
        return own != null ? own : PriceCatalog.defaults().getOrDefault(gpuType, PriceSpec.NONE);
    }

    /** {@link #prices} for every type in the shipped catalogue or the scenario. */
    public Map<String, PriceSpec> allPrices() {
        Map<String, PriceSpec> all = new TreeMap<>(PriceCatalog.defaults());
        all.putAll(priceOverrides);
        return all;
    }
}
