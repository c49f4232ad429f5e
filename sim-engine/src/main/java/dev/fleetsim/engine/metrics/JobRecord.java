package dev.fleetsim.engine.metrics;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What happened to one job in a run (a row of {@code jobs.csv}), with every figure a derived
 * metric needs, so that comparisons and reports read the run's own numbers and never recompute
 * them with another model. Times are simulated nanoseconds; start and end are empty for a job
 * that never started or never ended within the horizon.
 *
 * @param kind the job's kind ({@code training})
 * @param state FINISHED, RUNNING (at the horizon), QUEUED (at the horizon) or REJECTED
 * @param placement the nodes and GPUs it ran on, e.g. {@code n0[0-7] n1[0-7]}
 * @param iterations its length
 * @param tokens training tokens it processed (global batch × sequence length × iterations done; 0 for a kind that trains none)
 * @param iterationTimeS time of one iteration on its (last) placement, contention included
 * @param idealIterationTimeS time of one iteration on its ideal placement (first fit on the idle cluster), under the
 *                            run's own model: what its slowdown divides by; 0 when no GPU type can hold it
 * @param modelTflopsPerGpu achieved model TFLOP/s per GPU (no recompute counted)
 * @param costUsd GPU-hours at the GPU type's price plus its energy
 * @param energyKWh facility energy (PUE included) of its GPUs while it ran
 * @param preemptions times it was stopped and put back in the queue (by the policy, a fault or a spot reclaim)
 * @param runNs time it held GPUs, all runs (its GPU-time is {@code gpus × runNs}; restarts and lost work included)
 * @param lostWorkNs run time whose progress preemptions threw away (work since the last checkpoint)
 * @param restartNs time resumed runs spent restarting: GPUs held, no progress
 * @param interruptions times a fault or a spot reclaim of one of its nodes stopped it (counted in {@code preemptions}
 *                      too: it is put back in the queue the same way)
 * @param checkpointNs run time spent writing checkpoints
 * @param queueingNs all the time it spent waiting in the queue, before its first start and after every preemption,
 *                   up to its end (or the end of the run for a job that did not finish: censored); empty for a
 *                   rejected job and one not yet submitted
 */
public record JobRecord(String id, String kind, String tenant, String state, int gpus, String gpuType, long submitNs,
                        OptionalLong startNs, OptionalLong endNs, String placement, long iterations,
                        double iterationsDone, double tokens, double iterationTimeS, double idealIterationTimeS,
                        double modelTflopsPerGpu, double mfu, double costUsd, double energyKWh, int preemptions,
                        String reason, long runNs, double lostWorkNs, long restartNs, int interruptions,
                        double checkpointNs, OptionalLong queueingNs) {

    /**
     * Run time that made progress that was kept, over the time it held GPUs: 1 less restarts,
     * lost work and checkpoint writes; empty for a job that never ran.
     */
    public OptionalDouble goodput() {
        return runNs > 0 ? OptionalDouble.of(Math.max(0, runNs - lostWorkNs - restartNs - checkpointNs) / runNs)
                : OptionalDouble.empty();
    }

    /** Whether the run ended (at its horizon) before this job did: its wait, queueing time or JCT is only a lower bound. */
    public boolean censored() {
        return "QUEUED".equals(state) || "RUNNING".equals(state);
    }

    public OptionalLong waitNs() {
        return startNs.isPresent() ? OptionalLong.of(startNs.getAsLong() - submitNs) : OptionalLong.empty();
    }

    public OptionalLong jctNs() {
        return endNs.isPresent() ? OptionalLong.of(endNs.getAsLong() - submitNs) : OptionalLong.empty();
    }

    /** Iterations × ideal iteration time: how long the job runs on its ideal placement; 0 when it cannot run. */
    public double idealRunS() {
        return iterations * idealIterationTimeS;
    }

    /** Completion time over ideal run time (≥ 1 up to rounding), for a finished job that could run; empty otherwise. */
    public OptionalDouble slowdown() {
        double ideal = idealRunS();
        return endNs.isPresent() && ideal > 0 ? OptionalDouble.of(jctNs().getAsLong() / 1e9 / ideal) : OptionalDouble.empty();
    }
}
