package dev.fleetsim.engine.hardware;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quantities with units as hardware documents (the catalogue, profiles) write them:
 * {@code "80 GiB"}, {@code "3.35 TB/s"}, {@code "5 us"}, {@code "700 W"}, {@code "2.99 USD/h"}.
 * The unit tables are the same as a scenario file's ({@code scenario.Units} reads the same
 * strings for its hardware section); each method throws {@link IllegalArgumentException} whose
 * message starts with "expected " and says what is allowed, for a reader to attach to a path.
 */
public final class Quantities {

    private static final Pattern QUANTITY =
            Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)\\s*([A-Za-z$/%]*(?:/[A-Za-z]+)?)\\s*$");

    public static final String BYTES_UNITS = "a size such as \"80 GiB\" (units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)";
    public static final String BANDWIDTH_UNITS =
            "a bandwidth such as \"3.35 TB/s\" or \"400 Gb/s\" (units B/s, KB/s, MB/s, GB/s, TB/s, GiB/s, b/s, Kb/s, Mb/s, Gb/s, Tb/s)";
    public static final String DURATION_UNITS = "a duration such as \"5 us\" (units ns, us, ms, s)";
    public static final String POWER_UNITS = "a power such as \"700 W\" or \"1.2 kW\"";
    public static final String PRICE_UNITS = "a price such as \"2.5 USD/h\" (US dollars per GPU-hour)";

    /**
     * The most one GPU board draws, for every power of a GPU (a scenario's {@code tdp} and
     * {@code idlePower}, a profile's {@code powerLimit}): "700 kW" is a unit slip, not a GPU. The
     * largest shipped entry, B200, is 1 kW (DGX B200 datasheet, 14.3 kW for eight GPUs and the
     * host); a GB200 superchip, two GPUs and a CPU, is configurable up to 2.7 kW (NVIDIA GB200 NVL72
     * specifications). 5 kW leaves room for the next generation.
     */
    public static final double MAX_GPU_POWER_W = 5_000;
    /** The largest bandwidth of any link or memory: 1000 TB/s, far above HBM3e's 8 TB/s and NVLink 5's 0.9 TB/s. */
    public static final double MAX_BANDWIDTH_BYTES_PER_S = 1e15;
    /** A link or collective latency is microseconds; a second is a WAN link or a unit slip. */
    public static final long MAX_LATENCY_NS = 1_000_000_000L;
    /** A kernel launch is microseconds (the shipped profiles 4-5 us); a millisecond is a unit slip. */
    public static final long MAX_LAUNCH_LATENCY_NS = 1_000_000L;

    /** {@link #MAX_GPU_POWER_W} in words, for messages. */
    public static final String GPU_POWER_BOUND = "one GPU draws at most 5 kW: a B200 1 kW, a GB200 superchip of two GPUs"
            + " and a CPU 2.7 kW";

    private static final Map<String, Double> BYTES = Map.of("B", 1.0, "KB", 1e3, "MB", 1e6, "GB", 1e9, "TB", 1e12,
            "KiB", 1024.0, "MiB", 1048576.0, "GiB", 1073741824.0, "TiB", 1099511627776.0);
    private static final Map<String, Double> BANDWIDTH = Map.ofEntries(
            Map.entry("B/s", 1.0), Map.entry("KB/s", 1e3), Map.entry("MB/s", 1e6), Map.entry("GB/s", 1e9),
            Map.entry("TB/s", 1e12), Map.entry("GiB/s", 1073741824.0), Map.entry("b/s", 0.125),
            Map.entry("Kb/s", 1e3 / 8), Map.entry("Mb/s", 1e6 / 8), Map.entry("Gb/s", 1e9 / 8), Map.entry("Tb/s", 1e12 / 8));
    private static final Map<String, Double> SECONDS = Map.of("ns", 1e-9, "us", 1e-6, "ms", 1e-3, "s", 1.0);
    private static final Map<String, Double> WATTS = Map.of("W", 1.0, "kW", 1e3);

    private Quantities() {
    }

    public static long bytes(String text) {
        return Math.round(scaled(text, BYTES, BYTES_UNITS));
    }

    public static double bandwidthBytesPerS(String text) {
        return scaled(text, BANDWIDTH, BANDWIDTH_UNITS);
    }

    /** A short duration (a latency) in nanoseconds, rounded to the nearest. */
    public static long durationNs(String text) {
        return Math.round(scaled(text, SECONDS, DURATION_UNITS) * 1e9);
    }

    public static double watts(String text) {
        return scaled(text, WATTS, POWER_UNITS);
    }

    /** US dollars per GPU-hour; a bare number in a string is accepted too. */
    public static double usdPerHour(String text) {
        Matcher m = match(text, PRICE_UNITS);
        if (!m.group(2).isEmpty() && !m.group(2).equalsIgnoreCase("USD/h")) {
            throw new IllegalArgumentException("expected " + PRICE_UNITS);
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
}
