package dev.fleetsim.policies.placement;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Placement strategies by the name a scenario's {@code policy.params.placement} uses; any
 * ordering policy takes any of them. {@code consolidate} is another name for best fit; the
 * textbook names of bin packing that are none of them ({@code worst-fit}) point to the one that
 * does the same ({@link #knownAs}).
 */
public final class PlacementStrategies {
    private static final Map<String, Supplier<PlacementStrategy>> BY_NAME = new TreeMap<>(Map.of(
            "first-fit", FirstFitPlacement::new,
            "best-fit", BestFitPlacement::new,
            "consolidate", BestFitPlacement::new,
            "topology-aware", TopologyAwarePlacement::new,
            "spread", SpreadPlacement::new));

    /**
     * Bin packing's names for what a strategy here does under another name: worst fit puts an item in the emptiest
     * bin, as {@code spread} puts a job on the emptiest node. Keys are squashed (lower case, no dashes or blanks).
     */
    private static final Map<String, String> KNOWN_AS = Map.of("worstfit", "spread");

    private PlacementStrategies() {
    }

    /** The strategy that does what {@code name}, which is none of {@link #names()}, names elsewhere; empty if none. */
    public static Optional<String> knownAs(String name) {
        String squashed = name.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s_-]+", "");
        return Optional.ofNullable(KNOWN_AS.get(squashed));
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
