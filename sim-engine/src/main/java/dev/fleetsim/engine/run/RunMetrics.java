package dev.fleetsim.engine.run;

import dev.fleetsim.engine.kernel.Beside;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.metrics.StepSeriesRecorder;
import dev.fleetsim.engine.metrics.SummaryBuilder;
import dev.fleetsim.engine.metrics.TimeSeriesTable;
import dev.fleetsim.engine.pricing.FleetCost;
import dev.fleetsim.engine.scenario.CostSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.JobSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.DoubleFunction;

/**
 * The run's accounting: keeps the cluster-wide signals (allocated and busy GPUs, queue, running
 * jobs, IT power) up to date at every change, and turns them and the jobs into the records,
 * the summary and the time series at the end. Power: every GPU draws its idle power; a GPU of
 * a running job draws {@code idle + (tdp − idle) × computeFraction}; the facility draws IT × PUE.
 * Money: every node group at its purchase's rates ({@link FleetBilling}, {@link FleetCost}), its
 * GPUs' power tracked group by group so an owned group pays for exactly the energy it drew (each
 * group's energy integrated when its power changes: memory and time grow with changes, never
 * with the number of groups).
 */
final class RunMetrics {
    private static final int ALLOCATED = 0;
    private static final int BUSY = 1;
    private static final int QUEUE = 2;
    private static final int RUNNING = 3;
    private static final int POWER_W = 4;
    private static final int ALLOCATED_USD_PER_HOUR = 5;
    /** What the GPUs' energy costs an hour (owned groups' draw × PUE × electricity; rented groups pay none). */
    private static final int BILLED_USD_PER_HOUR = 6;
    private static final double NS_PER_HOUR = 3.6e12;

    private final Topology topology;
    private final CostSpec cost;
    private final FleetBilling billing;
    private final StepSeriesRecorder series;
    private final PlacementTexts placements;
    private final double idlePowerW;
    private final double[] groupPowerW;
    private final double[] groupEnergyWNs;
    private final long[] groupSinceNs;
    private double billedUsdPerHour;
    private double allocated;
    private double busy;
    private int queue;
    private int running;
    private double dynamicPowerW;
    private double allocatedUsdPerHour;
    private double tokensTrained;
    private SampleFeed feed;

    RunMetrics(Topology topology, CostSpec cost, Map<String, GpuSpec> hardware) {
        this.topology = topology;
        this.cost = cost;
        this.billing = new FleetBilling(topology, cost, hardware);
        this.series = new StepSeriesRecorder(7);
        this.placements = new PlacementTexts(topology);
        this.groupPowerW = new double[billing.groups()];
        this.groupEnergyWNs = new double[billing.groups()];
        this.groupSinceNs = new long[billing.groups()];
        double idle = 0;
        for (Topology.Node n : topology.nodes()) {
            idle += n.gpuCount() * n.gpu().idleWatts();
            int g = billing.groupOf(n.firstGpu());
            groupPowerW[g] += n.gpuCount() * n.gpu().idleWatts();
            billedUsdPerHour += n.gpuCount() * n.gpu().idleWatts() * cost.pue() / 1000 * billing.usdPerGpuKWhOfGroup(g);
        }
        this.idlePowerW = idle;
        record(0);
    }

    /** What the fleet costs an hour whatever it does (rent, or owned capital, data centre and host energy). */
    double fleetUsdPerHour() {
        return billing.fixedUsdPerHour();
    }

    /** Sends the state at every change to {@code feed} from now on (live samples for an observer). */
    void feed(SampleFeed feed) {
        this.feed = feed;
        feed.changed(0, allocated, busy, queue, running, idlePowerW + dynamicPowerW, billedUsdPerHour);
    }

    void queueChanged(long nowNs, int queueLength) {
        queue = queueLength;
        record(nowNs);
    }

    void jobStarted(long nowNs, Job job) {
        change(nowNs, job, +1);
        record(nowNs);
    }

    void jobStopped(long nowNs, Job job) {
        change(nowNs, job, -1);
        record(nowNs);
    }

    private void change(long nowNs, Job job, int sign) {
        double cf = job.computeFraction();
        GpuSpec gpu = topology.gpuSpecOf(job.gpus[0]);
        allocated += sign * job.gpus.length;
        busy += sign * job.gpus.length * cf;
        running += sign;
        double perGpuW = (gpu.tdpWatts() - gpu.idleWatts()) * cf;
        dynamicPowerW += sign * job.gpus.length * perGpuW;
        for (int id : job.gpus) {
            int g = billing.groupOf(id);
            accrue(g, nowNs);
            groupPowerW[g] += sign * perGpuW;
            billedUsdPerHour += sign * perGpuW * cost.pue() / 1000 * billing.usdPerGpuKWhOfGroup(g);
            allocatedUsdPerHour += sign * billing.gpuUsdPerGpuHour(id);
        }
    }

