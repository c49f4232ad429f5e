package dev.fleetsim.calibration.report;

import java.util.List;

/**
 * A chart described without a chart library: the report module (or the CLI's renderer) draws
 * it. Series are measured points, fitted curves, or rejected points; reference lines are
 * horizontal (a datasheet peak).
 *
 * @param file PNG file name
 * @param title chart title
 * @param xLabel x axis label
 * @param yLabel y axis label
 * @param logX logarithmic x axis
 * @param logY logarithmic y axis
 * @param series the data
 * @param lines horizontal reference lines
 */
public record ChartSpec(String file, String title, String xLabel, String yLabel, boolean logX, boolean logY,
                        List<Series> series, List<Line> lines) {

    public ChartSpec {
        series = List.copyOf(series);
        lines = List.copyOf(lines);
    }

    /** How a series is drawn. */
    public enum Kind {
        /** measured points (filled markers) */
        MEASURED,
        /** the fitted curve (a line) */
        FITTED,
        /** the fit's values at measured points (hollow markers) */
        FITTED_POINTS,
        /** measurements the fit rejected (crosses) */
        REJECTED
    }

    /**
     * One series.
     *
     * @param name legend entry
     * @param kind how it is drawn
     * @param group series of one group (an op, a head dim) share a colour
     * @param x x values
     * @param y y values
     */
    public record Series(String name, Kind kind, int group, double[] x, double[] y) {
    }

    /**
     * A horizontal reference line.
     *
     * @param label legend entry
     * @param y where
     */
    public record Line(String label, double y) {
    }
}
