package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.ClusterState;
import dev.fleetsim.engine.cluster.ClusterView;
import dev.fleetsim.engine.kernel.EventHandle;
import dev.fleetsim.engine.kernel.SimTime;
import dev.fleetsim.engine.kernel.Simulator;
import dev.fleetsim.engine.metrics.DecisionRecord;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.ServiceResult;
import dev.fleetsim.engine.observe.JobEvent;
import dev.fleetsim.engine.observe.RunProgress;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scheduling.Explanation;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.Placement;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.JobSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One run of a scenario on its cluster, for every job kind: arrivals, coalesced scheduling
 * rounds, the policy's placements checked ({@link PlacementCheck}) and applied, preemptions,
 * wake-ups, and the metrics at every change, on the event kernel. It owns the cluster state and
 * the jobs; the policy only proposes. What a job does while it holds GPUs is its kind's
 * ({@link Job}'s subclass and runtime, found by {@link JobRuntimes}): the cluster run knows no
 * iteration, model or network. An observer sees samples, job events and progress, and may
 * cancel; it never changes the results.
 */
public final class ClusterRun implements RunHooks {
    private final ScenarioSpec scenario;
    private final String policyName;
    private final SchedulingPolicy policy;
    private final Topology topology;
    private final ClusterState cluster;
    private final ClusterView clusterView;
    private final Simulator sim = new Simulator();
    private final JobRuntimes runtimes;
    private final PlacementCheck check;
    private final RunJobs jobs;
    private final List<JobView> queue = new ArrayList<>();
    private final List<JobView> queueView = Collections.unmodifiableList(queue);
    private final RunningList running = new RunningList();
    private final RunMetrics metrics;
    private final List<DecisionRecord> decisions = new ArrayList<>();
    private final NodeOutages outages;
    private SimulationObserver observer = SimulationObserver.NONE;
    private EventHandle wake;
    private boolean roundPending;
    private int ended;

    public ClusterRun(ScenarioSpec scenario, String policyName, SchedulingPolicy policy, PerformanceModels models) {
        this.scenario = scenario;
        this.policyName = policyName;
        this.policy = policy;
        this.topology = Topology.build(scenario.cluster(), scenario.hardware());
        this.cluster = new ClusterState(topology);
        this.clusterView = cluster.readOnlyView();
        this.metrics = new RunMetrics(topology, scenario.cost(), scenario.hardware());
        this.runtimes = new JobRuntimes(scenario, topology, models, this);
        this.check = new PlacementCheck(policyName, topology, cluster);
        this.outages = new NodeOutages(scenario, topology, sim);
        this.jobs = new RunJobs(WorkloadExpansion.expand(scenario, runtimes), runtimes);
    }

    public Topology topology() {
        return topology;
    }

    /**
     * Runs to the horizon (or until every job has ended) and returns the results.
     *
     * @throws RunCancelledException when the observer cancels
     */
    public RunResult run(SimulationObserver watcher) {
        this.observer = watcher;
        SampleFeed feed = new SampleFeed(watcher, scenario.cost().pue(), metrics.fleetUsdPerHour(),
                runtimes::linkLoads);
        metrics.feed(feed);
        runtimes.start();
        if (jobs.hasArrival()) {
            sim.schedule(jobs.nextArrivalNs(), s -> arrive());
        }
        if (jobs.size() > 0) {
            // A node going out interrupts its jobs as a preemption does (docs/FAULTS.md).
            outages.start(cluster, index -> {
                Job job = jobs.live(index);
                preempt(job);
                job.interruptions++;
                metrics.queueChanged(sim.nowNs(), queue.size());
            }, this::requestRound);
        }
        long horizon = scenario.simulation().horizonNs().orElse(Long.MAX_VALUE);
        Runnable onCheck = () -> watcher.progress(new RunProgress(progress(horizon), sim.nowNs(), ended, jobs.size()));
        // Without a horizon the run ends when the last event does, and at the latest when the clock's span is up.
        if (!sim.run(Math.min(horizon, SimTime.MAX_NS), watcher::cancelled, onCheck)) {
            throw new RunCancelledException(sim.nowNs());
        }
        if (horizon == Long.MAX_VALUE && sim.pendingEvents() > 0) {
            throw new RunRefusedException(List.of(jobs.pastTheClock(ended)));
        }
        long endNs = horizon == Long.MAX_VALUE ? sim.nowNs() : horizon;
        feed.finish(endNs);
        watcher.progress(new RunProgress(1.0, endNs, ended, jobs.size()));
        List<JobRecord> records = jobs.records(metrics, endNs);
        List<ServiceResult> services = runtimes.serviceResults(endNs, scenario.simulation().timeseriesPoints());
        return new RunResult(scenario,
                metrics.summary(scenario.name(), scenario.simulation().seed(), policyName, records, endNs,
                        scenario.simulation().horizonNs(), goodput -> outages.summary(endNs, goodput),
                        sim.eventsFired(), runtimes.networkUpdates(), runtimes.paceChanges())
                        .withServices(services.stream().map(ServiceResult::summary).toList()),
                records, metrics.timeseries(scenario.simulation().timeseriesPoints(), endNs), decisions,
                runtimes.links(endNs), services);
    }

    private double progress(long horizon) {
        if (horizon != Long.MAX_VALUE) {
            return Math.min(1.0, (double) sim.nowNs() / horizon);
        }
        double jobsDone = jobs.size() == 0 ? 1.0 : (double) ended / jobs.size();
        // A deployment's replicas end only when its stream does: its share of the stream's time tells more.
        double serving = runtimes.servingProgress(sim.nowNs());
        return serving < 0 ? jobsDone : Math.min(serving, jobs.knownCount() == 0 ? 1.0 : jobsDone);
    }

    private void arrive() {
        long now = sim.nowNs();
        boolean queued = false;
        while (jobs.hasArrival() && jobs.nextArrivalNs() == now) {
            queued |= enter(jobs.arrive());
        }
        if (jobs.hasArrival()) {
            sim.schedule(jobs.nextArrivalNs(), s -> arrive());
        }
        if (queued) {
            metrics.queueChanged(now, queue.size());
            requestRound();
        }
    }

    /** A submitted job joins the queue, or is rejected when no GPU type can hold it; true when it queued. */
    private boolean enter(Job job) {
        if (job.traits.feasibleGpuTypes().isEmpty()) {
            job.state = JobState.REJECTED;
            event(JobEvent.Type.REJECTED, job, new int[0]);
            jobEnded(job);
            return false;
        }
        job.state = JobState.QUEUED;
        queue.add(job.view);
        return true;
    }

    @Override
    public Simulator simulator() {
        return sim;
    }

    @Override
    public void submit(JobSpec spec) {
        Job job = jobs.submit(spec);
        if (enter(job)) {
            metrics.queueChanged(sim.nowNs(), queue.size());
            requestRound();
        }
    }

    @Override
    public void retire(String jobId) {
        Job job = jobs.byId(jobId);
        if (job == null) {
            if (!jobs.knows(jobId)) {
                throw new IllegalArgumentException("no job " + jobId + " to retire");
            }
            return; // pending, or already ended
        }
        if (job.state == JobState.RUNNING) {
            sim.cancel(job.completion);
            finish(job);
        } else if (job.state == JobState.QUEUED) {
            queue.remove(job.view);
            job.state = JobState.FINISHED;
            job.endNs = sim.nowNs();
            metrics.queueChanged(sim.nowNs(), queue.size());
            event(JobEvent.Type.FINISHED, job, new int[0]);
            jobEnded(job);
        }
    }

    /** Coalesces every change at one instant into one scheduling round after them. */
    private void requestRound() {
        if (!roundPending) {
            roundPending = true;
            sim.schedule(sim.nowNs(), s -> round());
        }
    }

    private void round() {
        roundPending = false;
        if (queue.isEmpty()) {
            return;
        }
        long now = sim.nowNs();
        SchedulingDecision decision = policy.schedule(new RoundContext(now, queueView, running, clusterView));
        for (Explanation e : decision.explanations()) {
            decisions.add(new DecisionRecord(now, e.jobId(), e.outcome(), e.reason(), e.details()));
        }
        decision.wakeAtNs().ifPresent(this::wakeAt);
        if (decision.placements().isEmpty() && decision.preemptedJobIds().isEmpty()) {
            return;
        }
        for (String id : decision.preemptedJobIds()) {
            Job job = jobs.byId(id);
            preempt(check.running(job, id, job == null ? jobs.stateOfEnded(id) : Optional.empty()));
        }
        Set<String> started = new HashSet<>();
        Set<JobView> startedViews = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Placement p : decision.placements()) {
            Job named = jobs.byId(p.jobId());
            Job job = check.placement(p, named, named == null ? jobs.stateOfEnded(p.jobId()) : Optional.empty(), started);
            startedViews.add(job.view);
            start(job, p.gpus());
            started.add(job.traits.id());
        }
        removeFromQueue(startedViews);
        metrics.queueChanged(now, queue.size());
    }

    /**
     * Keeps one pending wake-up round, the latest asked for: a policy's newest decision
     * supersedes what it asked for before. A wake-up is a round request like any other, so it
     * coalesces with arrivals and completions at the same instant.
     */
    private void wakeAt(long timeNs) {
        if (timeNs <= sim.nowNs()) {
            throw new PolicyViolationException(policyName, "wake-up at " + timeNs + " ns is not after now (" + sim.nowNs() + " ns)");
        }
        sim.cancel(wake);
        wake = sim.schedule(timeNs, s -> {
            wake = null;
            requestRound();
        });
    }

    /**
     * Stops a running job and puts it back in the queue at its submit-order place. What the
     * preemption costs it (for training: the work since its last checkpoint, and a restart when
     * it next starts) is its kind's.
     */
    private void preempt(Job job) {
        long now = sim.nowNs();
        int[] gpus = job.gpus;
        stopRun(job, now);
        job.preempted(now);
        job.state = JobState.QUEUED;
        job.preemptions++;
        job.view = new JobView(job.traits, job.remainingIdealSeconds(), job.attainedGpuNs / 1e9, now, job.ranNs / 1e9);
        int at = 0;
        while (at < queue.size() && jobs.byId(queue.get(at).id()).index < job.index) {
            at++;
        }
        queue.add(at, job.view);
        event(JobEvent.Type.PREEMPTED, job, gpus);
    }

    /** Ends the job's current run: progress and attained service accrued, GPUs released, completion cancelled. */
    private void stopRun(Job job, long now) {
        job.accrue(now);
        job.ranNs += now - job.runStartNs;
        job.attainedGpuNs += (double) job.gpus.length * (now - job.runStartNs);
        sim.cancel(job.completion);
        job.completion = null;
        cluster.release(job.index, job.gpus);
        running.unlink(job);
        metrics.jobStopped(now, job);
        job.stopped(now);
    }

    /**
     * Removes started jobs from the queue. Policies mostly start jobs near the head, so the scan
     * stops as soon as all are found and the removals are tail shifts, not a pass over a long queue.
     */
    private void removeFromQueue(Set<JobView> startedViews) {
        int[] indices = new int[startedViews.size()];
        int found = 0;
        for (int i = 0; i < queue.size() && found < indices.length; i++) {
            if (startedViews.contains(queue.get(i))) {
                indices[found++] = i;
            }
        }
        for (int k = found - 1; k >= 0; k--) {
            queue.remove(indices[k]);
        }
    }

    private void start(Job job, int[] gpus) {
        long now = sim.nowNs();
        cluster.allocate(job.index, gpus);
        job.gpus = gpus;
        job.state = JobState.RUNNING;
        if (job.preemptions == 0) {
            job.startNs = now;
        }
        job.runStartNs = now;
        job.begin(now);
        scheduleCompletion(job);
        running.addLast(job);
        metrics.jobStarted(now, job);
        job.started(now);
        event(JobEvent.Type.STARTED, job, gpus);
    }

    @Override
    public void changeRate(Job job, Runnable change) {
        long now = sim.nowNs();
        job.accrue(now);
        metrics.jobStopped(now, job);
        change.run();
        metrics.jobStarted(now, job);
        sim.cancel(job.completion);
        scheduleCompletion(job);
    }

    /** The job's one completion event at its current rate; none for work without an end. */
    private void scheduleCompletion(Job job) {
        long remaining = job.remainingNs();
        job.completion = remaining == Job.NO_END ? null : sim.scheduleIn(remaining, s -> finish(job));
    }

    private void finish(Job job) {
        long now = sim.nowNs();
        int[] gpus = job.gpus;
        job.completion = null;
        stopRun(job, now);
        job.completed(now);
        job.state = JobState.FINISHED;
        job.endNs = now;
        event(JobEvent.Type.FINISHED, job, gpus);
        jobEnded(job);
        requestRound();
    }

    private void event(JobEvent.Type type, Job job, int[] gpus) {
        observer.jobEvent(new JobEvent(sim.nowNs(), type, job.traits.id(), job.traits.tenant(), gpus));
    }

    /** The job ended now: its record is made and its state let go. */
    private void jobEnded(Job job) {
        jobs.ended(job, metrics, sim.nowNs());
        ended++;
        if (ended == jobs.size()) {
            // Nothing left to schedule: a pending wake-up would only stretch the makespan.
            sim.cancel(wake);
            wake = null;
            outages.stop();
        }
    }
}
