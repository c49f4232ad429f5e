package dev.fleetsim.report;

import java.util.List;

/**
 * A fit chart described without a chart library, so that a module that fits curves to
 * measurements (calibration) can say what to draw and {@link FitCharts} draws it: measured
 * points, fitted curves, the fit's values at the measured points, rejected points, and
 * horizontal reference lines (a datasheet peak).
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
public record FitChart(String file, String title, String xLabel, String yLabel, boolean logX, boolean logY,
                        List<Series> series, List<Line> lines) {

    public FitChart {
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
