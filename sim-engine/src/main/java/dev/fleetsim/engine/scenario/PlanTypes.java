package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.scenario.ValueType.Scalar;
import dev.fleetsim.engine.scenario.ValueType.SchemaContext;
import dev.fleetsim.engine.workload.RateGrowth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.fleetsim.engine.scenario.Types.NODES;

/**
 * The value types of the planning keys (forecasts, faults, prices) that {@link Types} has no
 * form for: a growth rate such as {@code "40 % per quarter"}. Bounds are part of the type, so
 * messages, the schema and the format reference state them.
 */
final class PlanTypes {

    /** The periods a growth may name, each an exact number of nanoseconds. */
    static final Map<String, Long> PERIODS = periods();

    /** Growth per period: above −100 % (a rate that halves is −50 %) and at most ×100. */
    static final double MIN_PERCENT = -100;
    static final double MAX_PERCENT = 9_900;
    /** Shorter periods than an hour are no forecast, and anything past ten years is no quarter plan. */
    static final long MIN_PERIOD_NS = 3_600_000_000_000L;
    static final long MAX_PERIOD_NS = 10 * RateGrowth.YEAR_NS;

    private static final Pattern GROWTH = Pattern.compile(
            "^\\s*([-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)\\s*%\\s*(?:per|/)\\s*(.+?)\\s*$");
    static final String GROWTH_ALLOWED = "a growth such as \"40 % per quarter\" or \"-5 % per 30 d\": a change above"
            + " -100 % and at most 9900 % per day, week, month, quarter (a quarter of 365.25 d), year or a duration"
            + " from 1 h to 10 years";

    private PlanTypes() {
    }

    private static Map<String, Long> periods() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("day", 86_400_000_000_000L);
        m.put("week", 7 * 86_400_000_000_000L);
        m.put("month", RateGrowth.MONTH_NS);
        m.put("quarter", RateGrowth.QUARTER_NS);
        m.put("year", RateGrowth.YEAR_NS);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** An exponential growth of a rate ({@link RateGrowth#exponential}); {@code 0 % per ...} is none. */
    static Scalar<RateGrowth> growth() {
        return new Scalar<>() {
            @Override
            public RateGrowth read(Cursor at) {
                RateGrowth g = at.node().isTextual() ? parseGrowth(at.node().asText()) : null;
                if (g == null) {
                    at.problem(at.found() + (at.node().isNumber() ? " (no period)" : ""), GROWTH_ALLOWED);
                }
                return g;
            }

            @Override
            public String allowed() {
                return GROWTH_ALLOWED;
            }

            @Override
            public JsonNode write(RateGrowth value) {
                return NODES.textNode(formatGrowth(value));
            }

            @Override
            public ObjectNode schema(SchemaContext context) {
                return NODES.objectNode().put("type", "string").put("pattern", GROWTH.pattern());
            }
        };
    }

    /** The growth in {@code text}, or null when it is not one or out of bounds. */
    static RateGrowth parseGrowth(String text) {
        Matcher m = GROWTH.matcher(text);
        if (!m.matches()) {
            return null;
        }
        double percent;
        try {
            percent = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (!(percent > MIN_PERCENT && percent <= MAX_PERCENT)) {
            return null;
        }
        String period = m.group(2).trim().toLowerCase(Locale.ROOT);
        Long periodNs = PERIODS.get(period.endsWith("s") && PERIODS.containsKey(period.substring(0, period.length() - 1))
                ? period.substring(0, period.length() - 1) : period);
        if (periodNs == null) {
            try {
                periodNs = Units.durationNs(m.group(2).trim());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (periodNs < MIN_PERIOD_NS || periodNs > MAX_PERIOD_NS) {
            return null;
        }
        return RateGrowth.exponential(percent, periodNs);
    }

    /** As a scenario writes it back: the percentage and the period's name, or a duration. */
    static String formatGrowth(RateGrowth g) {
        String period = null;
        for (Map.Entry<String, Long> e : PERIODS.entrySet()) {
            if (e.getValue() == g.periodNs()) {
                period = e.getKey();
            }
        }
        return QuantityFormat.plain(g.percentPerPeriod()) + " % per "
                + (period != null ? period : QuantityFormat.duration(g.periodNs()));
    }
}
