package dev.fleetsim.engine.metrics;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What happened to one job in a run (a row of {@code jobs.csv}), with every figure a derived
 * metric needs, so that comparisons and reports read the run's own numbers and never recompute
 * them with another model. Times are simulated nanoseconds; start and end are empty for a job
 * that never started or never ended within the horizon.
 *
 * <p>A value with the accessors, {@code equals}, {@code hashCode} and {@code toString} a record of
 * these components would have, held in primitive fields (a run keeps one per job, a million at the
 * end of a large one): the three optional times are a presence bit each beside a {@code long}
 * instead of an {@code OptionalLong} apiece (docs/PERFORMANCE.md, "One million jobs in 2 GiB").
 *
 * <p>Components: {@code kind} the job's kind ({@code training}); {@code state} FINISHED, RUNNING
 * (at the horizon), QUEUED (at the horizon) or REJECTED; {@code placement} the nodes and GPUs it ran
 * on, e.g. {@code n0[0-7] n1[0-7]}; {@code iterations} its length; {@code tokens} training tokens it
 * processed (global batch × sequence length × iterations done; 0 for a kind that trains none);
 * {@code iterationTimeS} time of one iteration on its (last) placement, contention included;
 * {@code idealIterationTimeS} time of one iteration on its ideal placement (first fit on the idle
 * cluster), under the run's own model: what its slowdown divides by, 0 when no GPU type can hold it;
 * {@code modelTflopsPerGpu} achieved model TFLOP/s per GPU (no recompute counted); {@code costUsd}
 * GPU-hours at the GPU type's price plus its energy; {@code energyKWh} facility energy (PUE included)
 * of its GPUs while it ran; {@code preemptions} times it was stopped and put back in the queue (by the
 * policy, a fault or a spot reclaim); {@code runNs} time it held GPUs, all runs (its GPU-time is
 * {@code gpus × runNs}; restarts and lost work included); {@code lostWorkNs} run time whose progress
 * preemptions threw away (work since the last checkpoint); {@code restartNs} time resumed runs spent
 * restarting: GPUs held, no progress; {@code interruptions} times a fault or a spot reclaim of one of
 * its nodes stopped it (counted in {@code preemptions} too: it is put back in the queue the same way);
 * {@code checkpointNs} run time spent writing checkpoints; {@code queueingNs} all the time it spent
 * waiting in the queue, before its first start and after every preemption, up to its end (or the end
 * of the run for a job that did not finish: censored); empty for a rejected job and one not yet
 * submitted.
 */
public final class JobRecord {
    static final byte HAS_START = 1;
    static final byte HAS_END = 2;
    static final byte HAS_QUEUEING = 4;

    private final String id;
    private final String kind;
    private final String tenant;
    private final String state;
    private final String gpuType;
    private final String placement;
    private final String reason;
    private final int gpus;
    private final int preemptions;
    private final int interruptions;
    private final byte present;
    private final long submitNs;
    private final long startNs;
    private final long endNs;
    private final long iterations;
    private final long runNs;
    private final long restartNs;
    private final long queueingNs;
    private final double iterationsDone;
    private final double tokens;
    private final double iterationTimeS;
    private final double idealIterationTimeS;
    private final double modelTflopsPerGpu;
    private final double mfu;
    private final double costUsd;
    private final double energyKWh;
    private final double lostWorkNs;
    private final double checkpointNs;

    public JobRecord(String id, String kind, String tenant, String state, int gpus, String gpuType, long submitNs,
                     OptionalLong startNs, OptionalLong endNs, String placement, long iterations,
                     double iterationsDone, double tokens, double iterationTimeS, double idealIterationTimeS,
                     double modelTflopsPerGpu, double mfu, double costUsd, double energyKWh, int preemptions,
                     String reason, long runNs, double lostWorkNs, long restartNs, int interruptions,
                     double checkpointNs, OptionalLong queueingNs) {
        this(id, kind, tenant, state, gpus, gpuType, submitNs, (byte) ((startNs.isPresent() ? HAS_START : 0)
                | (endNs.isPresent() ? HAS_END : 0) | (queueingNs.isPresent() ? HAS_QUEUEING : 0)),
                startNs.orElse(0), endNs.orElse(0), placement, iterations, iterationsDone, tokens, iterationTimeS,
                idealIterationTimeS, modelTflopsPerGpu, mfu, costUsd, energyKWh, preemptions, reason, runNs, lostWorkNs,
                restartNs, interruptions, checkpointNs, queueingNs.orElse(0));
    }

