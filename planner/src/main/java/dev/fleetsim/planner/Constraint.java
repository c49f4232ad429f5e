package dev.fleetsim.planner;

import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.metrics.ServiceSummary;

import java.util.Locale;

/**
 * One constraint of a plan: a metric of a run (or of the fleet's monthly cost) bounded above
 * or below. Time metrics are over the jobs that started or finished; every run is taken to the
 * end of its last job (no horizon), so none is censored. A serving SLO-attainment constraint
 * bounds one named service, or, with {@code service} empty, every service (its value is the
 * worst service's attainment).
 *
 * @param service the inference deployment an SLO-attainment constraint is about; empty: every one
 */
public record Constraint(Metric metric, double limit, String service) {

    public Constraint {
        service = service == null ? "" : service;
    }

    /** A constraint on the whole run (for SLO attainment: on every service). */
    public Constraint(Metric metric, double limit) {
        this(metric, limit, "");
    }

    /** What a constraint bounds; {@code key} is the plan file's name. */
    public enum Metric {
        P95_WAIT("p95Wait", "p95 wait", true, true),
        MEAN_WAIT("meanWait", "mean wait", true, true),
        P95_JCT("p95Jct", "p95 JCT", true, true),
        MEAN_JCT("meanJct", "mean JCT", true, true),
        GOODPUT("minGoodput", "goodput", false, false),
        /** Finished requests meeting both the TTFT and TPOT objectives over finished requests (docs/SERVING.md). */
        SLO_ATTAINMENT("minSloAttainment", "serving SLO attainment", false, false),
        /** Tokens trained (kept iterations × tokens per iteration, all training jobs) per day of the run. */
        TRAINING_TOKENS_PER_DAY("minTrainingTokensPerDay", "training tokens per day", false, false),
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

        /** Whether the limit is an upper bound (lower values are better). */
        public boolean upper() {
            return upper;
        }

        /**
         * The metric of one run (seconds for times, USD per month for the budget, a fraction for SLO
         * attainment: the worst service's; 0 for a run whose services finished no request).
         */
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
                case SLO_ATTAINMENT: {
                    double worst = s.services().isEmpty() ? 0 : 1;
                    for (ServiceSummary v : s.services()) {
                        worst = Math.min(worst, attainment(v));
                    }
                    return worst;
                }
                case TRAINING_TOKENS_PER_DAY:
                    return s.training().tokensPerDay();
                default:
                    return costPerMonth;
            }
        }

        /** Whether it can be met by adding nodes (the budget cannot). */
        public boolean improvesWithNodes() {
            return this != BUDGET;
        }
    }

    /** The constrained value of one run: {@link Metric#of}, or the named service's SLO attainment. */
    public double value(RunSummary s, double costPerMonth) {
        if (metric == Metric.SLO_ATTAINMENT && !service.isEmpty()) {
            for (ServiceSummary v : s.services()) {
                if (v.name().equals(service)) {
                    return attainment(v);
                }
            }
            return 0;
        }
        return metric.of(s, costPerMonth);
    }

    /** A service's attainment; one that finished nothing attained nothing. */
    private static double attainment(ServiceSummary v) {
        double a = v.slo().attainment();
        return v.requests().finished() == 0 || Double.isNaN(a) ? 0 : a;
    }

    /** The name of its columns and JSON entries: the metric's key, then {@code .service} for one service. */
    public String key() {
        return service.isEmpty() ? metric.key : metric.key + "." + service;
    }

    /** What it bounds, in words: the metric's label, and the service it is about. */
    public String label() {
        return metric.label + (service.isEmpty() ? "" : " of " + service);
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
        if (metric == Metric.TRAINING_TOKENS_PER_DAY) {
            return value >= 1e12 ? String.format(Locale.ROOT, "%.3f T", value / 1e12)
                    : value >= 1e9 ? String.format(Locale.ROOT, "%.2f B", value / 1e9)
                    : String.format(Locale.ROOT, "%.1f M", value / 1e6);
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }

    public String describe() {
        return label() + (metric.upper ? " ≤ " : " ≥ ") + format(limit);
    }
}
