package dev.fleetsim.desktop.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import java.util.List;

/**
 * The one look of the app's charts: a white plot with light grid lines, the category palette
 * of matplotlib's tab10 (readable on white, told apart by most colour-blind readers in pairs),
 * sans-serif titles, and a load scale from green through amber to red. Every factory applies it.
 */
public final class ChartTheme {
    public static final List<Color> PALETTE = List.of(new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf));
    public static final Color GRID = new Color(0xdddddd);
    public static final Color INK = new Color(0x333333);
    public static final Color MUTED = new Color(0x888888);
    public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    public static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    public static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    public static final Stroke LINE = new BasicStroke(1.8f);

    private ChartTheme() {
    }

    public static Color colour(int i) {
        return PALETTE.get(Math.floorMod(i, PALETTE.size()));
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

    /** A chart in the theme: title, optional subtitle, white background, light grid. */
    public static JFreeChart chart(String title, String subtitle, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(6, 6, 6, 10));
        if (subtitle != null && !subtitle.isEmpty()) {
            TextTitle sub = new TextTitle(subtitle, SUBTITLE);
            sub.setPaint(MUTED);
            chart.addSubtitle(sub);
        }
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setItemFont(LABEL);
            l.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(GRID);
        if (plot instanceof XYPlot) {
            XYPlot p = (XYPlot) plot;
            p.setDomainGridlinePaint(GRID);
            p.setRangeGridlinePaint(GRID);
            label(p.getDomainAxis());
            for (int i = 0; i < p.getRangeAxisCount(); i++) {
                label(p.getRangeAxis(i));
            }
        } else if (plot instanceof CategoryPlot) {
            CategoryPlot p = (CategoryPlot) plot;
            p.setRangeGridlinePaint(GRID);
            label(p.getDomainAxis());
            label(p.getRangeAxis());
        }
        return chart;
    }

    private static void label(org.jfree.chart.axis.Axis axis) {
        if (axis != null) {
            axis.setLabelFont(LABEL);
            axis.setTickLabelFont(LABEL);
            axis.setLabelPaint(INK);
            axis.setTickLabelPaint(INK);
        }
    }

    public static Paint[] palette() {
        return PALETTE.toArray(new Paint[0]);
    }
}
