package dev.fleetsim.policies.placement;

import dev.fleetsim.engine.scenario.Echo;
import dev.fleetsim.engine.scenario.Suggestions;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Placement strategies by the name a scenario's {@code policy.params.placement} uses; any
 * ordering policy takes any of them. {@code consolidate} is another name for best fit.
 */
public final class PlacementStrategies {
    private static final Map<String, Supplier<PlacementStrategy>> BY_NAME = new TreeMap<>(Map.of(
            "first-fit", FirstFitPlacement::new,
            "best-fit", BestFitPlacement::new,
            "consolidate", BestFitPlacement::new,
            "topology-aware", TopologyAwarePlacement::new,
            "spread", SpreadPlacement::new));

    private PlacementStrategies() {
    }

    /** Every name, sorted. */
    public static java.util.List<String> names() {
        return java.util.List.copyOf(BY_NAME.keySet());
    }

    /** @throws IllegalArgumentException naming the value and the allowed ones */
    public static PlacementStrategy byName(Object name) {
        Supplier<PlacementStrategy> s = BY_NAME.get(String.valueOf(name));
        if (s == null) {
            throw new IllegalArgumentException("placement: found " + (name instanceof String ? Echo.quoted((String) name)
                    : Echo.plain(String.valueOf(name))) + "; expected " + Suggestions.oneOf(String.valueOf(name),
                    BY_NAME.keySet()));
        }
        return s.get();
    }
}
