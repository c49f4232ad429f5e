package dev.fleetsim.engine.scenario;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses quantities written with their unit, as scenario files and the hardware catalogue
 * write them: {@code "90 min"}, {@code "80 GiB"}, {@code "400 Gb/s"}, {@code "700 W"},
 * {@code "2.5 USD/h"}, {@code "10B"} tokens. Each method throws {@link IllegalArgumentException}
 * whose message says what is allowed, for the validator to attach to a path.
 */
public final class Units {

    private static final Pattern QUANTITY = Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)\\s*([A-Za-z$/%]*(?:/[A-Za-z]+)?)\\s*$");

    static final Map<String, Long> DURATION_NS = Map.ofEntries(
            Map.entry("ns", 1L), Map.entry("us", 1_000L), Map.entry("ms", 1_000_000L),
            Map.entry("s", 1_000_000_000L), Map.entry("min", 60_000_000_000L),
            Map.entry("h", 3_600_000_000_000L), Map.entry("d", 86_400_000_000_000L),
            Map.entry("w", 7 * 86_400_000_000_000L));

    static final Map<String, Double> BYTES = Map.ofEntries(
            Map.entry("B", 1.0), Map.entry("KB", 1e3), Map.entry("MB", 1e6), Map.entry("GB", 1e9),
            Map.entry("TB", 1e12), Map.entry("KiB", 1024.0), Map.entry("MiB", 1024.0 * 1024),
            Map.entry("GiB", 1024.0 * 1024 * 1024), Map.entry("TiB", 1024.0 * 1024 * 1024 * 1024));

    static final Map<String, Double> BANDWIDTH_BYTES_PER_S = Map.ofEntries(
            Map.entry("B/s", 1.0), Map.entry("KB/s", 1e3), Map.entry("MB/s", 1e6), Map.entry("GB/s", 1e9),
            Map.entry("TB/s", 1e12), Map.entry("GiB/s", 1024.0 * 1024 * 1024),
            Map.entry("b/s", 1 / 8.0), Map.entry("Kb/s", 1e3 / 8), Map.entry("Mb/s", 1e6 / 8),
            Map.entry("Gb/s", 1e9 / 8), Map.entry("Tb/s", 1e12 / 8));

    static final Map<String, Double> POWER_W = Map.of("W", 1.0, "kW", 1e3, "MW", 1e6);

    private static final Map<String, Double> COUNT = Map.of("", 1.0, "K", 1e3, "M", 1e6, "B", 1e9, "T", 1e12);

    private Units() {
    }

    public static final String DURATION_UNITS = "a duration such as \"30 s\", \"90 min\", \"2 h\", \"14 d\" (units ns, us, ms, s, min, h, d, w)";
    public static final String BYTES_UNITS = "a size such as \"80 GiB\" or \"512 MB\" (units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)";
    public static final String BANDWIDTH_UNITS = "a bandwidth such as \"400 Gb/s\" or \"3.35 TB/s\" (units b/s, Kb/s, Mb/s, Gb/s, Tb/s, B/s, KB/s, MB/s, GB/s, TB/s, GiB/s)";
    public static final String POWER_UNITS = "a power such as \"700 W\" or \"1.2 kW\"";
    public static final String COUNT_UNITS = "a count such as 2000000, \"300B\" or \"1.5T\" (suffixes K, M, B, T)";

    /**
     * A duration in whole nanoseconds. Computed in decimal rather than through a double so that
     * long horizons ("400 d" is past 2^53 ns) and written-back values are exact.
     */
    public static long durationNs(String text) {
        Matcher m = match(text, DURATION_UNITS);
        Long factor = DURATION_NS.get(m.group(2));
        if (factor == null) {
            throw new IllegalArgumentException("expected " + DURATION_UNITS);
        }
        try {
            return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor))
                    .setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("expected " + DURATION_UNITS + ", below 290 years");
        }
    }

    public static long bytes(String text) {
        return Math.round(scaled(text, BYTES, BYTES_UNITS));
    }

    public static double bandwidthBytesPerS(String text) {
        return scaled(text, BANDWIDTH_BYTES_PER_S, BANDWIDTH_UNITS);
    }

    public static double watts(String text) {
        return scaled(text, POWER_W, POWER_UNITS);
    }

    /** A plain count with an optional K/M/B/T suffix, e.g. tokens. */
    public static double count(String text) {
        return scaled(text, COUNT, COUNT_UNITS);
    }

    /**
     * A price in its field's one unit, e.g. {@code usdPer("2.5 USD/h", "USD/h")} (the unit in any case);
     * a bare number is refused as every quantity's is, since a missing unit hides a mistake (per hour? per month?).
     */
    public static double usdPer(String text, String unit) {
        String allowed = "a price such as \"2.5 " + unit + "\"";
        Matcher m = match(text, allowed);
        if (!m.group(2).equalsIgnoreCase(unit)) {
            throw new IllegalArgumentException("expected " + allowed);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double scaled(String text, Map<String, Double> units, String allowed) {
        Matcher m = match(text, allowed);
        Double factor = units.get(m.group(2));
        if (factor == null) {
            throw new IllegalArgumentException("expected " + allowed);
        }
        return Double.parseDouble(m.group(1)) * factor;
    }

    private static Matcher match(String text, String allowed) {
        Matcher m = QUANTITY.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + allowed);
        }
        return m;
    }

    /** Formats a duration for people: the largest unit that keeps the number readable. */
    public static String formatDuration(long ns) {
        double s = ns / 1e9;
        if (ns == 0) {
            return "0 s"; // not "0.0 us": nothing, not a microsecond-scale time
        }
        if (ns > 0 && ns < 1_000) {
            return ns + " ns";
        }
        if (s < 1e-3) {
            return String.format(Locale.ROOT, "%.1f us", ns / 1e3);
        }
        if (s < 1) {
            return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
        }
        if (s < 120) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%.1f min", s / 60);
        }
        if (s < 172800) {
            return String.format(Locale.ROOT, "%.1f h", s / 3600);
        }
        return String.format(Locale.ROOT, "%.1f d", s / 86400);
    }
}
