package dev.fleetsim.report;

import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CDF lines: monotone, right at their points, fine in a thin tail; the zoomed fraction axis. */
class CompareChartsTest {

    @Test
    void aThinTailGetsPointsAndEveryPointIsTheEmpiricalCdf() {
        // 97 % of waits are 0, 3 % spread from 10 s to 100,000 s
        double[] waits = new double[10_000];
        for (int i = 0; i < 300; i++) {
            waits[9_700 + i] = Math.pow(10, 1 + 4.0 * i / 299);
        }
        XYSeries s = CompareCharts.series("fifo", waits);
        int inTail = 0;
        double lastX = 0;
        double lastY = 0;
        for (int i = 0; i < s.getItemCount(); i++) {
            double x = s.getX(i).doubleValue();
            double y = s.getY(i).doubleValue();
            assertTrue(x >= lastX && y >= lastY, "monotone at point " + i);
            int atOrBelow = 0;
            for (double w : waits) {
                atOrBelow += Math.max(1.0, w) <= x ? 1 : 0;
            }
            // a point at x never claims more than the share at or under x
            assertTrue(y <= atOrBelow / 10_000.0 + 1e-12, "point " + i + " at " + x);
            inTail += x > 10 ? 1 : 0;
            lastX = x;
            lastY = y;
        }
        assertTrue(inTail > 300, "the tail is drawn finely: " + inTail + " points");
        assertEquals(1.0, lastY, 1e-12);
    }

    @Test
    void theFractionAxisStartsNearTheLowestLeftEdgeShare() {
        assertEquals(0.0, CompareCharts.yAxisStart(0.3));
        assertEquals(0.75, CompareCharts.yAxisStart(0.778), 1e-12);
        assertEquals(0.95, CompareCharts.yAxisStart(0.95), 1e-12);
        assertEquals(0.75, CompareCharts.atMostOneSecond(new double[] {0, 0.5, 1, 2}), 1e-12);
    }
}