    /** Group {@code g}'s energy up to {@code nowNs} at the power it has drawn since its last change. */
    private void accrue(int g, long nowNs) {
        groupEnergyWNs[g] += groupPowerW[g] * (nowNs - groupSinceNs[g]);
        groupSinceNs[g] = nowNs;
    }

    private void record(long nowNs) {
        series.record(nowNs, allocated, busy, queue, running, idlePowerW + dynamicPowerW, allocatedUsdPerHour,
                billedUsdPerHour);
        if (feed != null) {
            feed.changed(nowNs, allocated, busy, queue, running, idlePowerW + dynamicPowerW, billedUsdPerHour);
        }
    }

    int changePoints() {
        return series.changePoints();
    }

    JobRecord record(Job job, long endOfRunNs) {
        // A job queued at the horizon after a preemption did start: its runs count.
        // A replica withdrawn from the queue finished without ever holding GPUs.
        boolean started = job.gpus != null
                && (job.state == JobState.RUNNING || job.state == JobState.FINISHED || job.preemptions > 0);
        OptionalLong start = started ? OptionalLong.of(job.startNs) : OptionalLong.empty();
        OptionalLong end = job.state == JobState.FINISHED ? OptionalLong.of(job.endNs) : OptionalLong.empty();
        String gpuType = "";
        String placement = "";
        double costUsd = 0;
        double energyKWh = 0;
        long ranNs = job.ranNs + (job.state == JobState.RUNNING ? endOfRunNs - job.runStartNs : 0);
        WorkFigures work = job.figures(endOfRunNs, started);
        if (started) {
            GpuSpec gpu = topology.gpuSpecOf(job.gpus[0]);
            gpuType = gpu.name();
            placement = placements.describe(job.gpus);
            double hours = ranNs / NS_PER_HOUR;
            double watts = job.gpus.length * (gpu.idleWatts() + (gpu.tdpWatts() - gpu.idleWatts()) * job.computeFraction());
            energyKWh = watts * cost.pue() * hours / 1000;
            // Its GPUs' share of their groups' fixed cost, and the energy an owner pays for.
            double fixed = 0;
            double energyUsd = 0;
            for (int g : job.gpus) {
                fixed += billing.fixedUsdPerGpuHour(g);
                energyUsd += energyKWh / job.gpus.length * billing.usdPerGpuKWhOfGroup(billing.groupOf(g));
            }
            costUsd = fixed * hours + energyUsd;
        }
        JobSpec spec = job.spec();
        // Time in the queue: from submit to the end (or the end of the run), less the time it held GPUs.
        boolean admitted = job.state != JobState.REJECTED && job.state != JobState.PENDING;
        long until = job.state == JobState.FINISHED ? job.endNs : endOfRunNs;
        OptionalLong queueing = admitted ? OptionalLong.of(Math.max(0, until - spec.submitTimeNs() - ranNs))
                : OptionalLong.empty();
        double tokens = spec instanceof TrainingJobSpec ? ((TrainingJobSpec) spec).tokensPerIteration() * work.iterationsDone() : 0;
        return new JobRecord(spec.id(), spec.kind().key(), spec.tenant(), job.state.name(), spec.gpus(), gpuType,
                spec.submitTimeNs(), start, end, placement, work.iterations(), work.iterationsDone(), tokens,
                work.iterationTimeS(), work.idealIterationTimeS(), work.modelTflopsPerGpu(), work.mfu(), costUsd,
                energyKWh, job.preemptions, job.reason, ranNs, work.lostWorkNs(), work.restartNs(), job.interruptions,
                Math.max(0, ranNs - work.lostWorkNs() - work.restartNs()) * work.checkpointFraction(), queueing);
    }

    /** Adds a job's tokens to the run's total: every job's, in index order, before the summary. */
    void addTokens(double tokens) {
        tokensTrained += tokens;
    }

