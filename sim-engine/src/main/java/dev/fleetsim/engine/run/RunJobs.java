package dev.fleetsim.engine.run;

import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.JobRecords;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.workload.GeneratedJobs;
import dev.fleetsim.engine.workload.JobSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run's jobs by index (submit order, then jobs submitted during the run), each held only as long
 * as it needs to be: a job known before the run stays a {@link JobSpec} until it arrives, its
 * runtime state ({@link Job}) lives from its arrival to its end, and an ended job is kept as its
 * {@link JobRecord}, made when it ends (an ended job's record does not depend on when the run
 * ends) and kept as a row of {@link JobRecords}' columns. So a long run holds the state of its queued and running jobs, not of every job it has seen
 * (docs/ARCHITECTURE.md, "Run state"). The records come back in index order, and the tokens they
 * trained are summed in that order, as when every record was made at the end.
 */
final class RunJobs {
    private final JobRuntimes runtimes;
    /** Jobs known before the run, in submit order; an entry is dropped once the job arrives. Null when {@link #generated} holds them. */
    private final JobSpec[] known;
    /** Jobs known before the run when one generator drew them all, in its columns (nothing to drop); else null. */
    private final GeneratedJobs generated;
    private final int knownCount;
    /** Per index, the job's state from its arrival to its end; null before and after. */
    private final List<Job> live = new ArrayList<>();
    /** Per index, the record of an ended job, in columns; unwritten until it ends. */
    private final JobRecords records;
    private final Map<String, Job> byId = new HashMap<>();
    /** Every id the run has, made on the first submission or retirement during the run (duplicate and unknown ids). */
    private Set<String> allIds;
    private int arrived;

    /** The run's jobs known before it starts, in submit order; duplicate ids are refused. */
    RunJobs(List<JobSpec> specs, JobRuntimes runtimes) {
        this.runtimes = runtimes;
        Object list = specs; // a List<JobSpec> may be a generator's columns (WorkloadGenerator.expand)
        this.generated = list instanceof GeneratedJobs ? (GeneratedJobs) list : null;
        this.known = generated != null ? null : specs.toArray(new JobSpec[0]);
        this.knownCount = specs.size();
        if (generated == null) { // a generator's ids are its name and distinct numbers
            Set<String> ids = new HashSet<>(2 * knownCount);
            for (JobSpec s : known) {
                if (!ids.add(s.id())) {
                    throw new IllegalArgumentException("duplicate job id " + s.id());
                }
            }
        }
        for (int i = 0; i < knownCount; i++) {
            live.add(null);
        }
        this.records = new JobRecords(knownCount);
    }

    /** Every job of the run so far: known before it and submitted during it. */
    int size() {
        return live.size();
    }

    /** How many jobs were known before the run. */
    int knownCount() {
        return knownCount;
    }

    /** Whether a job known before the run has not arrived yet. */
    boolean hasArrival() {
        return arrived < knownCount;
    }

    /** The submit time of the next job to arrive ({@link #hasArrival()}). */
    long nextArrivalNs() {
        return generated != null ? generated.submitTimeNs(arrived) : known[arrived].submitTimeNs();
    }

    /** The next known job arrives: its runtime state is made now. */
    Job arrive() {
        int index = arrived++;
        JobSpec spec = knownSpec(index);
        if (known != null) {
            known[index] = null;
        }
        Job job = runtimes.create(index, spec);
        live.set(index, job);
        byId.put(spec.id(), job);
        return job;
    }

    /** A job submitted during the run, with the next index. */
    Job submit(JobSpec spec) {
        if (!ids().add(spec.id())) {
            throw new IllegalArgumentException("duplicate job id " + spec.id());
        }
        Job job = runtimes.create(live.size(), spec);
        live.add(job);
        records.grow(live.size());
        byId.put(spec.id(), job);
        return job;
    }

    /** The job with this id between its arrival and its end; null otherwise. */
    Job byId(String id) {
        return byId.get(id);
    }

    /** The job at this index between its arrival and its end; null otherwise. */
    Job live(int index) {
        return live.get(index);
    }

    /** Whether the run has a job of this id (at any stage). */
    boolean knows(String id) {
        return ids().contains(id);
    }

    /**
     * The state a job that is not live is in ({@code "finished"}, {@code "rejected"}, {@code "pending"}),
     * or empty for an id the run does not have: for a policy's error only (a pass over the jobs).
     */
    Optional<String> stateOfEnded(String id) {
        for (int i = 0; i < records.size(); i++) {
            if (records.written(i) && records.id(i).equals(id)) {
                return Optional.of(records.state(i).toLowerCase(Locale.ROOT));
            }
        }
        for (int i = arrived; i < knownCount; i++) {
            if (knownId(i).equals(id)) {
                return Optional.of(JobState.PENDING.name().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /** The job ended now: its record replaces its state. */
    void ended(Job job, RunMetrics metrics, long nowNs) {
        records.write(job.index, metrics.record(job, nowNs));
        live.set(job.index, null);
        byId.remove(job.spec().id());
    }

    /**
     * Every job's record at the end of the run, in index order: ended jobs' as they ended, live and
     * pending jobs' now (live jobs' progress accrued to {@code endNs}); the tokens trained are summed
     * into {@code metrics} in the same order. The store is frozen: nothing is recorded after this.
     */
    JobRecords records(RunMetrics metrics, long endNs) {
        for (int i = 0; i < live.size(); i++) {
            if (!records.written(i)) {
                Job job = live.get(i);
                if (job == null) {
                    job = runtimes.create(i, knownSpec(i)); // never arrived: pending at the end
                }
                job.accrue(endNs);
                records.write(i, metrics.record(job, endNs));
            }
            metrics.addTokens(records.tokens(i));
        }
        return records.freeze();
    }

    /** Why a run without a horizon did not end within the clock's span ({@link PastTheClock}). */
    Problem pastTheClock(int ended) {
        // The first running job in index order, else the first that had not ended (queued or pending).
        Job late = null;
        for (int i = 0; i < live.size(); i++) {
            Job j = live.get(i);
            if (j == null && late == null && i >= arrived && i < knownCount) {
                j = runtimes.create(i, knownSpec(i));
            }
            if (j != null && (late == null || j.state == JobState.RUNNING && late.state != JobState.RUNNING)) {
                late = j;
            }
        }
        return PastTheClock.problem(late, live.size(), ended);
    }

    /** Known job {@code i}, not arrived yet. */
    private JobSpec knownSpec(int i) {
        return generated != null ? generated.get(i) : known[i];
    }

    private String knownId(int i) {
        return generated != null ? generated.id(i) : known[i].id();
    }

    private Set<String> ids() {
        if (allIds == null) {
            allIds = new HashSet<>();
            for (int i = arrived; i < knownCount; i++) {
                allIds.add(knownId(i));
            }
            for (int i = 0; i < live.size(); i++) {
                Job j = live.get(i);
                if (j != null) {
                    allIds.add(j.spec().id());
                } else if (records.written(i)) {
                    allIds.add(records.id(i));
                }
            }
        }
        return allIds;
    }
}
