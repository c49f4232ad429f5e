package dev.fleetsim.policies.placement;

import java.util.Map;
import java.util.Optional;
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

    /** The strategy of that name, or empty for a name that is none of {@link #names()}. */
    public static Optional<PlacementStrategy> find(Object name) {
        Supplier<PlacementStrategy> s = BY_NAME.get(String.valueOf(name));
        return s == null ? Optional.empty() : Optional.of(s.get());
    }
}
