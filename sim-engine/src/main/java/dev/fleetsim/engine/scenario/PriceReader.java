package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.pricing.OwnedTerms;
import dev.fleetsim.engine.pricing.PriceCatalog;
import dev.fleetsim.engine.pricing.PriceSpec;
import dev.fleetsim.engine.pricing.Purchase;
import dev.fleetsim.engine.pricing.SpotTerms;
import dev.fleetsim.engine.scenario.PriceKeys.Owned;
import dev.fleetsim.engine.scenario.PriceKeys.Price;
import dev.fleetsim.engine.scenario.PriceKeys.Spot;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads {@code cost.prices}: per GPU type, figures that override the shipped price catalogue
 * key by key (a {@code spot} or {@code owned} block too), and checks that every node group's
 * purchase has its prices.
 */
final class PriceReader {
    private static final double HOUR_NS = 3.6e12;

    private PriceReader() {
    }

    /** The overridden entries, each merged over the shipped one; null on a problem (reported). */
    static Map<String, PriceSpec> read(Cursor c, Map<String, GpuSpec> hardware) {
        Map<String, PriceSpec> out = new LinkedHashMap<>();
        if (!c.present()) {
            return out;
        }
        int mark = c.mark();
        for (Map.Entry<String, Cursor> e : c.entries("a map from GPU type name to its prices").entrySet()) {
            Cursor p = e.getValue();
            if (hardware != null && !hardware.containsKey(e.getKey())) {
                p.problem("prices for " + Echo.plain(e.getKey()), "a GPU type of the catalogue or the hardware section: "
                        + Suggestions.oneOf(e.getKey(), hardware.keySet()));
                continue;
            }
            PriceSpec entry = readEntry(p, PriceCatalog.defaults().getOrDefault(e.getKey(), PriceSpec.NONE));
            if (entry != null) {
                out.put(e.getKey(), entry);
            }
        }
        return c.cleanSince(mark) ? out : null;
    }

    private static PriceSpec readEntry(Cursor c, PriceSpec shipped) {
        int mark = c.mark();
        if (!c.map(Price.SECTION)) {
            return null;
        }
        Double r1 = Price.RESERVED_1Y.read(c);
        Double r3 = Price.RESERVED_3Y.read(c);
        Cursor spotAt = Price.SPOT.at(c);
        SpotTerms spot = spotAt.present() ? readSpot(spotAt, shipped.spot().orElse(null)) : shipped.spot().orElse(null);
        Cursor ownedAt = Price.OWNED.at(c);
        OwnedTerms owned = ownedAt.present() ? readOwned(ownedAt, shipped.owned().orElse(null))
                : shipped.owned().orElse(null);
        if (!c.cleanSince(mark)) {
            return null;
        }
        return new PriceSpec(r1 != null ? OptionalDouble.of(r1) : shipped.reserved1yUsdPerGpuHour(),
                r3 != null ? OptionalDouble.of(r3) : shipped.reserved3yUsdPerGpuHour(), Optional.ofNullable(spot),
                Optional.ofNullable(owned), "scenario, over: " + shipped.source());
    }

    private static SpotTerms readSpot(Cursor c, SpotTerms shipped) {
        int mark = c.mark();
        if (!c.map(Spot.SECTION)) {
            return null;
        }
        // A key left out keeps the shipped figure; a type without shipped spot terms needs its price and interruptions.
        Double price = Spot.PRICE.read(c, shipped == null ? null : shipped.usdPerGpuHour());
        Long mtti = Spot.MEAN_TIME_TO_INTERRUPTION.read(c, shipped == null ? null : shipped.meanTimeToInterruptionNs());
        Long replacement = Spot.REPLACEMENT_TIME.read(c, shipped == null ? Math.round(HOUR_NS) : shipped.replacementNs());
        return c.cleanSince(mark) ? new SpotTerms(price, mtti, replacement) : null;
    }

    private static OwnedTerms readOwned(Cursor c, OwnedTerms shipped) {
        int mark = c.mark();
        if (!c.map(Owned.SECTION)) {
            return null;
        }
        Double capex = Owned.CAPEX_PER_NODE.read(c, shipped == null ? null : shipped.capexPerNodeUsd());
        Long amortisation = Owned.AMORTISATION.read(c, shipped == null ? 4 * PriceCatalog.YEAR_NS : shipped.amortisationNs());
        Double datacentre = Owned.DATACENTRE.read(c, shipped == null ? 150.0 : shipped.datacentreUsdPerKwMonth());
        Double host = Owned.HOST_POWER.read(c, shipped == null ? 2000.0 : shipped.hostPowerW());
        return c.cleanSince(mark) ? new OwnedTerms(capex, amortisation, datacentre, host) : null;
    }

    /** Every node group's purchase has its prices (on demand always has: the hardware entry's price). */
    static void checkPurchases(Cursor clusterAt, ClusterSpec cluster, CostSpec cost) {
        if (cluster == null || cost == null) {
            return;
        }
        java.util.List<Cursor> items = clusterAt.field("nodeGroups").list("a list of node groups");
        for (int i = 0; i < cluster.nodeGroups().size() && i < items.size(); i++) {
            NodeGroupSpec g = cluster.nodeGroups().get(i);
            if (!cost.prices(g.gpuType()).offers(g.purchase())) {
                Purchase p = g.purchase();
                Cursor at = items.get(i).field("purchase");
                at.problem(p.key() + " for " + Echo.plain(g.gpuType()) + ", which has no "
                        + (p == Purchase.OWNED ? "owned terms" : p.key() + " price") + " in the shipped catalogue",
                        "on-demand, or cost.prices." + Echo.plain(g.gpuType()) + "."
                                + (p == Purchase.OWNED ? "owned" : p == Purchase.SPOT ? "spot" : p.key().replace("-", ""))
                                + " in the scenario");
            }
        }
    }
}
