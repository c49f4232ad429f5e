package dev.fleetsim.policies.placement;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Placement strategies by the name a scenario's {@code policy.params.placement} uses. */
public final class PlacementStrategies {
    private static final Map<String, Supplier<PlacementStrategy>> BY_NAME = new TreeMap<>(Map.of(
            "first-fit", FirstFitPlacement::new));

    private PlacementStrategies() {
    }

    /** @throws IllegalArgumentException naming the value and the allowed ones */
    public static PlacementStrategy byName(Object name) {
        Supplier<PlacementStrategy> s = BY_NAME.get(String.valueOf(name));
        if (s == null) {
            throw new IllegalArgumentException("placement: found '" + name + "'; expected one of " + String.join(", ", BY_NAME.keySet()));
        }
        return s.get();
    }
}
