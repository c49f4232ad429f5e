package dev.fleetsim.policies.solver;

import org.optaplanner.core.api.domain.constraintweight.ConstraintConfigurationProvider;
import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.domain.solution.cloner.SolutionCloner;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;

import java.util.ArrayList;
import java.util.List;

/**
 * The planning solution of one scheduling round: the nodes with their free GPUs, the tenants'
 * quotas, the window's jobs (the entities) and the constraint weights from the scenario. Cloned
 * by {@link Cloner}, which copies only the entities: every fact is immutable for the round. The
 * nodes are not problem facts of the score: no constraint reads them (a job's candidate groups
 * carry its node shares), and inserting hundreds of them into each round's two constraint
 * sessions (solve and explanation) cost more than the rest of a small round's setup; the greedy
 * start and the waiting causes read them through {@link #getNodes}.
 */
@PlanningSolution(solutionCloner = RoundSchedule.Cloner.class)
public final class RoundSchedule {
    private final List<GpuNode> nodes;
    @ProblemFactCollectionProperty
    private final List<TenantQuota> quotas;
    @PlanningEntityCollectionProperty
    private final List<JobAssignment> jobs;
    @ConstraintConfigurationProvider
    private final ScheduleWeights weights;
    @PlanningScore
    private HardSoftLongScore score;

    public RoundSchedule(List<GpuNode> nodes, List<TenantQuota> quotas, List<JobAssignment> jobs, ScheduleWeights weights) {
        this.nodes = nodes;
        this.quotas = quotas;
        this.jobs = jobs;
        this.weights = weights;
    }

    public List<GpuNode> getNodes() {
        return nodes;
    }

    public List<TenantQuota> getQuotas() {
        return quotas;
    }

    public List<JobAssignment> getJobs() {
        return jobs;
    }

    public ScheduleWeights getWeights() {
        return weights;
    }

    public HardSoftLongScore getScore() {
        return score;
    }

    public void setScore(HardSoftLongScore score) {
        this.score = score;
    }

    /** Copies the entities (their group is the only thing the solver changes) and shares the facts. */
    public static final class Cloner implements SolutionCloner<RoundSchedule> {
        @Override
        public RoundSchedule cloneSolution(RoundSchedule original) {
            List<JobAssignment> jobs = new ArrayList<>(original.jobs.size());
            for (JobAssignment a : original.jobs) {
                jobs.add(a.copy());
            }
            RoundSchedule clone = new RoundSchedule(original.nodes, original.quotas, jobs, original.weights);
            clone.score = original.score;
            return clone;
        }
    }
}
