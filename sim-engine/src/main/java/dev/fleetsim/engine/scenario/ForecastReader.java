package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.scenario.WorkloadKeys.RatePoint;
import dev.fleetsim.engine.workload.RateGrowth;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a generator's forecast: an exponential {@code growth} or a {@code rateCurve}, not both,
 * the curve starting at 0 s with its points in time order.
 */
final class ForecastReader {

    private ForecastReader() {
    }

    /** The forecast under {@code c}; {@link RateGrowth#NONE} when neither key is given; null on a problem (reported). */
    static RateGrowth read(Cursor c, Key<?, RateGrowth> growthKey, Key<?, List<RateGrowth.Point>> curveKey) {
        int mark = c.mark();
        RateGrowth growth = growthKey.read(c);
        Cursor curveAt = curveKey.at(c);
        List<RateGrowth.Point> curve = curveAt.present() ? readCurve(curveAt, curveKey.type().allowed()) : null;
        if (growth != null && curveAt.present()) {
            curveAt.problem(curveAt.found(), "no rateCurve beside growth: give one forecast, a growth or a curve");
        }
        if (!c.cleanSince(mark)) {
            return null;
        }
        if (curve != null) {
            return RateGrowth.curve(curve);
        }
        return growth == null ? RateGrowth.NONE : growth;
    }

    private static List<RateGrowth.Point> readCurve(Cursor c, String allowed) {
        int mark = c.mark();
        List<Cursor> items = c.list(allowed);
        if (items.isEmpty() && c.node().isArray()) {
            c.problem("an empty list", "at least one point, the first at 0 s");
        }
        List<RateGrowth.Point> points = new ArrayList<>();
        Long previous = null;
        for (int i = 0; i < items.size(); i++) {
            Cursor item = items.get(i);
            if (!item.map(RatePoint.SECTION)) {
                continue;
            }
            Long at = RatePoint.AT.read(item);
            Double rate = RatePoint.RATE.read(item);
            if (at != null && i == 0 && at != 0) {
                Cursor a = RatePoint.AT.at(item);
                a.problem(a.found(), "0 s: the curve starts at the generator's start");
            } else if (at != null && previous != null && at <= previous) {
                Cursor a = RatePoint.AT.at(item);
                a.problem(a.found(), "a time after the previous point's");
            }
            if (at != null) {
                previous = at;
            }
            if (at != null && rate != null) {
                points.add(new RateGrowth.Point(at, rate));
            }
        }
        return c.cleanSince(mark) ? points : null;
    }
}
