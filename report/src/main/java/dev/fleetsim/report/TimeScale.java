package dev.fleetsim.report;

import java.util.Locale;

/**
 * The unit a span of time reads best in: seconds under two minutes, minutes under two hours,
 * hours under two days, days beyond. Charts put their time axes in it and tables their
 * durations, so a three-day run reads "3.3 d", not "285,120 s".
 *
 * @param unit the unit's symbol, as axis labels show it ({@code s}, {@code min}, {@code h}, {@code d})
 * @param seconds seconds in one unit
 */
public record TimeScale(String unit, double seconds) {
    public static final TimeScale SECONDS = new TimeScale("s", 1);
    public static final TimeScale MINUTES = new TimeScale("min", 60);
    public static final TimeScale HOURS = new TimeScale("h", 3_600);
    public static final TimeScale DAYS = new TimeScale("d", 86_400);

    /** The unit for a span (or a largest value) of {@code spanS} seconds. */
    public static TimeScale forSpan(double spanS) {
        double s = Double.isFinite(spanS) ? Math.abs(spanS) : 0;
        if (s < 120) {
            return SECONDS;
        }
        if (s < 7_200) {
            return MINUTES;
        }
        if (s < 172_800) {
            return HOURS;
        }
        return DAYS;
    }

    /** {@code valueS} in this unit. */
    public double of(double valueS) {
        return valueS / seconds;
    }

    /** {@code valueS} in this unit with {@code decimals} decimals and the unit: {@code 3.30 d}. */
    public String format(double valueS, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f %s", of(valueS), unit);
    }
}
