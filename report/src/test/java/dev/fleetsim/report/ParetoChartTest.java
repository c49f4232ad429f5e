package dev.fleetsim.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cost–SLO chart keeps the front near a time limit readable when undersized fleets wait for days. */
class ParetoChartTest {

    private static final double HOUR_S = 3600;

    @Test
    void pointsFarAboveATimeLimitAreLeftOutOfTheRangeAndCounted() {
        Map<String, List<ParetoChart.Point>> byChoice = new LinkedHashMap<>();
        byChoice.put("a", List.of(new ParetoChart.Point(100_000, 2.2 * 24 * HOUR_S), new ParetoChart.Point(150_000, 2 * HOUR_S),
                new ParetoChart.Point(200_000, 0.5 * HOUR_S)));
        byChoice.put("b", List.of(new ParetoChart.Point(120_000, 2.0 * 24 * HOUR_S), new ParetoChart.Point(300_000, 0)));
        List<ParetoChart.Point> front = List.of(new ParetoChart.Point(150_000, 2 * HOUR_S),
                new ParetoChart.Point(200_000, 0.5 * HOUR_S));
        JFreeChart chart = ParetoChart.of(ChartTheme.DEFAULT, "t", "s", "p95 wait", true, byChoice, front, front.get(1), HOUR_S);
        ValueAxis y = ((XYPlot) chart.getPlot()).getRangeAxis();
        // the range stops at 4 x the 1-h limit (the front's highest point is 2 h), plus 8 % headroom, in hours
        assertEquals(4 * 1.08, y.getUpperBound(), 1e-9);
        assertTrue(y.getLabel().contains("(h)"), y.getLabel());
        String subtitle = subtitle(chart);
        assertTrue(subtitle.contains("2 higher, not drawn"), subtitle);
    }

    @Test
    void withEveryPointNearTheLimitTheRangeIsAutomatic() {
        Map<String, List<ParetoChart.Point>> byChoice = Map.of("a",
                List.of(new ParetoChart.Point(100_000, 3 * HOUR_S), new ParetoChart.Point(200_000, 0.2 * HOUR_S)));
        JFreeChart chart = ParetoChart.of(ChartTheme.DEFAULT, "t", "s", "p95 wait", true, byChoice, List.of(), null, HOUR_S);
        String subtitle = subtitle(chart);
        assertEquals("s", subtitle);
        assertTrue(((XYPlot) chart.getPlot()).getRangeAxis().isAutoRange());
    }

    private static String subtitle(JFreeChart chart) {
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof TextTitle) {
                return ((TextTitle) chart.getSubtitle(i)).getText();
            }
        }
        throw new AssertionError("no subtitle");
    }
}
