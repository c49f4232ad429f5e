package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.ClusterState;
import dev.fleetsim.engine.cluster.ClusterView;
import dev.fleetsim.engine.kernel.EventHandle;
import dev.fleetsim.engine.kernel.SimTime;
import dev.fleetsim.engine.kernel.Simulator;
import dev.fleetsim.engine.metrics.DecisionRecord;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.perf.FlowStepModel;
import dev.fleetsim.engine.perf.StepEstimate;
import dev.fleetsim.engine.perf.StepTimeModel;
import dev.fleetsim.engine.scenario.Echo;
import dev.fleetsim.engine.scenario.PreemptionSpec;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scheduling.Explanation;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.Placement;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One run of a scenario's training workload: arrivals, scheduling rounds, job starts and
 * completions on the event kernel, with fluid progress (one completion event per job start or
 * rate change, never one per iteration). Owns the cluster state and the jobs; the policy only
 * proposes placements, which are checked here before they are applied.
 */
public final class TrainingSimulation {
    private final ScenarioSpec scenario;
    private final String policyName;
    private final SchedulingPolicy policy;
    private final StepTimeModel stepModel;
    private final Topology topology;
    private final ClusterState cluster;
    private final ClusterView clusterView;
    private final Simulator sim = new Simulator();
    private final List<Job> jobs = new ArrayList<>();
    private final Map<String, Job> jobsById = new HashMap<>();
    private final List<JobView> queue = new ArrayList<>();
    private final List<JobView> queueView = Collections.unmodifiableList(queue);
    private final Map<Integer, Job> running = new LinkedHashMap<>();
    private final RunMetrics metrics;
    private final List<DecisionRecord> decisions = new ArrayList<>();
    /** The shared flow-level network; null when the step model costs jobs alone (analytic). */
    private final NetworkCoupling network;
    private final PreemptionSpec preemptionCost;
    private EventHandle wake;
    private int nextArrival;
    private boolean roundPending;
    private int ended;

    public TrainingSimulation(ScenarioSpec scenario, String policyName, SchedulingPolicy policy,
                              Function<Topology, StepTimeModel> stepModelFactory) {
        this.scenario = scenario;
        this.policyName = policyName;
        this.policy = policy;
        this.topology = Topology.build(scenario.cluster(), scenario.hardware());
        this.stepModel = stepModelFactory.apply(topology);
        this.cluster = new ClusterState(topology);
        this.clusterView = cluster.readOnlyView();
        this.metrics = new RunMetrics(topology, scenario.cost());
        this.network = stepModel instanceof FlowStepModel ? new NetworkCoupling((FlowStepModel) stepModel, this::changePace) : null;
        this.preemptionCost = scenario.policy().preemption();
        JobAdmission admission = new JobAdmission(topology, cluster, stepModel);
        List<TrainingJobSpec> specs = WorkloadExpansion.expand(scenario, admission);
        for (TrainingJobSpec spec : specs) {
            JobAdmission.Verdict v = admission.admit(spec);
            Job job = new Job(jobs.size(), spec, new JobView(spec.id(), spec, spec.submitTimeNs(), spec.gpus(),
                    v.gpuTypes(), v.idealIterationTimeS()));
            job.reason = v.reason();
            if (jobsById.putIfAbsent(spec.id(), job) != null) {
                throw new IllegalArgumentException("duplicate job id " + spec.id());
            }
            jobs.add(job);
        }
    }

    public Topology topology() {
        return topology;
    }

