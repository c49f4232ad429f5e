package dev.fleetsim.desktop.chart;

import dev.fleetsim.report.ChartTheme;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;

/**
 * The desktop's charts in the report module's {@link ChartTheme} (the one look of every chart,
 * the results folders' PNGs included), at the sizes of a window rather than of a file, plus the
 * two colour scales only the desktop draws: link and node load (topology) and share (heatmap).
 */
public final class Look {
    /** The report's theme with fonts a notch smaller for panes of a window; PNG/SVG export size 1200 × 700. */
    public static final ChartTheme THEME = new ChartTheme(1200, 700, new Font(Font.SANS_SERIF, Font.BOLD, 15),
            new Font(Font.SANS_SERIF, Font.PLAIN, 12), new Font(Font.SANS_SERIF, Font.PLAIN, 12),
            new Font(Font.SANS_SERIF, Font.PLAIN, 11), new Font(Font.SANS_SERIF, Font.PLAIN, 11),
            ChartTheme.DEFAULT.palette(), ChartTheme.DEFAULT.background(), ChartTheme.DEFAULT.gridlines(),
            ChartTheme.DEFAULT.text(), ChartTheme.DEFAULT.lineWidth());
    public static final Font LABEL = THEME.tickLabel();
    public static final Color INK = THEME.text();
    public static final Color GRID = THEME.gridlines();

    private Look() {
    }

    public static Color colour(int i) {
        return THEME.colour(i);
    }

    public static Stroke line() {
        return THEME.line();
    }

    /** A chart in the theme: title, optional subtitle, legend when asked. */
    public static JFreeChart chart(String title, String subtitle, Plot plot, boolean legend) {
        return THEME.chart(title, subtitle, plot, legend);
    }

    /** A link or node load in [0, 1] as a colour: grey when idle, then green, amber, red. */
    public static Color load(double utilisation) {
        if (!(utilisation > 0.001)) {
            return new Color(0xbbbbbb);
        }
        double u = Math.min(1, utilisation);
        Color[] stops = {new Color(0x2ca02c), new Color(0xf0b400), new Color(0xd62728)};
        double x = u * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) x);
        return mix(stops[i], stops[i + 1], x - i);
    }

    /** A share in [0, 1] on the heatmap's scale: white to a deep blue. */
    public static Color share(double v) {
        return mix(Color.WHITE, new Color(0x08306b), Math.max(0, Math.min(1, v)));
    }

    static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }
}
