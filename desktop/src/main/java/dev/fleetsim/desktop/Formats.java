package dev.fleetsim.desktop;

import dev.fleetsim.engine.metrics.Distribution;
import dev.fleetsim.engine.scenario.Units;

import java.util.Locale;

/** How the app writes numbers for people: durations in the engine's units, money, shares, counts. */
public final class Formats {
    private Formats() {
    }

    public static String duration(double seconds) {
        return durationNs(Math.round(seconds * 1e9));
    }

    /** The engine's duration text ({@code 11.7 h}, {@code 24.0 min}); exactly zero is {@code 0 s}. */
    public static String durationNs(long ns) {
        return ns == 0 ? "0 s" : Units.formatDuration(ns);
    }

    public static String usd(double usd) {
        return Math.abs(usd) >= 100 ? String.format(Locale.ROOT, "$%,.0f", usd) : String.format(Locale.ROOT, "$%,.2f", usd);
    }

    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String number(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    /** Plain for CSV: no grouping, {@link Locale#ROOT}. */
    public static String plain(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** {@code p50 13.0 h · p95 16.7 h · p99 17.4 h}, or a dash for an empty sample. */
    public static String percentiles(Distribution d) {
        if (d.count() == 0) {
            return "no jobs";
        }
        return "p50 " + duration(d.p50()) + " · p95 " + duration(d.p95()) + " · p99 " + duration(d.p99());
    }
}
