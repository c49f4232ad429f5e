package dev.fleetsim.engine.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Headline metrics of a run ({@code summary.json}), in groups: what happened to the jobs, how
 * long things took, how busy the GPUs were, what it cost, how each tenant fared, and what the
 * kernel did. A new metric goes into the one group it belongs to (and so into one JSON object of
 * the summary). Deterministic: no wall-clock figures. A summary read back from its JSON is equal
 * to the one written (sweeps resume from it).
 *
 * @param gpus GPUs in the cluster
 * @param training what the fleet delivered to training jobs
 * @param replicas the serving replicas' own figures, apart from the jobs'; null (and absent from the JSON) in a run
 *                 without any
 * @param services one entry per inference deployment ({@link ServiceSummary}); empty (and absent from the JSON) without any
 */
public record RunSummary(String scenario, long seed, String policy, int gpus, Counts counts, Times times,
                         Utilisation utilisation, Cost cost, Tenants tenants, Reliability reliability, Kernel kernel,
                         Training training, @JsonInclude(JsonInclude.Include.NON_NULL) Replicas replicas,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ServiceSummary> services) {

    /**
     * A summary without deployments has no {@code services} group (and reads back from JSON without one); one
     * written before the training group existed reads back with it unknown (NaN).
     */
    public RunSummary {
        services = services == null ? List.of() : List.copyOf(services);
        reliability = reliability == null ? Reliability.NONE : reliability;
        training = training == null ? Training.UNKNOWN : training;
    }

    /** A run whose training figures are unknown (a summary of its other groups only). */
    public RunSummary(String scenario, long seed, String policy, int gpus, Counts counts, Times times,
                      Utilisation utilisation, Cost cost, Tenants tenants, Reliability reliability, Kernel kernel,
                      List<ServiceSummary> services) {
        this(scenario, seed, policy, gpus, counts, times, utilisation, cost, tenants, reliability, kernel,
                Training.UNKNOWN, null, services);
    }

    /** A run without inference deployments or outages. */
    public RunSummary(String scenario, long seed, String policy, int gpus, Counts counts, Times times,
                      Utilisation utilisation, Cost cost, Tenants tenants, Kernel kernel) {
        this(scenario, seed, policy, gpus, counts, times, utilisation, cost, tenants, Reliability.NONE, kernel,
                Training.UNKNOWN, null, List.of());
    }

    /** A run without inference deployments. */
    public RunSummary(String scenario, long seed, String policy, int gpus, Counts counts, Times times,
                      Utilisation utilisation, Cost cost, Tenants tenants, Reliability reliability, Kernel kernel) {
        this(scenario, seed, policy, gpus, counts, times, utilisation, cost, tenants, reliability, kernel,
                Training.UNKNOWN, null, List.of());
    }

    /** The same summary with the deployments' figures. */
    public RunSummary withServices(List<ServiceSummary> newServices) {
        return new RunSummary(scenario, seed, policy, gpus, counts, times, utilisation, cost, tenants, reliability, kernel,
                training, replicas, newServices);
    }

    /**
     * The counts of the jobs alone ({@link dev.fleetsim.engine.workload.JobKind#isJob()}): {@link #counts()} less the
     * serving replicas'; equal to it in a run without replicas.
     */
    public Counts jobCounts() {
        if (counts.servingReplicas() == 0) {
            return counts;
        }
        if (replicas == null) {
            // a summary written before the replicas group: only the total is known apart
            return new Counts(counts.trainingJobs(), counts.finished(), counts.running(), counts.queued(),
                    counts.notSubmitted(), counts.rejected(), counts.preemptions());
        }
        Replicas r = replicas;
        return new Counts(counts.jobs() - r.count(), counts.finished() - r.ended(), counts.running() - r.running(),
                counts.queued() - r.queued(), counts.notSubmitted() - r.notSubmitted(), counts.rejected() - r.rejected(),
                counts.preemptions() - r.preemptions());
    }

    /**
     * The serving replicas of a run (each replica of a deployment is a gang the scheduler places like a job), apart
     * from the jobs: their states at the end, their waits for GPUs and how long each served. A replica's end is when
     * its deployment scaled it down or retired, not a completion, so none of this is in {@link Times} or the tenants'
     * job figures.
     *
     * @param count replicas the deployments asked for ({@link Counts#servingReplicas()})
     * @param ended replicas scaled down or retired within the run
     * @param running replicas serving at the horizon
     * @param queued replicas waiting for GPUs at the horizon
     * @param notSubmitted replicas asked for after the horizon
     * @param rejected replicas no GPU of the cluster can hold
     * @param preemptions preemptions of replicas
     * @param waitS first start − submit (the wait for GPUs) of every replica that started
     * @param queueingS all time waiting for GPUs of every admitted replica, up to the horizon for one that is queued
     * @param lifetimeS end − first start (how long it served, any preemption's wait included) of every replica that ended
     */
    public record Replicas(int count, int ended, int running, int queued, int notSubmitted, int rejected,
                           int preemptions, Distribution waitS, Distribution queueingS, Distribution lifetimeS) {
    }

    /**
     * What failures and spot reclaims did (docs/FAULTS.md).
     *
     * @param gpuFailures failures of a GPU (each takes its node out)
     * @param nodeFailures failures of a host
     * @param linkFailures failures of a node's scale-out links
     * @param spotReclaims spot nodes taken back by the provider
     * @param nodeHoursDown node-hours out of service, up to the end of the run
     * @param goodput GPU-time that made kept progress (not restarting, not redone, not writing checkpoints) over
     *                GPU-time held, over every job that ran (serving replicas, which keep no checkpointed progress,
     *                not counted); null when none ran
     */
    public record Reliability(int gpuFailures, int nodeFailures, int linkFailures, int spotReclaims,
                              double nodeHoursDown, Double goodput) {
        /** Nothing failed and nothing ran. */
        public static final Reliability NONE = new Reliability(0, 0, 0, 0, 0, null);
    }

    /**
     * Jobs by their state at the end of the run.
     *
     * @param jobs every job of the workload, serving replicas included ({@link RunSummary#jobCounts()} leaves them out)
     * @param running jobs holding GPUs at the horizon
     * @param queued jobs waiting at the horizon (never started, or preempted and not restarted)
     * @param notSubmitted jobs whose submit time lies after the horizon
     * @param preemptions preemptions over all jobs
     * @param servingReplicas how many of the jobs are serving replicas (each replica of a deployment is a gang the
     *                        scheduler places like a job), not training jobs; left out of summary.json when 0
     */
    public record Counts(int jobs, int finished, int running, int queued, int notSubmitted, int rejected,
                         int preemptions, @JsonInclude(JsonInclude.Include.NON_DEFAULT) int servingReplicas) {

        /** Counts of a run without serving replicas. */
        public Counts(int jobs, int finished, int running, int queued, int notSubmitted, int rejected, int preemptions) {
            this(jobs, finished, running, queued, notSubmitted, rejected, preemptions, 0);
        }

        /** The jobs that are training jobs (every job but the serving replicas). */
        public int trainingJobs() {
            return jobs - servingReplicas;
        }
    }

    /**
     * The jobs' time statistics ({@link dev.fleetsim.engine.workload.JobKind#isJob()}: serving replicas are in
     * {@link Replicas}).
     *
     * @param makespanS from time 0 to the last job end (or the horizon)
     * @param waitS wait before the first start (first start − submit) of every job that started
     * @param queueingS all time spent queued (before the first start and after each preemption) of every submitted,
     *                  admitted job; for a job unfinished at the horizon, up to the horizon
     * @param jctS completion time (end − submit) of every finished job
     * @param slowdown completion time over ideal run time (the run's own ideal iteration time × iterations) of every
     *                 finished job that could run
     * @param censoring what the horizon cut short
     */
    public record Times(double makespanS, Distribution waitS, Distribution queueingS, Distribution jctS,
                        Distribution slowdown, Censoring censoring) {
    }

    /**
     * What a horizon hides from the time statistics: jobs still waiting for their first start
     * are not in {@code waitS} (their waits would be at least horizon − submit), and unfinished jobs
     * are not in {@code jctS} or {@code slowdown}.
     *
     * @param horizonS the horizon, or null when the run went on until every job ended
     * @param neverStarted submitted jobs that had not started by the horizon (waits censored)
     * @param unfinished started jobs that had not finished by the horizon (JCT censored)
     * @param note the same in words, for the summary's reader
     */
    public record Censoring(Double horizonS, int neverStarted, int unfinished, String note) {
    }

    /**
     * @param allocatedUtilisation allocated GPU-time over total GPU-time during the makespan
     * @param busyUtilisation computing GPU-time (allocated × compute fraction) over total GPU-time
     * @param allocatedGpuHours GPU-hours held by jobs
     */
    public record Utilisation(double allocatedUtilisation, double busyUtilisation, double allocatedGpuHours) {
    }

    /**
     * What the fleet cost over the makespan, priced by {@link dev.fleetsim.engine.pricing.FleetCost} (the same
     * rule as {@code fleetsim plan}): each node group at its purchase's terms, every hour, busy or not.
     *
     * @param gpuCostUsd rented groups' GPU-hours at their purchase's price, owned groups' amortised capital and
     *                   data-centre charge
     * @param energyKWh facility energy of the fleet's GPUs over the makespan (PUE included)
     * @param energyCostUsd the energy an owner pays for: owned groups' GPUs (as drawn) and hosts, at the scenario's
     *                      electricity price; rented prices include power, so rented groups add none
     * @param totalCostUsd GPU cost plus energy cost
     * @param usdPerMonth the same fleet's cost per month (what {@code fleetsim plan} minimises)
     * @param monthlyByGroup each node group's cost per month
     */
    public record Cost(double gpuCostUsd, double energyKWh, double energyCostUsd, double totalCostUsd,
                       double usdPerMonth, List<dev.fleetsim.engine.pricing.FleetCost.GroupCost> monthlyByGroup) {
        public Cost {
            monthlyByGroup = monthlyByGroup == null ? List.of() : List.copyOf(monthlyByGroup);
        }

        /** A cost without the monthly figures (unknown: NaN). */
        public Cost(double gpuCostUsd, double energyKWh, double energyCostUsd, double totalCostUsd) {
            this(gpuCostUsd, energyKWh, energyCostUsd, totalCostUsd, Double.NaN, List.of());
        }
    }

    /**
     * What the fleet delivered to training over the run's span (time 0 to the makespan, which is the horizon when
     * there is one): tokens per iteration times the iterations each training job completed and kept (work lost to
     * a preemption or a fault is not counted; a job cut by the horizon counts what it did), summed over jobs.
     *
     * @param tokens tokens trained
     * @param tokensPerDay tokens over the span in days
     */
    public record Training(double tokens, double tokensPerDay) {
        /** Not recorded (a summary written before the group existed). */
        public static final Training UNKNOWN = new Training(Double.NaN, Double.NaN);
    }

    /**
     * How the tenants fared, each and against each other.
     *
     * @param fairness Jain's index over the tenants' mean slowdowns, in [1/n, 1] (1 = every tenant slowed alike);
     *                 null when no job finished
     * @param byTenant each tenant's figures, by tenant name
     */
    public record Tenants(Double fairness, Map<String, Tenant> byTenant) {
        public Tenants {
            byTenant = java.util.Collections.unmodifiableMap(new TreeMap<>(byTenant));
        }
    }

    /**
     * One tenant's work: the time statistics as in {@link Times}, over its jobs only, and what its jobs and serving
     * replicas held and cost (a tenant's bill is both).
     *
     * @param jobs its jobs (serving replicas not counted)
     * @param finished its jobs that finished
     * @param gpuHours GPU-hours its jobs and replicas held (restarts and lost work included)
     * @param costUsd its jobs' and replicas' GPU-hours at their types' prices plus their energy
     * @param servingReplicas its serving replicas; left out of summary.json when 0
     */
    public record Tenant(int jobs, int finished, Distribution waitS, Distribution queueingS, Distribution jctS,
                         Distribution slowdown, double gpuHours, double costUsd,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) int servingReplicas) {

        /** A tenant without serving replicas. */
        public Tenant(int jobs, int finished, Distribution waitS, Distribution queueingS, Distribution jctS,
                      Distribution slowdown, double gpuHours, double costUsd) {
            this(jobs, finished, waitS, queueingS, jctS, slowdown, gpuHours, costUsd, 0);
        }
    }

    /**
     * @param events events the kernel fired
     * @param networkUpdates max-min re-computations of the shared network (one per job start or stop that adds or
     *                       removes flows; 0 with the analytic network)
     * @param rateChanges times a running job's iteration time changed because its network share did
     */
    public record Kernel(long events, long networkUpdates, long rateChanges) {
    }
}
