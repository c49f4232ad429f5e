package dev.fleetsim.report;

import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal log axis of seconds whose ticks are durations people read at a glance — 1 s,
 * 10 s, 1 min, 10 min, 1 h, 10 h, 1 d, 1 w, 30 d, 1 y — instead of powers of ten of seconds.
 * The range is fixed at construction (never zero-length: a sample with every value at the left
 * edge still gets a decade), so the axis never depends on the data's auto-range.
 */
public final class DurationLogAxis extends LogAxis {
    private static final long serialVersionUID = 1L;
    /** Tick positions in seconds and their labels. */
    static final double[] TICKS_S = {1, 10, 60, 600, 3_600, 36_000, 86_400, 604_800, 2_592_000, 31_536_000};
    static final String[] LABELS = {"1 s", "10 s", "1 min", "10 min", "1 h", "10 h", "1 d", "1 w", "30 d", "1 y"};

    DurationLogAxis(String label, double minS, double maxS) {
        super(label);
        double low = Math.max(1, Double.isFinite(minS) ? minS : 1);
        double high = Math.max(low * 10, Double.isFinite(maxS) ? maxS : low * 10);
        setSmallestValue(low);
        setRange(low, high * 1.15);
    }

    @Override
    protected List<NumberTick> refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        List<NumberTick> ticks = new ArrayList<>();
        for (NumberTick t : ticks(getLowerBound(), getUpperBound())) {
            ticks.add(new NumberTick(TickType.MAJOR, t.getValue(), t.getText(), TextAnchor.TOP_CENTER, TextAnchor.CENTER, 0));
        }
        return ticks;
    }

    /** The duration ticks inside {@code [low, high]} seconds. */
    static List<NumberTick> ticks(double low, double high) {
        List<NumberTick> out = new ArrayList<>();
        for (int i = 0; i < TICKS_S.length; i++) {
            if (TICKS_S[i] >= low * (1 - 1e-9) && TICKS_S[i] <= high * (1 + 1e-9)) {
                out.add(new NumberTick(TickType.MAJOR, TICKS_S[i], LABELS[i], TextAnchor.TOP_CENTER, TextAnchor.CENTER, 0));
            }
        }
        return out;
    }
}
