package dev.fleetsim.policies.solver;

import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.config.phase.PhaseConfig;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;
import org.optaplanner.core.config.score.director.ScoreDirectorFactoryConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Solves one round reproducibly: {@link EnvironmentMode#REPRODUCIBLE}, a seed per round, the
 * greedy start, then tabu search over change and swap moves ended by step counts only (a
 * wall-clock limit would make results depend on machine load). Holds one solver factory for
 * score explanations; a round's solver is configured with that round's seed.
 */
public final class RoundSolver {
    private final SolverPolicyParams params;
    private final SolutionManager<RoundSchedule, HardSoftLongScore> explainer;

    public RoundSolver(SolverPolicyParams params) {
        this.params = params;
        this.explainer = SolutionManager.create(SolverFactory.create(config(params, params.seed(), 1)));
    }

    /** The best schedule found for this round; {@code schedule} is left as it was. */
    public RoundSchedule solve(RoundSchedule schedule, long round) {
        int movable = 0;
        for (JobAssignment a : schedule.getJobs()) {
            movable += a.isPinned() ? 0 : 1;
        }
        SolverConfig config = config(params, params.seed() + round, movable);
        return SolverFactory.<RoundSchedule>create(config).buildSolver().solve(schedule);
    }

    /** Constraint matches, indictments and justifications of a solved schedule. */
    public ScoreExplanation<RoundSchedule, HardSoftLongScore> explain(RoundSchedule schedule) {
        return explainer.explain(schedule);
    }

    /** @param movableJobs jobs with at least one group besides the queue */
    static SolverConfig config(SolverPolicyParams params, long seed, int movableJobs) {
        List<PhaseConfig> phases = new ArrayList<>();
        phases.add(new CustomPhaseConfig().withCustomPhaseCommands(new GreedyStart()));
        // Tabu search accepts any move of a job that is not tabu, so a step ends as long as some
        // movable job is not tabu. A swap makes two jobs tabu, so at most 2 × tabu jobs are tabu
        // at once: the tabu size stays below half the movable jobs. With two or fewer movable
        // jobs that leaves no tabu size, and the greedy start stands.
        int tabu = Math.min(7, (movableJobs - 1) / 2);
        if (params.steps() > 0 && tabu >= 1) {
            phases.add(new LocalSearchPhaseConfig()
                    .withAcceptorConfig(new LocalSearchAcceptorConfig().withEntityTabuSize(tabu))
                    .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(params.movesPerStep()))
                    .withTerminationConfig(new TerminationConfig()
                            .withStepCountLimit(params.steps())
                            .withUnimprovedStepCountLimit(params.unimprovedSteps())));
        }
        return new SolverConfig()
                .withSolutionClass(RoundSchedule.class)
                .withEntityClasses(JobAssignment.class)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
                        .withConstraintProviderClass(RoundConstraints.class)
                        .withConstraintStreamImplType(ConstraintStreamImplType.BAVET))
                .withEnvironmentMode(EnvironmentMode.REPRODUCIBLE)
                .withRandomSeed(seed)
                .withPhaseList(phases);
    }
}
