package dev.fleetsim.engine.compare;

import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.run.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one policy × seed run of a comparison yields: its headline metrics, the fairness of its
 * tenants' mean slowdowns, and the completion and wait times of its jobs (for the CDF charts).
 *
 * @param utilisation allocated GPU-time over the cluster's GPU-time during the makespan
 * @param busyUtilisation computing GPU-time (allocation × compute fraction) over the same
 * @param fairness Jain's index over tenants' mean slowdowns (JCT / ideal run time) of finished jobs
 * @param jctS completion times of finished jobs, in job order
 * @param waitS waits of started jobs, in job order
 * @param slowdowns slowdowns (JCT / ideal run time, both the run's own) of finished jobs that could run, in job order
 */
public record RunOutcome(String policy, long seed, int jobs, int finished, int rejected, double meanJctS,
                         double p95JctS, double meanWaitS, double p95WaitS, double utilisation, double busyUtilisation,
                         double makespanS, double fairness, int preemptions, double costUsd, long events,
                         double[] jctS, double[] waitS, double[] slowdowns) {

    /** The same outcome under the comparison's label for its policy ({@code fifo:topology-aware}, say). */
    public RunOutcome labelled(String label) {
        return new RunOutcome(label, seed, jobs, finished, rejected, meanJctS, p95JctS, meanWaitS, p95WaitS, utilisation,
                busyUtilisation, makespanS, fairness, preemptions, costUsd, events, jctS, waitS, slowdowns);
    }

    /**
     * The outcome of a run, read off its own records: a finished job's slowdown is its JCT over
     * its ideal run time as the run recorded it ({@link JobRecord#slowdown()}).
     */
    public static RunOutcome of(RunResult result) {
        RunSummary s = result.summary();
        List<Double> jct = new ArrayList<>();
        List<Double> wait = new ArrayList<>();
        List<Double> slowdowns = new ArrayList<>();
        // Tenants in name order, so the sums, and so the bits of the index, never depend on hashing.
        Map<String, double[]> slowdownByTenant = new TreeMap<>();
        for (JobRecord j : result.jobs()) {
            j.waitNs().ifPresent(w -> wait.add(w / 1e9));
            j.jctNs().ifPresent(c -> jct.add(c / 1e9));
            j.slowdown().ifPresent(slowdown -> {
                slowdowns.add(slowdown);
                double[] acc = slowdownByTenant.computeIfAbsent(j.tenant(), t -> new double[2]);
                acc[0] += slowdown;
                acc[1]++;
            });
        }
        double[] tenantMeans = slowdownByTenant.values().stream().mapToDouble(a -> a[0] / a[1]).toArray();
        return new RunOutcome(s.policy(), s.seed(), s.counts().jobs(), s.counts().finished(), s.counts().rejected(), s.times().jctS().mean(), s.times().jctS().p95(),
                s.times().waitS().mean(), s.times().waitS().p95(), s.utilisation().allocatedUtilisation(), s.utilisation().busyUtilisation(), s.times().makespanS(),
                Fairness.jain(tenantMeans), s.counts().preemptions(), s.cost().totalCostUsd(), s.kernel().events(),
                jct.stream().mapToDouble(Double::doubleValue).toArray(),
                wait.stream().mapToDouble(Double::doubleValue).toArray(),
                slowdowns.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
