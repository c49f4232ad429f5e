package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.pricing.OwnedTerms;
import dev.fleetsim.engine.pricing.PriceSpec;
import dev.fleetsim.engine.pricing.SpotTerms;
import dev.fleetsim.engine.scenario.Section.Listing;

/**
 * The keys of {@code cost.prices.TYPE}: a GPU type's reserved, spot and owned prices, each key
 * overriding the shipped catalogue's figure (docs/SCENARIO-FORMAT.md). See {@link ScenarioKeys}
 * for how to add one.
 */
final class PriceKeys {

    static final String SHIPPED = "the shipped catalogue's (docs/PRICING.md), if any";
    private static final long TEN_YEARS_NS = 3_652L * ScenarioKeys.DAY_NS + ScenarioKeys.DAY_NS / 2;
    /**
     * A spot node runs at least 10 minutes on average (the shipped terms say 24 h; a cloud gives a
     * two-minute notice): below it a run is an event storm of reclaims (a nanosecond never ended).
     */
    private static final long MIN_INTERRUPTION_NS = 600_000_000_000L;
    /**
     * The most a node draws besides its GPUs (CPUs, memory, NICs, fans): a DGX H100 is 10.2 kW at most
     * with 5.6 kW of GPUs (DGX H100 datasheet), a DGX B200 14.3 kW with 8 kW (DGX B200 datasheet), so
     * their hosts draw about 4.6 and 6.3 kW; 20 kW is three times the largest, and 100 kW a unit slip.
     */
    static final double MAX_HOST_POWER_W = 20_000;

    private PriceKeys() {
    }

    /** {@code cost.prices.TYPE}. */
    static final class Price {
        static final Section<PriceSpec> SECTION = Section.of("price", "a GPU type's prices", Listing.PARENS);
        static final Key<PriceSpec, Double> RESERVED_1Y = SECTION.key("reserved1y",
                QuantityTypes.price("USD/h", "a price such as \"2.3 USD/h\" (US dollars per GPU-hour)", 10_000)).optional(SHIPPED)
                .get(p -> p.reserved1yUsdPerGpuHour().isPresent() ? p.reserved1yUsdPerGpuHour().getAsDouble() : null)
                .doc("per GPU-hour on a 1-year reservation");
        static final Key<PriceSpec, Double> RESERVED_3Y = SECTION.key("reserved3y",
                QuantityTypes.price("USD/h", "a price such as \"1.8 USD/h\" (US dollars per GPU-hour)", 10_000)).optional(SHIPPED)
                .get(p -> p.reserved3yUsdPerGpuHour().isPresent() ? p.reserved3yUsdPerGpuHour().getAsDouble() : null)
                .doc("per GPU-hour on a 3-year reservation");
        static final Key<PriceSpec, SpotTerms> SPOT = SECTION.key("spot", Types.map(Spot.SECTION)).optional(SHIPPED)
                .get(p -> p.spot().orElse(null)).doc("spot price and how often spot nodes are reclaimed");
        static final Key<PriceSpec, OwnedTerms> OWNED = SECTION.key("owned", Types.map(Owned.SECTION)).optional(SHIPPED)
                .get(p -> p.owned().orElse(null)).doc("what owning a node costs");

        private Price() {
        }
    }

    /** {@code cost.prices.TYPE.spot}. */
    static final class Spot {
        static final Section<SpotTerms> SECTION = Section.of("spot", "spot terms", Listing.PARENS);
        static final Key<SpotTerms, Double> PRICE = SECTION.key("price",
                QuantityTypes.price("USD/h", "a price such as \"1.6 USD/h\" (US dollars per GPU-hour)", 10_000))
                .computed(SHIPPED + "; required for a type without one").get(SpotTerms::usdPerGpuHour)
                .doc("per GPU-hour");
        static final Key<SpotTerms, Long> MEAN_TIME_TO_INTERRUPTION = SECTION.key("meanTimeToInterruption",
                QuantityTypes.durationAtLeast(MIN_INTERRUPTION_NS, TEN_YEARS_NS))
                .computed(SHIPPED + "; required for a type without one").get(SpotTerms::meanTimeToInterruptionNs)
                .doc("mean time a spot node runs before it is reclaimed (exponentially distributed)");
        static final Key<SpotTerms, Long> REPLACEMENT_TIME = SECTION.key("replacementTime",
                QuantityTypes.duration(false, 30 * ScenarioKeys.DAY_NS)).computed(SHIPPED + "; else 1 h")
                .get(SpotTerms::replacementNs).doc("time until a reclaimed node is replaced");

        private Spot() {
        }
    }

    /** {@code cost.prices.TYPE.owned}. */
    static final class Owned {
        static final Section<OwnedTerms> SECTION = Section.of("owned", "the terms of owning a node", Listing.PARENS);
        static final Key<OwnedTerms, Double> CAPEX_PER_NODE = SECTION.key("capexPerNode",
                QuantityTypes.price("USD", "an amount such as \"300000 USD\"", 1e9))
                .computed(SHIPPED + "; required for a type without one").get(OwnedTerms::capexPerNodeUsd)
                .doc("purchase price of a node with its network ports (NICs, cables, switch ports)");
        static final Key<OwnedTerms, Long> AMORTISATION = SECTION.key("amortisation", QuantityTypes.duration(true, TEN_YEARS_NS))
                .computed(SHIPPED + "; else 4 years").get(OwnedTerms::amortisationNs)
                .doc("straight-line depreciation period, e.g. \"1461 d\" (4 years)");
        static final Key<OwnedTerms, Double> DATACENTRE = SECTION.key("datacentre",
                QuantityTypes.price("USD/kW", "a price such as \"150 USD/kW\" (US dollars per provisioned kW and month)", 100_000))
                .computed(SHIPPED + "; else 150 USD/kW").get(OwnedTerms::datacentreUsdPerKwMonth)
                .doc("space, cooling and power delivery per provisioned kW (GPUs at TDP plus the host) and month; energy is billed apart");
        static final Key<OwnedTerms, Double> HOST_POWER = SECTION.key("hostPower", QuantityTypes.power(0, MAX_HOST_POWER_W,
                "a node draws at most 20 kW besides its GPUs: a DGX H100's host about 4.6 kW, a DGX B200's 6.3 kW"))
                .computed(SHIPPED + "; else 2 kW").get(OwnedTerms::hostPowerW)
                .doc("a node's average draw besides its GPUs (CPUs, memory, NICs, fans)");

        private Owned() {
        }
    }
}