    /** The same record from its raw fields ({@link JobRecords} keeps them in columns): {@code present} the bits of the optional times. */
    JobRecord(String id, String kind, String tenant, String state, int gpus, String gpuType, long submitNs, byte present,
              long startNs, long endNs, String placement, long iterations, double iterationsDone, double tokens,
              double iterationTimeS, double idealIterationTimeS, double modelTflopsPerGpu, double mfu, double costUsd,
              double energyKWh, int preemptions, String reason, long runNs, double lostWorkNs, long restartNs,
              int interruptions, double checkpointNs, long queueingNs) {
        this.id = id;
        this.kind = kind;
        this.tenant = tenant;
        this.state = state;
        this.gpus = gpus;
        this.gpuType = gpuType;
        this.submitNs = submitNs;
        this.present = present;
        this.startNs = startNs;
        this.endNs = endNs;
        this.placement = placement;
        this.iterations = iterations;
        this.iterationsDone = iterationsDone;
        this.tokens = tokens;
        this.iterationTimeS = iterationTimeS;
        this.idealIterationTimeS = idealIterationTimeS;
        this.modelTflopsPerGpu = modelTflopsPerGpu;
        this.mfu = mfu;
        this.costUsd = costUsd;
        this.energyKWh = energyKWh;
        this.preemptions = preemptions;
        this.reason = reason;
        this.runNs = runNs;
        this.lostWorkNs = lostWorkNs;
        this.restartNs = restartNs;
        this.interruptions = interruptions;
        this.checkpointNs = checkpointNs;
        this.queueingNs = queueingNs;
    }

    /** The presence bits of the start, end and queueing times ({@link JobRecords}). */
    byte present() {
        return present;
    }

    /** The start time, 0 when absent ({@link JobRecords}). */
    long rawStartNs() {
        return startNs;
    }

    /** The end time, 0 when absent ({@link JobRecords}). */
    long rawEndNs() {
        return endNs;
    }

    /** The queueing time, 0 when absent ({@link JobRecords}). */
    long rawQueueingNs() {
        return queueingNs;
    }

    public String id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    /** Whether this is a job of the job statistics, not a serving replica ({@link dev.fleetsim.engine.workload.JobKind#isJob()}). */
    public boolean isJob() {
        return dev.fleetsim.engine.workload.JobKind.isJob(kind);
    }

    public String tenant() {
        return tenant;
    }

    public String state() {
        return state;
    }

    public int gpus() {
        return gpus;
    }

    public String gpuType() {
        return gpuType;
    }

    public long submitNs() {
        return submitNs;
    }

    public OptionalLong startNs() {
        return optional(HAS_START, startNs);
    }

    public OptionalLong endNs() {
        return optional(HAS_END, endNs);
    }

    public String placement() {
        return placement;
    }

    public long iterations() {
        return iterations;
    }

    public double iterationsDone() {
        return iterationsDone;
    }

    public double tokens() {
        return tokens;
    }

    public double iterationTimeS() {
        return iterationTimeS;
    }

    public double idealIterationTimeS() {
        return idealIterationTimeS;
    }

    public double modelTflopsPerGpu() {
        return modelTflopsPerGpu;
    }

    public double mfu() {
        return mfu;
    }

    public double costUsd() {
        return costUsd;
    }

    public double energyKWh() {
        return energyKWh;
    }

    public int preemptions() {
        return preemptions;
    }

    public String reason() {
        return reason;
    }

    public long runNs() {
        return runNs;
    }

    public double lostWorkNs() {
        return lostWorkNs;
    }

    public long restartNs() {
        return restartNs;
    }

    public int interruptions() {
        return interruptions;
    }

    public double checkpointNs() {
        return checkpointNs;
    }

    public OptionalLong queueingNs() {
        return optional(HAS_QUEUEING, queueingNs);
    }