    RunSummary summary(String scenario, long seed, String policy, List<JobRecord> records, long makespanNs,
                       OptionalLong horizonNs, DoubleFunction<RunSummary.Reliability> reliability, long events,
                       long networkUpdates, long rateChanges) {
        // The tenants' figures (half of the summary's work on a large run) and the goodput beside the rest.
        Beside<RunSummary.Tenants> tenants = Beside.of(records.size(), () -> SummaryBuilder.tenants(records));
        Beside<Double> goodput = Beside.of(records.size(), () -> goodput(records));
        int preemptions = 0;
        int replicas = 0;
        int[] states = new int[JobState.values().length];
        for (JobRecord r : records) {
            preemptions += r.preemptions();
            replicas += r.isJob() ? 0 : 1;
            states[JobState.valueOf(r.state()).ordinal()]++;
        }
        double totalGpuNs = (double) topology.gpuCount() * makespanNs;
        double allocatedGpuNs = series.integral(ALLOCATED, makespanNs);
        double busyGpuNs = series.integral(BUSY, makespanNs);
        double energyKWh = series.integral(POWER_W, makespanNs) * cost.pue() / NS_PER_HOUR / 1000;
        double[] groupKWh = new double[groupPowerW.length];
        for (int g = 0; g < groupKWh.length; g++) {
            accrue(g, makespanNs);
            groupKWh[g] = groupEnergyWNs[g] * cost.pue() / NS_PER_HOUR / 1000;
        }
        double hours = makespanNs / NS_PER_HOUR;
        FleetCost month = billing.monthly(groupKWh, hours);
        // The run's span at the month's rates: rented groups' rent, owned groups' capital, space and energy.
        double span = hours / FleetCost.HOURS_PER_MONTH;
        double gpuCost = 0;
        double energyCost = 0;
        for (FleetCost.GroupCost g : month.groups()) {
            gpuCost += (g.rentUsd() + g.capexUsd() + g.datacentreUsd()) * span;
            energyCost += g.energyUsd() * span;
        }
        double days = makespanNs / (24 * NS_PER_HOUR);
        return new RunSummary(scenario, seed, policy, topology.gpuCount(),
                new RunSummary.Counts(records.size(), states[JobState.FINISHED.ordinal()],
                        states[JobState.RUNNING.ordinal()], states[JobState.QUEUED.ordinal()],
                        states[JobState.PENDING.ordinal()], states[JobState.REJECTED.ordinal()], preemptions, replicas),
                SummaryBuilder.times(records, makespanNs, horizonNs),
                new RunSummary.Utilisation(totalGpuNs > 0 ? allocatedGpuNs / totalGpuNs : 0,
                        totalGpuNs > 0 ? busyGpuNs / totalGpuNs : 0, allocatedGpuNs / NS_PER_HOUR),
                new RunSummary.Cost(gpuCost, energyKWh, energyCost, gpuCost + energyCost, month.totalUsdPerMonth(),
                        month.groups()),
                tenants.join(), reliability.apply(goodput.join()),
                new RunSummary.Kernel(events, networkUpdates, rateChanges),
                new RunSummary.Training(tokensTrained, days > 0 ? tokensTrained / days : 0),
                SummaryBuilder.replicas(records), List.of());
    }

    /**
     * GPU-time that made kept progress over GPU-time held, over every job that ran; NaN when none ran. A serving
     * replica keeps no checkpointed progress to lose, so it is not counted (its 1.0 would hide the jobs' losses).
     */
    static double goodput(List<JobRecord> records) {
        double held = 0;
        double good = 0;
        for (JobRecord r : records) {
            if (r.isJob() && r.goodput().isPresent()) {
                held += (double) r.gpus() * r.runNs();
                good += (double) r.gpus() * r.runNs() * r.goodput().getAsDouble();
            }
        }
        return held > 0 ? good / held : Double.NaN;
    }

    TimeSeriesTable timeseries(int points, long endNs) {
        double[][] bins = series.resample(points, endNs);
        double[][] rows = new double[bins.length][];
        double cumulativeUsd = 0;
        double cumulativeAllocatedUsd = 0;
        int gpus = topology.gpuCount();
        for (int i = 0; i < bins.length; i++) {
            long binStart = (long) ((double) endNs * i / bins.length);
            long binEnd = i == bins.length - 1 ? endNs : (long) ((double) endNs * (i + 1) / bins.length);
            double hours = (binEnd - binStart) / NS_PER_HOUR;
            double powerKw = bins[i][POWER_W] * cost.pue() / 1000;
            cumulativeUsd += (billing.fixedUsdPerHour() + bins[i][BILLED_USD_PER_HOUR]) * hours;
            cumulativeAllocatedUsd += bins[i][ALLOCATED_USD_PER_HOUR] * hours;
            rows[i] = new double[] {binStart / 1e9, bins[i][ALLOCATED], bins[i][BUSY],
                    gpus > 0 ? 100 * bins[i][ALLOCATED] / gpus : 0, bins[i][QUEUE], bins[i][RUNNING], powerKw,
                    cumulativeUsd, cumulativeAllocatedUsd};
        }
        return new TimeSeriesTable(List.of("time_s", "allocated_gpus", "busy_gpus", "allocated_pct", "queue_length",
                "running_jobs", "power_kw", "cumulative_cost_usd", "cumulative_allocated_gpu_cost_usd"), rows);
    }
}
