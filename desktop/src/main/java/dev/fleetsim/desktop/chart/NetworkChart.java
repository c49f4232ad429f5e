package dev.fleetsim.desktop.chart;

import dev.fleetsim.engine.NetworkMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The network drawn by tiers: nodes at the bottom, leaves, spines and super-spines above, a
 * line per cable bundle between them. With link loads, each line is coloured by the busiest of
 * its directed links (grey idle, green, amber, red at capacity) and each node by its busiest
 * internal link; without, lines are grey and only the shape shows (the editor's preview).
 */
public final class NetworkChart {
    private static final int LABEL_LIMIT = 48;

    private NetworkChart() {
    }

    /**
     * @param utilisation by link id, in [0, 1]; null for a preview without loads
     */
    public static JFreeChart topology(String title, String subtitle, NetworkMap map, double[] utilisation) {
        List<NetworkMap.Vertex> vertices = map.vertices();
        double[] x = new double[vertices.size()];
        double[] y = new double[vertices.size()];
        int nodes = map.tier(NetworkMap.Tier.NODE).size();
        double width = Math.max(1, nodes - 1);
        int tiers = 0;
        for (NetworkMap.Tier tier : NetworkMap.Tier.values()) {
            List<NetworkMap.Vertex> of = map.tier(tier);
            if (of.isEmpty()) {
                continue;
            }
            place(map, of, tier, x, width);
            for (NetworkMap.Vertex v : of) {
                y[v.id()] = tiers;
            }
            tiers++;
        }
        XYPlot plot = new XYPlot(new XYSeriesCollection(), axis(-0.8, width + 0.8), axis(-0.6, Math.max(1, tiers) - 0.4),
                new XYLineAndShapeRenderer(false, false));
        for (NetworkMap.Edge e : map.edges()) {
            double u = utilisation == null ? 0 : busiest(e.links(), utilisation);
            Color c = utilisation == null ? new Color(0x999999) : Look.load(u);
            float w = e.kind().equals("NIC_LEAF") ? 1.2f : 2.2f;
            plot.addAnnotation(new XYLineAnnotation(x[e.from()], y[e.from()], x[e.to()], y[e.to()], new BasicStroke(w), c));
        }
        double boxW = Math.min(0.8, Math.max(0.25, width / Math.max(1, nodes) * 0.8));
        for (NetworkMap.Vertex v : vertices) {
            boolean node = v.tier() == NetworkMap.Tier.NODE;
            double bw = node ? boxW : boxW * 1.3;
            Rectangle2D box = new Rectangle2D.Double(x[v.id()] - bw / 2, y[v.id()] - 0.09, bw, 0.18);
            Color fill = node ? (utilisation == null ? new Color(0xdfe9f5) : Look.load(busiest(v.internalLinks(), utilisation)))
                    : new Color(0x4a5568);
            plot.addAnnotation(new XYShapeAnnotation(box, new BasicStroke(0.6f), Look.INK, fill));
            int ofTier = map.tier(v.tier()).size();
            if (ofTier <= LABEL_LIMIT) {
                XYTextAnnotation label = new XYTextAnnotation(node ? "n" + v.index() : v.name(), x[v.id()],
                        y[v.id()] + (node ? -0.17 : 0.17));
                label.setFont(Look.LABEL);
                label.setPaint(Look.INK);
                label.setTextAnchor(node ? TextAnchor.TOP_CENTER : TextAnchor.BOTTOM_CENTER);
                plot.addAnnotation(label);
            }
        }
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(false);
        JFreeChart chart = Look.chart(title, subtitle, plot, false);
        if (utilisation != null) {
            NumberAxis legendAxis = new NumberAxis("busiest link's utilisation");
            legendAxis.setRange(0, 1);
            legendAxis.setTickLabelFont(Look.LABEL);
            legendAxis.setLabelFont(Look.LABEL);
            PaintScaleLegend legend = new PaintScaleLegend(new LoadScale(), legendAxis);
            legend.setPosition(RectangleEdge.RIGHT);
            legend.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
            legend.setStripWidth(14);
            legend.setMargin(4, 8, 4, 4);
            chart.addSubtitle(legend);
        }
        return chart;
    }

    /** Nodes evenly in order; switches of a tier in the order of the mean position of what hangs below them. */
    private static void place(NetworkMap map, List<NetworkMap.Vertex> tier, NetworkMap.Tier kind, double[] x, double width) {
        int n = tier.size();
        if (kind == NetworkMap.Tier.NODE) {
            for (NetworkMap.Vertex v : tier) {
                x[v.id()] = v.index();
            }
            return;
        }
        double[] mean = new double[map.vertices().size()];
        int[] count = new int[map.vertices().size()];
        for (NetworkMap.Edge e : map.edges()) {
            if (map.vertices().get(e.to()).tier() == kind) {
                mean[e.to()] += x[e.from()];
                count[e.to()]++;
            }
        }
        List<NetworkMap.Vertex> order = new ArrayList<>(tier);
        order.sort(Comparator.<NetworkMap.Vertex>comparingDouble(v -> count[v.id()] == 0 ? 0 : mean[v.id()] / count[v.id()])
                .thenComparingInt(NetworkMap.Vertex::index));
        for (int i = 0; i < n; i++) {
            x[order.get(i).id()] = n == 1 ? width / 2 : width * (i + 0.5) / n;
        }
    }

    private static double busiest(int[] links, double[] utilisation) {
        double max = 0;
        for (int l : links) {
            if (l < utilisation.length) {
                max = Math.max(max, utilisation[l]);
            }
        }
        return max;
    }

    private static NumberAxis axis(double lo, double hi) {
        NumberAxis a = new NumberAxis();
        a.setRange(lo, hi);
        a.setVisible(false);
        return a;
    }

    /** The load colours as a scale, for the legend. */
    private static final class LoadScale implements PaintScale {
        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            return Look.load(Math.max(0.002, value));
        }
    }
}