    private OptionalLong optional(byte bit, long value) {
        return (present & bit) != 0 ? OptionalLong.of(value) : OptionalLong.empty();
    }

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
        return (present & HAS_START) != 0 ? OptionalLong.of(startNs - submitNs) : OptionalLong.empty();
    }

    public OptionalLong jctNs() {
        return (present & HAS_END) != 0 ? OptionalLong.of(endNs - submitNs) : OptionalLong.empty();
    }

    /** Iterations × ideal iteration time: how long the job runs on its ideal placement; 0 when it cannot run. */
    public double idealRunS() {
        return iterations * idealIterationTimeS;
    }

    /** Completion time over ideal run time (≥ 1 up to rounding), for a finished job that could run; empty otherwise. */
    public OptionalDouble slowdown() {
        double ideal = idealRunS();
        return (present & HAS_END) != 0 && ideal > 0 ? OptionalDouble.of((endNs - submitNs) / 1e9 / ideal)
                : OptionalDouble.empty();
    }

    /** Component by component, as a record's: doubles by {@link Double#compare}, an absent time equal only to an absent one. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JobRecord)) {
            return false;
        }
        JobRecord r = (JobRecord) o;
        return gpus == r.gpus && preemptions == r.preemptions && interruptions == r.interruptions
                && submitNs == r.submitNs && iterations == r.iterations && runNs == r.runNs && restartNs == r.restartNs
                && startNs().equals(r.startNs()) && endNs().equals(r.endNs()) && queueingNs().equals(r.queueingNs())
                && same(iterationsDone, r.iterationsDone) && same(tokens, r.tokens)
                && same(iterationTimeS, r.iterationTimeS) && same(idealIterationTimeS, r.idealIterationTimeS)
                && same(modelTflopsPerGpu, r.modelTflopsPerGpu) && same(mfu, r.mfu) && same(costUsd, r.costUsd)
                && same(energyKWh, r.energyKWh) && same(lostWorkNs, r.lostWorkNs) && same(checkpointNs, r.checkpointNs)
                && Objects.equals(id, r.id) && Objects.equals(kind, r.kind) && Objects.equals(tenant, r.tenant)
                && Objects.equals(state, r.state) && Objects.equals(gpuType, r.gpuType)
                && Objects.equals(placement, r.placement) && Objects.equals(reason, r.reason);
    }

    private static boolean same(double a, double b) {
        return Double.compare(a, b) == 0;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(id, kind, tenant, state, gpuType, placement, reason, startNs(), endNs(), queueingNs());
        h = 31 * h + Integer.hashCode(gpus);
        h = 31 * h + Integer.hashCode(preemptions);
        h = 31 * h + Integer.hashCode(interruptions);
        h = 31 * h + Long.hashCode(submitNs);
        h = 31 * h + Long.hashCode(iterations);
        h = 31 * h + Long.hashCode(runNs);
        h = 31 * h + Long.hashCode(restartNs);
        for (double d : new double[] {iterationsDone, tokens, iterationTimeS, idealIterationTimeS, modelTflopsPerGpu,
                mfu, costUsd, energyKWh, lostWorkNs, checkpointNs}) {
            h = 31 * h + Double.hashCode(d);
        }
        return h;
    }

    /** As a record prints itself: {@code JobRecord[id=…, kind=…, …]}. */
    @Override
    public String toString() {
        return "JobRecord[id=" + id + ", kind=" + kind + ", tenant=" + tenant + ", state=" + state + ", gpus=" + gpus
                + ", gpuType=" + gpuType + ", submitNs=" + submitNs + ", startNs=" + startNs() + ", endNs=" + endNs()
                + ", placement=" + placement + ", iterations=" + iterations + ", iterationsDone=" + iterationsDone
                + ", tokens=" + tokens + ", iterationTimeS=" + iterationTimeS + ", idealIterationTimeS="
                + idealIterationTimeS + ", modelTflopsPerGpu=" + modelTflopsPerGpu + ", mfu=" + mfu + ", costUsd="
                + costUsd + ", energyKWh=" + energyKWh + ", preemptions=" + preemptions + ", reason=" + reason
                + ", runNs=" + runNs + ", lostWorkNs=" + lostWorkNs + ", restartNs=" + restartNs + ", interruptions="
                + interruptions + ", checkpointNs=" + checkpointNs + ", queueingNs=" + queueingNs() + "]";
    }
}
