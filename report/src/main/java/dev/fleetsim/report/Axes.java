package dev.fleetsim.report;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.chart.axis.TickUnits;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * Small static factories for the axes every chart shares: time in the unit that fits the span,
 * counts with whole-number ticks, money, percentages, and durations on a log scale labelled
 * as durations.
 */
public final class Axes {
    private static final DecimalFormatSymbols ROOT = DecimalFormatSymbols.getInstance(Locale.ROOT);

    private Axes() {
    }

    /** A time axis in {@code scale}'s unit, labelled {@code "what (h)"}; data must be divided by {@link TimeScale#seconds()}. */
    public static NumberAxis time(String what, TimeScale scale) {
        NumberAxis axis = new NumberAxis(what + " (" + scale.unit() + ")");
        axis.setAutoRangeIncludesZero(true);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.##", ROOT));
        return axis;
    }

    /** A count axis (GPUs, jobs): from 0, ticks at whole numbers only, thousands separated. */
    public static NumberAxis count(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(true);
        axis.setStandardTickUnits(integerTicks());
        axis.setNumberFormatOverride(new DecimalFormat("#,##0", ROOT));
        return axis;
    }

    /** A money axis from 0: {@code $12,000}. */
    public static NumberAxis usd(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(true);
        axis.setNumberFormatOverride(new DecimalFormat("$#,##0", ROOT));
        return axis;
    }

    /** A percentage axis for values in percent, from 0 to {@code top}. */
    public static NumberAxis percent(String label, double top) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(0, top);
        axis.setTickUnit(new NumberTickUnit(top > 50 ? 10 : 5));
        axis.setNumberFormatOverride(new DecimalFormat("#,##0'%'", ROOT));
        return axis;
    }

    /** A plain number axis that need not include zero (a slowdown, an index). */
    public static NumberAxis number(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        axis.setNumberFormatOverride(numberFormat());
        return axis;
    }

    /** A log axis of seconds from {@code minS} to {@code maxS}, ticks at 1 s, 10 s, 1 min, ... labelled as durations. */
    public static DurationLogAxis durationLog(String label, double minS, double maxS) {
        return new DurationLogAxis(label, minS, maxS);
    }

    static NumberFormat numberFormat() {
        return new DecimalFormat("#,##0.###", ROOT);
    }

    /** Whole-number tick sizes 1, 2, 5, 10, ... (never a tick at 0.5 jobs). */
    static TickUnitSource integerTicks() {
        TickUnits units = new TickUnits();
        NumberFormat f = new DecimalFormat("#,##0", ROOT);
        for (long magnitude = 1; magnitude <= 1_000_000_000L; magnitude *= 10) {
            units.add(new NumberTickUnit(magnitude, f));
            units.add(new NumberTickUnit(2 * magnitude, f));
            units.add(new NumberTickUnit(5 * magnitude, f));
        }
        return units;
    }
}
