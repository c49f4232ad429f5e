package dev.fleetsim.engine.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The shipped indicative price catalogue ({@code price-catalog.json} beside this class): per GPU
 * type, reserved and spot GPU-hour prices and the terms of owning a node, each with its date and
 * source. They are inputs, not quotes; a scenario overrides them in {@code cost.prices}. Parsed
 * once, on first use.
 */
public final class PriceCatalog {

    private static final String RESOURCE = "price-catalog.json";
    static final double NS_PER_HOUR = 3.6e12;
    /** The calendar year of amortisation periods, 365.25 days. */
    public static final long YEAR_NS = 31_557_600_000_000_000L;

    private PriceCatalog() {
    }

    /** The shipped entries by GPU type. */
    public static Map<String, PriceSpec> defaults() {
        return Holder.DEFAULTS;
    }

    private static final class Holder {
        static final Map<String, PriceSpec> DEFAULTS = load();
    }

    private static Map<String, PriceSpec> load() {
        try (InputStream in = PriceCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("price catalogue resource missing: " + RESOURCE);
            }
            JsonNode prices = new ObjectMapper().readTree(in).path("prices");
            Map<String, PriceSpec> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = prices.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), entry(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PriceSpec entry(JsonNode n) {
        Optional<SpotTerms> spot = Optional.empty();
        JsonNode s = n.path("spot");
        if (s.isObject()) {
            spot = Optional.of(new SpotTerms(s.path("usdPerGpuHour").asDouble(),
                    Math.round(s.path("meanTimeToInterruptionHours").asDouble() * NS_PER_HOUR),
                    Math.round(s.path("replacementHours").asDouble() * NS_PER_HOUR)));
        }
        Optional<OwnedTerms> owned = Optional.empty();
        JsonNode o = n.path("owned");
        if (o.isObject()) {
            owned = Optional.of(new OwnedTerms(o.path("capexPerNodeUsd").asDouble(),
                    Math.round(o.path("amortisationYears").asDouble() * YEAR_NS),
                    o.path("datacentreUsdPerKwMonth").asDouble(), o.path("hostPowerW").asDouble()));
        }
        return new PriceSpec(optional(n, "reserved1yUsdPerGpuHour"), optional(n, "reserved3yUsdPerGpuHour"), spot, owned,
                n.path("source").asText());
    }

    private static OptionalDouble optional(JsonNode n, String field) {
        return n.has(field) ? OptionalDouble.of(n.get(field).asDouble()) : OptionalDouble.empty();
    }
}
