package dev.fleetsim.desktop.chart;

import dev.fleetsim.engine.metrics.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;

/** A chart written to a file, headless: PNG through JFreeChart, SVG through JFreeSVG; each file atomically. */
public final class ChartFiles {
    public static final int WIDTH = Look.THEME.widthPx();
    public static final int HEIGHT = Look.THEME.heightPx();

    private ChartFiles() {
    }

    public static void png(JFreeChart chart, Path file, int width, int height) throws IOException {
        AtomicFiles.write(file.toAbsolutePath(), out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

    public static void svg(JFreeChart chart, Path file, int width, int height) throws IOException {
        AtomicFiles.writeString(file.toAbsolutePath(), svg(chart, width, height));
    }

    /** The chart as an SVG document. */
    public static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        chart.draw(g2, new Rectangle(0, 0, width, height));
        return g2.getSVGDocument();
    }

    /** PNG or SVG by the file's extension ({@code .svg}: SVG, anything else: PNG). */
    public static void write(JFreeChart chart, Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".svg")) {
            svg(chart, file, WIDTH, HEIGHT);
        } else {
            png(chart, file, WIDTH, HEIGHT);
        }
    }
}