    /** Runs to the horizon (or until every job has ended) and returns the results. */
    public RunResult run(RunControl control) {
        if (!jobs.isEmpty()) {
            sim.schedule(jobs.get(0).spec.submitTimeNs(), s -> arrive());
        }
        long horizon = scenario.simulation().horizonNs().orElse(Long.MAX_VALUE);
        Runnable onCheck = () -> control.progress(progress(horizon), sim.nowNs(), ended, jobs.size());
        // Without a horizon the run ends when the last job does, and at the latest when the clock's span is up.
        if (!sim.run(Math.min(horizon, SimTime.MAX_NS), control::cancelled, onCheck)) {
            throw new RunCancelledException(sim.nowNs());
        }
        if (horizon == Long.MAX_VALUE && ended < jobs.size()) {
            throw new RunRefusedException(List.of(pastTheClock()));
        }
        long endNs = horizon == Long.MAX_VALUE ? sim.nowNs() : horizon;
        control.progress(1.0, endNs, ended, jobs.size());
        List<JobRecord> records = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            job.accrue(endNs);
            records.add(metrics.record(job, endNs));
        }
        return new RunResult(scenario,
                metrics.summary(scenario.name(), scenario.simulation().seed(), policyName, records, endNs, sim.eventsFired(),
                        network == null ? 0 : network.updates(), network == null ? 0 : network.paceChanges()),
                records, metrics.timeseries(scenario.simulation().timeseriesPoints(), endNs), decisions,
                network == null ? List.of() : network.links(endNs));
    }

    /** Why a run without a horizon did not end within the clock's span, naming a job that would not. */
    private Problem pastTheClock() {
        Job late = null;
        for (Job j : jobs) {
            if (j.state != JobState.FINISHED && j.state != JobState.REJECTED
                    && (late == null || j.state == JobState.RUNNING && late.state != JobState.RUNNING)) {
                late = j;
            }
        }
        String why = late == null ? "" : late.state == JobState.RUNNING
                ? String.format(Locale.ROOT, "; job %s, running %,d iterations at %.3g s each, would need about %s",
                Echo.plain(late.spec.id()), late.spec.iterations(), late.iterationTimeNs / 1e9,
                SimTime.years(late.spec.iterations() * late.iterationTimeNs))
                : "; job " + Echo.plain(late.spec.id()) + " is " + late.state.name().toLowerCase(Locale.ROOT)
                + (late.spec.submitTimeNs() > SimTime.MAX_NS / 2 ? " (submitted at " + SimTime.years(late.spec.submitTimeNs())
                + ")" : "");
        return new Problem("simulation.horizon", "none, and " + (jobs.size() - ended) + " of " + jobs.size()
                + " jobs had not ended after " + SimTime.years(SimTime.MAX_NS) + " of simulated time" + why,
                "jobs that end within " + SimTime.years(SimTime.MAX_NS) + " (fewer iterations or tokens), or a horizon"
                        + " of at most that, to study the run up to it");
    }

    private double progress(long horizon) {
        if (horizon != Long.MAX_VALUE) {
            return Math.min(1.0, (double) sim.nowNs() / horizon);
        }
        return jobs.isEmpty() ? 1.0 : (double) ended / jobs.size();
    }

    private void arrive() {
        long now = sim.nowNs();
        boolean queued = false;
        while (nextArrival < jobs.size() && jobs.get(nextArrival).spec.submitTimeNs() == now) {
            Job job = jobs.get(nextArrival++);
            if (job.view.feasibleGpuTypes().isEmpty()) {
                job.state = JobState.REJECTED;
                jobEnded();
            } else {
                job.state = JobState.QUEUED;
                queue.add(job.view);
                queued = true;
            }
        }
        if (nextArrival < jobs.size()) {
            sim.schedule(jobs.get(nextArrival).spec.submitTimeNs(), s -> arrive());
        }
        if (queued) {
            metrics.queueChanged(now, queue.size());
            requestRound();
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
        SchedulingDecision decision = policy.schedule(new RoundContext(now, queueView, running.values(), clusterView));
        for (Explanation e : decision.explanations()) {
            decisions.add(new DecisionRecord(now, e.jobId(), e.outcome(), e.reason(), e.details()));
        }
        decision.wakeAtNs().ifPresent(this::wakeAt);
        if (decision.placements().isEmpty() && decision.preemptedJobIds().isEmpty()) {
            return;
        }
        for (String id : decision.preemptedJobIds()) {
            preempt(checkedRunning(id));
        }
        Set<String> started = new HashSet<>();
        Set<JobView> startedViews = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Placement p : decision.placements()) {
            Job job = checked(p, started);
            startedViews.add(job.view);
            start(job, p.gpus());
            started.add(job.spec.id());
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

    private Job checkedRunning(String id) {
        Job job = jobsById.get(id);
        if (job == null || job.state != JobState.RUNNING) {
            throw new PolicyViolationException(policyName, "cannot preempt job " + id + ": it is "
                    + (job == null ? "unknown" : job.state.name().toLowerCase(Locale.ROOT)));
        }
        return job;
    }

    /**
     * Stops a running job and puts it back in the queue at its submit-order place. It keeps the
     * progress of its last checkpoint; the work since is lost, and it pays the restart overhead
     * when it next starts ({@link Checkpoints}).
     */
    private void preempt(Job job) {
        long now = sim.nowNs();
        stopRun(job, now);
        job.iterationsDone = job.checkpoints.preempt(job.runStartNs, now, job.iterationsDone, job.iterationTimeNs);
        job.state = JobState.QUEUED;
        job.preemptions++;
        job.view = new JobView(job.view.id(), job.spec, job.view.submitTimeNs(), job.view.gpus(),
                job.view.feasibleGpuTypes(), job.view.idealIterationTimeS(), job.iterationsDone, job.attainedGpuNs / 1e9,
                now, job.ranNs / 1e9);
        int at = 0;
        while (at < queue.size() && submitOrder(queue.get(at)) < job.index) {
            at++;
        }
        queue.add(at, job.view);
    }

    private int submitOrder(JobView v) {
        return jobsById.get(v.id()).index;
    }

    /** Ends the job's current run: progress and attained service accrued, GPUs released, completion cancelled. */
    private void stopRun(Job job, long now) {
        job.accrue(now);
        job.ranNs += now - job.runStartNs;
        job.attainedGpuNs += (double) job.gpus.length * (now - job.runStartNs);
        sim.cancel(job.completion);
        job.completion = null;
        cluster.release(job.index, job.gpus);
        running.remove(job.index);
        metrics.jobStopped(now, job);
        if (network != null) {
            network.stopped(job, now);
        }
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

    private Job checked(Placement p, Set<String> startedThisRound) {
        Job job = jobsById.get(p.jobId());
        if (job == null) {
            throw new PolicyViolationException(policyName, "unknown job " + p.jobId());
        }
        if (job.state != JobState.QUEUED || startedThisRound.contains(job.spec.id())) {
            throw new PolicyViolationException(policyName, "job " + p.jobId() + " is " + job.state.name().toLowerCase(Locale.ROOT)
                    + (startedThisRound.contains(job.spec.id()) ? " (placed twice)" : ""));
        }
        int[] gpus = p.gpus();
        if (gpus.length != job.spec.gpus()) {
            throw new PolicyViolationException(policyName, "job " + p.jobId() + " needs " + job.spec.gpus()
                    + " GPUs as one gang, got " + gpus.length);
        }
        BitSet seen = new BitSet();
        String type = null;
        for (int g : gpus) {
            if (g < 0 || g >= topology.gpuCount()) {
                throw new PolicyViolationException(policyName, "GPU " + g + " does not exist");
            }
            if (seen.get(g) || !cluster.isFree(g)) {
                throw new PolicyViolationException(policyName, "GPU " + g + " for job " + p.jobId() + " is not free");
            }
            seen.set(g);
            String t = topology.gpuSpecOf(g).name();
            if (type != null && !type.equals(t)) {
                throw new PolicyViolationException(policyName, "job " + p.jobId() + " mixes GPU types " + type + " and " + t);
            }
            type = t;
        }
        if (!job.view.feasibleGpuTypes().contains(type)) {
            throw new PolicyViolationException(policyName, "job " + p.jobId() + " cannot run on " + type
                    + "; feasible: " + job.view.feasibleGpuTypes());
        }
        return job;
    }

    private void start(Job job, int[] gpus) {
        long now = sim.nowNs();
        cluster.allocate(job.index, gpus);
        job.gpus = gpus;
        job.state = JobState.RUNNING;
        if (job.preemptions == 0) {
            job.startNs = now;
        }
        job.beginRun(now, job.preemptions > 0 ? preemptionCost.restartOverheadNs() : 0,
                preemptionCost.checkpointIntervalNs());
        job.estimate = stepModel.estimate(job.spec, topology, gpus);
        job.iterationTimeNs = job.estimate.iterationTimeS() * 1e9;
        job.completion = sim.scheduleIn(job.remainingNs(), s -> finish(job));
        running.put(job.index, job);
        metrics.jobStarted(now, job);
        if (network != null) {
            network.started(job, now);
        }
    }

    /** A running job's pace changed (its network share did): progress accrued, its one completion event moved. */
    private void changePace(Job job, StepEstimate paced) {
        long now = sim.nowNs();
        job.accrue(now);
        metrics.jobStopped(now, job);
        job.estimate = paced;
        job.iterationTimeNs = paced.iterationTimeS() * 1e9;
        metrics.jobStarted(now, job);
        sim.cancel(job.completion);
        job.completion = sim.scheduleIn(job.remainingNs(), s -> finish(job));
    }

    private void finish(Job job) {
        long now = sim.nowNs();
        job.completion = null;
        stopRun(job, now);
        job.checkpoints.finish(job.runStartNs, now);
        job.iterationsDone = job.spec.iterations();
        job.state = JobState.FINISHED;
        job.endNs = now;
        jobEnded();
        requestRound();
    }

    private void jobEnded() {
        ended++;
        if (ended == jobs.size()) {
            // Nothing left to schedule: a pending wake-up would only stretch the makespan.
            sim.cancel(wake);
            wake = null;
        }
    }
}
