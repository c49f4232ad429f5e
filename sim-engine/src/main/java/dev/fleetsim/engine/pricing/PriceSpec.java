package dev.fleetsim.engine.pricing;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The prices of one GPU type besides its on-demand price (which is the hardware entry's
 * {@code price}): reserved 1-year and 3-year GPU-hours, spot terms, and the terms of owning
 * a node. Any of them may be missing; a node group that buys a missing one is refused.
 *
 * @param source where the shipped figures come from, with their dates; "scenario" when overridden
 */
public record PriceSpec(OptionalDouble reserved1yUsdPerGpuHour, OptionalDouble reserved3yUsdPerGpuHour,
                        Optional<SpotTerms> spot, Optional<OwnedTerms> owned, String source) {
    public static final PriceSpec NONE = new PriceSpec(OptionalDouble.empty(), OptionalDouble.empty(),
            Optional.empty(), Optional.empty(), "");

    /** Whether the type can be bought this way; on demand always can (its price is on the hardware entry). */
    public boolean offers(Purchase purchase) {
        switch (purchase) {
            case RESERVED_1Y:
                return reserved1yUsdPerGpuHour.isPresent();
            case RESERVED_3Y:
                return reserved3yUsdPerGpuHour.isPresent();
            case SPOT:
                return spot.isPresent();
            case OWNED:
                return owned.isPresent();
            default:
                return true;
        }
    }

    /** The GPU-hour price of a rented purchase; {@code onDemand} is the hardware entry's price. */
    public double rentUsdPerGpuHour(Purchase purchase, double onDemand) {
        switch (purchase) {
            case RESERVED_1Y:
                return reserved1yUsdPerGpuHour.orElseThrow();
            case RESERVED_3Y:
                return reserved3yUsdPerGpuHour.orElseThrow();
            case SPOT:
                return spot.orElseThrow().usdPerGpuHour();
            case ON_DEMAND:
                return onDemand;
            default:
                throw new IllegalArgumentException("owned nodes have no GPU-hour price");
        }
    }
}
