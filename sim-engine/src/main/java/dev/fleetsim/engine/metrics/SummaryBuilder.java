package dev.fleetsim.engine.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The job-level groups of a run's summary, read off its job records: the time statistics (wait,
 * queueing time, JCT, slowdown), what a horizon censored, each tenant's figures with the fairness
 * between them, and the serving replicas' own group. One place computes them, so {@code summary.json},
 * {@code compare} and sweeps agree to the bit; the jobs are the records that are jobs
 * ({@link JobRecord#isJob()}), never the serving replicas, whose lifetime is no completion time.
 */
public final class SummaryBuilder {
    private static final double NS_PER_HOUR = 3.6e12;

    private SummaryBuilder() {
    }

    /** The time group of a run that ended at {@code endNs}, with {@code horizonNs} when the scenario has one. */
    public static RunSummary.Times times(List<JobRecord> records, long endNs, OptionalLong horizonNs) {
        Samples all = new Samples();
        int neverStarted = 0;
        int unfinished = 0;
        for (JobRecord r : records) {
            if (!r.isJob()) {
                continue;
            }
            all.add(r);
            if ("QUEUED".equals(r.state()) && r.startNs().isEmpty()) {
                neverStarted++;
            } else if (r.censored()) {
                unfinished++;
            }
        }
        Double horizonS = horizonNs.isPresent() ? horizonNs.getAsLong() / 1e9 : null;
        return new RunSummary.Times(endNs / 1e9, all.waits(), all.queueing(), all.jcts(), all.slowdowns(),
                new RunSummary.Censoring(horizonS, neverStarted, unfinished, note(horizonS, all, neverStarted, unfinished)));
    }

    private static String note(Double horizonS, Samples all, int neverStarted, int unfinished) {
        if (horizonS == null) {
            return "no horizon: every admitted job ran to its end";
        }
        return String.format(Locale.ROOT, "horizon %s: waitS covers the %d jobs that started, jctS and slowdown the "
                        + "%d that finished; %d jobs never started (their waits are at least horizon - submit, "
                        + "censored), %d started but did not finish; queueingS counts unfinished jobs up to the horizon",
                // in seconds, exactly: a horizon of 1 ns is "0.000000001 s", not "0 s"
                java.math.BigDecimal.valueOf(horizonS).stripTrailingZeros().toPlainString() + " s", all.wait.size(),
                all.jct.size(), neverStarted, unfinished);
    }

    /**
     * Each tenant's figures (tenants in name order) and Jain's index over their mean slowdowns: the time figures
     * over its jobs, GPU-hours and cost over its jobs and serving replicas.
     */
    public static RunSummary.Tenants tenants(List<JobRecord> records) {
        Map<String, Samples> byTenant = new TreeMap<>();
        Map<String, double[]> money = new TreeMap<>();
        Map<String, int[]> replicas = new TreeMap<>();
        for (JobRecord r : records) {
            Samples samples = byTenant.computeIfAbsent(r.tenant(), t -> new Samples());
            if (r.isJob()) {
                samples.add(r);
            } else {
                replicas.computeIfAbsent(r.tenant(), t -> new int[1])[0]++;
            }
            double[] m = money.computeIfAbsent(r.tenant(), t -> new double[2]);
            m[0] += r.gpus() * (double) r.runNs() / NS_PER_HOUR;
            m[1] += r.costUsd();
        }
        Map<String, RunSummary.Tenant> out = new TreeMap<>();
        List<Double> meanSlowdowns = new ArrayList<>();
        for (Map.Entry<String, Samples> e : byTenant.entrySet()) {
            Samples s = e.getValue();
            double[] m = money.get(e.getKey());
            int[] n = replicas.get(e.getKey());
            out.put(e.getKey(), new RunSummary.Tenant(s.jobs, s.jct.size(), s.waits(), s.queueing(), s.jcts(),
                    s.slowdowns(), m[0], m[1], n == null ? 0 : n[0]));
            if (!s.slowdown.isEmpty()) {
                // The tenant's mean slowdown summed in job order, as the fairness index has always been computed.
                double sum = 0;
                for (int i = 0; i < s.slowdown.size(); i++) {
                    sum += s.slowdown.get(i);
                }
                meanSlowdowns.add(sum / s.slowdown.size());
            }
        }
        Double fairness = meanSlowdowns.isEmpty() ? null
                : Fairness.jain(meanSlowdowns.stream().mapToDouble(Double::doubleValue).toArray());
        return new RunSummary.Tenants(fairness, out);
    }

    /** The serving replicas' group of the summary; null when the run had none. */
    public static RunSummary.Replicas replicas(List<JobRecord> records) {
        int count = 0;
        int ended = 0;
        int running = 0;
        int queued = 0;
        int notSubmitted = 0;
        int rejected = 0;
        int preemptions = 0;
        Samples s = new Samples();
        Column lifetime = new Column();
        for (JobRecord r : records) {
            if (r.isJob()) {
                continue;
            }
            count++;
            preemptions += r.preemptions();
            switch (r.state()) {
                case "FINISHED" -> ended++;
                case "RUNNING" -> running++;
                case "QUEUED" -> queued++;
                case "REJECTED" -> rejected++;
                default -> notSubmitted++;
            }
            s.add(r);
            if (r.endNs().isPresent() && r.startNs().isPresent()) {
                lifetime.add((r.endNs().getAsLong() - r.startNs().getAsLong()) / 1e9);
            }
        }
        return count == 0 ? null : new RunSummary.Replicas(count, ended, running, queued, notSubmitted, rejected,
                preemptions, s.waits(), s.queueing(), Distribution.ofOwned(lifetime.toArray()));
    }

    /** The per-job samples of a set of jobs, in job order (primitive columns: a run has up to millions). */
    private static final class Samples {
        int jobs;
        final Column wait = new Column();
        final Column queueing = new Column();
        final Column jct = new Column();
        final Column slowdown = new Column();

        void add(JobRecord r) {
            jobs++;
            OptionalLong start = r.startNs();
            if (start.isPresent()) {
                wait.add((start.getAsLong() - r.submitNs()) / 1e9);
            }
            OptionalLong q = r.queueingNs();
            if (q.isPresent()) {
                queueing.add(q.getAsLong() / 1e9);
            }
            OptionalLong end = r.endNs();
            if (end.isPresent()) {
                long jctNs = end.getAsLong() - r.submitNs();
                jct.add(jctNs / 1e9);
                // JobRecord.slowdown(), without an Optional per job.
                double ideal = r.idealRunS();
                if (ideal > 0) {
                    slowdown.add(jctNs / 1e9 / ideal);
                }
            }
        }

        Distribution waits() {
            return Distribution.ofOwned(wait.toArray());
        }

        Distribution queueing() {
            return Distribution.ofOwned(queueing.toArray());
        }

        Distribution jcts() {
            return Distribution.ofOwned(jct.toArray());
        }

        Distribution slowdowns() {
            return Distribution.ofOwned(slowdown.toArray());
        }
    }

    /** A growable column of doubles. */
    private static final class Column {
        private double[] values = new double[16];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        boolean isEmpty() {
            return size == 0;
        }

        double get(int i) {
            return values[i];
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
