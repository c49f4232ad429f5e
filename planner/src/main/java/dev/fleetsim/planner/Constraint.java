package dev.fleetsim.planner;

import dev.fleetsim.engine.metrics.RunSummary;

import java.util.Locale;

/**
 * One constraint of a plan: a metric of a run (or of the fleet's monthly cost) bounded above
 * or below. Time metrics are over the jobs that started or finished; every run is taken to the
 * end of its last job (no horizon), so none is censored.
 */
public record Constraint(Metric metric, double limit) {

    /** What a constraint bounds; {@code key} is the plan file's name. */
    public enum Metric {
        P95_WAIT("p95Wait", "p95 wait", true, true),
        MEAN_WAIT("meanWait", "mean wait", true, true),
        P95_JCT("p95Jct", "p95 JCT", true, true),
        MEAN_JCT("meanJct", "mean JCT", true, true),
        GOODPUT("minGoodput", "goodput", false, false),
        BUDGET("budget", "cost per month", true, false);

        final String key;
        final String label;
        final boolean upper;
        final boolean time;

        Metric(String key, String label, boolean upper, boolean time) {
            this.key = key;
            this.label = label;
            this.upper = upper;
            this.time = time;
        }

        public String key() {
            return key;
        }

        public String label() {
            return label;
        }

        /** The metric of one run (seconds for times, USD per month for the budget). */
        public double of(RunSummary s, double costPerMonth) {
            switch (this) {
                case P95_WAIT:
                    return s.times().waitS().p95();
                case MEAN_WAIT:
                    return s.times().waitS().mean();
                case P95_JCT:
                    return s.times().jctS().p95();
                case MEAN_JCT:
                    return s.times().jctS().mean();
                case GOODPUT:
                    return s.reliability().goodput() == null ? 1 : s.reliability().goodput();
                default:
                    return costPerMonth;
            }
        }

        /** Whether it can be met by adding nodes (the budget cannot). */
        public boolean improvesWithNodes() {
            return this != BUDGET;
        }
    }

    public boolean met(double value) {
        return metric.upper ? value <= limit : value >= limit;
    }

    /** How far inside the limit, as a fraction of it: positive when met. */
    public double margin(double value) {
        return metric.upper ? (limit - value) / limit : (value - limit) / limit;
    }

    public String format(double value) {
        if (metric.time) {
            return value >= 7200 ? String.format(Locale.ROOT, "%.2f h", value / 3600)
                    : String.format(Locale.ROOT, "%.1f min", value / 60);
        }
        if (metric == Metric.BUDGET) {
            return String.format(Locale.ROOT, "%,.0f USD", value);
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }

    public String describe() {
        return metric.label + (metric.upper ? " ≤ " : " ≥ ") + format(limit);
    }
}
