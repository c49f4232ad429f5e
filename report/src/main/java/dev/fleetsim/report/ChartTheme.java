package dev.fleetsim.report;

import dev.fleetsim.engine.metrics.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.util.List;

/**
 * The one place that decides how every chart looks: size, fonts, the series palette, strokes,
 * background and grid. Every factory of this module builds its charts through {@link #chart}
 * and {@link #lineRenderer}, so a front end that wants another look (the desktop app's dark
 * mode, a larger export) makes another theme and changes nothing else.
 *
 * @param widthPx PNG width
 * @param heightPx PNG height
 * @param palette series colours in order (the first is the primary series)
 * @param lineWidth width of a data line in pixels
 */
public record ChartTheme(int widthPx, int heightPx, Font title, Font subtitle, Font axisLabel, Font tickLabel,
                         Font legend, List<Color> palette, Color background, Color gridlines, Color text,
                         float lineWidth) {

    /** Matplotlib's "tab10" colours: distinct, colour-blind tolerant, familiar to the field. */
    static final List<Color> TAB10 = List.of(new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf));

    /** The theme of the PNGs in results folders. */
    public static final ChartTheme DEFAULT = new ChartTheme(1000, 480, new Font(Font.SANS_SERIF, Font.BOLD, 16),
            new Font(Font.SANS_SERIF, Font.PLAIN, 12), new Font(Font.SANS_SERIF, Font.PLAIN, 13),
            new Font(Font.SANS_SERIF, Font.PLAIN, 11), new Font(Font.SANS_SERIF, Font.PLAIN, 12), TAB10, Color.WHITE,
            new Color(0xdddddd), new Color(0x333333), 1.8f);

    public ChartTheme {
        palette = List.copyOf(palette);
        if (palette.isEmpty() || widthPx <= 0 || heightPx <= 0) {
            throw new IllegalArgumentException("a theme needs a palette and a positive size");
        }
    }

    /** The colour of series {@code i}; the palette repeats past its end. */
    public Color colour(int i) {
        return palette.get(Math.floorMod(i, palette.size()));
    }

    /** The stroke of a data line. */
    public Stroke line() {
        return new BasicStroke(lineWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** The stroke of a secondary line (a bound, a reference level). */
    public Stroke dashed() {
        return new BasicStroke(lineWidth * 0.75f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {6f, 4f}, 0f);
    }

    /** Lines without markers, series {@code i} in {@link #colour(int)}. */
    public XYLineAndShapeRenderer lineRenderer(int series) {
        return styled(new XYLineAndShapeRenderer(true, false), series);
    }

    /** Lines with a marker at each point, for a handful of measured points (a sweep's axis values). */
    public XYLineAndShapeRenderer pointRenderer(int series) {
        return styled(new XYLineAndShapeRenderer(true, true), series);
    }

    /** {@code renderer} with series {@code i} in {@link #colour(int)} and the data-line stroke. */
    public <R extends XYLineAndShapeRenderer> R styled(R renderer, int series) {
        for (int i = 0; i < series; i++) {
            renderer.setSeriesPaint(i, colour(i));
            renderer.setSeriesStroke(i, line());
        }
        return renderer;
    }

    /** A chart of {@code plot} with the title, an optional subtitle and a legend when there is more than one series. */
    public JFreeChart chart(String titleText, String subtitleText, Plot plot, boolean withLegend) {
        JFreeChart chart = new JFreeChart(titleText, title, plot, withLegend);
        chart.setBackgroundPaint(background);
        chart.getTitle().setPaint(text);
        if (subtitleText != null && !subtitleText.isEmpty()) {
            TextTitle sub = new TextTitle(subtitleText, subtitle);
            sub.setPaint(text);
            chart.addSubtitle(sub);
        }
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setItemFont(legend);
            l.setItemPaint(text);
            l.setBackgroundPaint(background);
            l.setFrame(BlockBorder.NONE);
        }
        style(plot);
        return chart;
    }

    private void style(Plot plot) {
        plot.setBackgroundPaint(background);
        plot.setOutlineVisible(false);
        if (plot instanceof XYPlot) {
            XYPlot xy = (XYPlot) plot;
            xy.setDomainGridlinePaint(gridlines);
            xy.setRangeGridlinePaint(gridlines);
            style(xy.getDomainAxis());
            style(xy.getRangeAxis());
        } else if (plot instanceof CategoryPlot) {
            CategoryPlot c = (CategoryPlot) plot;
            c.setRangeGridlinePaint(gridlines);
            style(c.getDomainAxis());
            style(c.getRangeAxis());
        }
    }

    private void style(Axis axis) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(axisLabel);
        axis.setTickLabelFont(tickLabel);
        axis.setLabelPaint(text);
        axis.setTickLabelPaint(text);
    }

    /** The chart as a PNG of this theme's size, for a results folder. */
    public AtomicFiles.Content png(JFreeChart chart) {
        return out -> ChartUtils.writeChartAsPNG(out, chart, widthPx, heightPx);
    }
}
