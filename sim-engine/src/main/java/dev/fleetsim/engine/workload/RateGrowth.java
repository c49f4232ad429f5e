package dev.fleetsim.engine.workload;

import java.util.List;

/**
 * How a generator's arrival rate (or a mix entry's weight, or a trace's mean job size) changes
 * over time, as a multiplier {@code m(t)} of its value at the generator's start: none,
 * exponential ({@code growth: 40 % per quarter}: {@code m(t) = 1.4^(t / quarter)}), or a
 * piecewise-linear curve through given points, constant after the last one
 * ({@code rateCurve}). Arrivals follow the non-homogeneous Poisson process of rate
 * {@code λ m(t)} by time rescaling: a unit-rate gap {@code e} after operational time {@code u}
 * lands at the real time {@code t} with {@code Λ(t) = u + e}, {@code Λ(t) = ∫ m}, so each job
 * still costs one exponential draw and no growth gives exactly the draws it gave before.
 *
 * @param percentPerPeriod exponential growth: the change after one period in percent (40 = ×1.4,
 *                         −10 = ×0.9); 0 for a curve or none
 * @param periodNs the period of {@code percentPerPeriod} (0 for a curve or none)
 * @param curve the points of a curve in time order, the first at 0 s; empty for none or exponential
 */
public record RateGrowth(double percentPerPeriod, long periodNs, List<Point> curve) {

    /** No change over time. */
    public static final RateGrowth NONE = new RateGrowth(0, 0, List.of());

    /** The average year (365.25 d), and the periods {@code growth} names: a quarter and a month of it. */
    public static final long YEAR_NS = 31_557_600_000_000_000L;
    public static final long QUARTER_NS = YEAR_NS / 4;
    public static final long MONTH_NS = YEAR_NS / 12;

    /**
     * One point of a rate curve: {@code atNs} after the generator's start the multiplier is
     * {@code multiplier}, linear in between.
     */
    public record Point(long atNs, double multiplier) {
        public Point {
            if (atNs < 0 || !(multiplier >= 0) || !Double.isFinite(multiplier)) {
                throw new IllegalArgumentException("a rate curve point needs a time ≥ 0 and a multiplier ≥ 0");
            }
        }

        double atS() {
            return atNs / 1e9;
        }
    }

    public RateGrowth {
        curve = List.copyOf(curve);
        if (!(percentPerPeriod > -100) || !Double.isFinite(percentPerPeriod) || periodNs < 0) {
            throw new IllegalArgumentException("growth needs a change above -100 % and a period ≥ 0");
        }
        if (!curve.isEmpty()) {
            if (curve.get(0).atNs() != 0) {
                throw new IllegalArgumentException("a rate curve starts at 0 s");
            }
            for (int i = 1; i < curve.size(); i++) {
                if (curve.get(i).atNs() <= curve.get(i - 1).atNs()) {
                    throw new IllegalArgumentException("rate curve points must be in increasing time order");
                }
            }
        }
    }

    /** {@code percent} per {@code periodNs} (40, a quarter: +40 % a quarter). */
    public static RateGrowth exponential(double percent, long periodNs) {
        if (periodNs <= 0) {
            throw new IllegalArgumentException("growth needs a period > 0");
        }
        return percent == 0 ? NONE : new RateGrowth(percent, periodNs, List.of());
    }

    /** The multiplier after one period (1.4 for +40 %). */
    public double factorPerPeriod() {
        return 1 + percentPerPeriod / 100;
    }

    private double periodS() {
        return periodNs / 1e9;
    }

    public static RateGrowth curve(List<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a rate curve needs at least one point");
        }
        return new RateGrowth(0, 0, points);
    }

    public boolean none() {
        return curve.isEmpty() && (periodNs == 0 || percentPerPeriod == 0);
    }

    public boolean isCurve() {
        return !curve.isEmpty();
    }

    /** The multiplier {@code sinceStartS} seconds after the generator's start. */
    public double multiplierAt(double sinceStartS) {
        if (none()) {
            return 1;
        }
        if (!isCurve()) {
            return Math.pow(factorPerPeriod(), sinceStartS / periodS());
        }
        Point last = curve.get(curve.size() - 1);
        if (sinceStartS >= last.atS()) {
            return last.multiplier();
        }
        for (int i = 1; i < curve.size(); i++) {
            Point b = curve.get(i);
            if (sinceStartS < b.atS()) {
                Point a = curve.get(i - 1);
                return a.multiplier() + (b.multiplier() - a.multiplier()) * (sinceStartS - a.atS()) / (b.atS() - a.atS());
            }
        }
        return last.multiplier();
    }

    /** {@code Λ(t) = ∫0^t m(s) ds}: the expected arrivals by {@code sinceStartS} at a base rate of one per second. */
    public double cumulative(double sinceStartS) {
        if (none()) {
            return sinceStartS;
        }
        if (!isCurve()) {
            double k = Math.log1p(percentPerPeriod / 100) / periodS();
            return Math.expm1(k * sinceStartS) / k;
        }
        double sum = 0;
        for (int i = 0; i < curve.size(); i++) {
            Point a = curve.get(i);
            if (sinceStartS <= a.atS()) {
                break;
            }
            double end = i + 1 < curve.size() ? Math.min(sinceStartS, curve.get(i + 1).atS()) : sinceStartS;
            double ma = a.multiplier();
            double mb = multiplierAt(end);
            sum += (ma + mb) / 2 * (end - a.atS());
        }
        return sum;
    }

    /**
     * The real time (seconds since the start) at which the cumulative multiplier reaches
     * {@code operationalS}: the inverse of {@link #cumulative}; infinite when the rate dies out
     * before (a shrinking exponential's total is bounded, a curve may end at zero).
     */
    public double realTime(double operationalS) {
        if (none()) {
            return operationalS;
        }
        if (!isCurve()) {
            double k = Math.log1p(percentPerPeriod / 100) / periodS();
            double x = k * operationalS;
            return x <= -1 ? Double.POSITIVE_INFINITY : Math.log1p(x) / k;
        }
        double left = operationalS;
        for (int i = 0; i < curve.size(); i++) {
            Point a = curve.get(i);
            double ma = a.multiplier();
            if (left <= 0) {
                return a.atS();
            }
            if (i + 1 == curve.size()) {
                return ma > 0 ? a.atS() + left / ma : Double.POSITIVE_INFINITY;
            }
            Point b = curve.get(i + 1);
            double width = b.atS() - a.atS();
            double area = (ma + b.multiplier()) / 2 * width;
            if (left <= area) {
                double slope = (b.multiplier() - ma) / width;
                if (Math.abs(slope) < 1e-300) {
                    return a.atS() + left / ma;
                }
                // ma τ + slope τ² / 2 = left, the root in [0, width]; written to stay exact when slope is small.
                double disc = ma * ma + 2 * slope * left;
                double tau = 2 * left / (ma + Math.sqrt(Math.max(0, disc)));
                return a.atS() + Math.min(width, tau);
            }
            left -= area;
        }
        return Double.POSITIVE_INFINITY;
    }
}
