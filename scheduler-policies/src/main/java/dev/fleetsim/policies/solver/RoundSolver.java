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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Solves one round reproducibly: {@link EnvironmentMode#REPRODUCIBLE}, a seed per round, the
 * greedy start, then tabu search over change and swap moves ended by step counts only (a
 * wall-clock limit would make results depend on machine load).
 *
 * <p>A solver factory (which compiles the constraint network: a quarter of a round's time when
 * it was built every round) is built once per tabu size, at most nine per run, and kept. The
 * round's seed cannot be a factory's setting, so each factory is configured with
 * {@link RoundRandom}, which hands the solver it builds a {@code java.util.Random} of the seed
 * that {@link #solve} set for the round: the same generator {@code withRandomSeed(seed)} gave,
 * so the same moves and the same results as a factory per round.
 */
public final class RoundSolver {
    private static final int NO_LOCAL_SEARCH = 0;

    private final SolverPolicyParams params;
    private final Map<Integer, SolverFactory<RoundSchedule>> factories = new HashMap<>();
    private final SolutionManager<RoundSchedule, HardSoftLongScore> explainer;

    public RoundSolver(SolverPolicyParams params) {
        this.params = params;
        this.explainer = SolutionManager.create(factory(NO_LOCAL_SEARCH));
    }

    /** The best schedule found for this round; {@code schedule} is left as it was. */
    public RoundSchedule solve(RoundSchedule schedule, long round) {
        int movable = 0;
        for (JobAssignment a : schedule.getJobs()) {
            movable += a.isPinned() ? 0 : 1;
        }
        SolverFactory<RoundSchedule> factory = factory(tabuSize(params, movable));
        return RoundRandom.withSeed(params.seed() + round, factory::buildSolver).solve(schedule);
    }

    private SolverFactory<RoundSchedule> factory(int tabu) {
        return factories.computeIfAbsent(tabu, t -> SolverFactory.create(config(params, null, t)));
    }

    /** Constraint matches, indictments and justifications of a solved schedule. */
    public ScoreExplanation<RoundSchedule, HardSoftLongScore> explain(RoundSchedule schedule) {
        return explainer.explain(schedule);
    }

    /**
     * The entity tabu size for a round, or {@link #NO_LOCAL_SEARCH}. Tabu search accepts any move
     * of a job that is not tabu, so a step ends as long as some movable job is not tabu. A swap
     * makes two jobs tabu, so at most 2 × tabu jobs are tabu at once: the tabu size stays below
     * half the movable jobs. With two or fewer movable jobs that leaves no tabu size, and the
     * greedy start stands.
     *
     * @param movableJobs jobs with at least one group besides the queue
     */
    static int tabuSize(SolverPolicyParams params, int movableJobs) {
        int tabu = Math.min(7, (movableJobs - 1) / 2);
        return params.steps() > 0 && tabu >= 1 ? tabu : NO_LOCAL_SEARCH;
    }

    /** A round's configuration with a fixed seed: what {@link #solve} does, as one factory per round. */
    static SolverConfig config(SolverPolicyParams params, long seed, int movableJobs) {
        return config(params, Long.valueOf(seed), tabuSize(params, movableJobs));
    }

    /** @param seed the solver's seed, or null for {@link RoundRandom}'s seed of the round being built */
    private static SolverConfig config(SolverPolicyParams params, Long seed, int tabu) {
        List<PhaseConfig> phases = new ArrayList<>();
        phases.add(new CustomPhaseConfig().withCustomPhaseCommands(new GreedyStart()));
        if (tabu != NO_LOCAL_SEARCH) {
            phases.add(new LocalSearchPhaseConfig()
                    .withAcceptorConfig(new LocalSearchAcceptorConfig().withEntityTabuSize(tabu))
                    .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(params.movesPerStep()))
                    .withTerminationConfig(new TerminationConfig()
                            .withStepCountLimit(params.steps())
                            .withUnimprovedStepCountLimit(params.unimprovedSteps())));
        }
        SolverConfig config = new SolverConfig()
                .withSolutionClass(RoundSchedule.class)
                .withEntityClasses(JobAssignment.class)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
                        .withConstraintProviderClass(RoundConstraints.class)
                        .withConstraintStreamImplType(ConstraintStreamImplType.BAVET))
                .withEnvironmentMode(EnvironmentMode.REPRODUCIBLE)
                .withPhaseList(phases);
        return seed != null ? config.withRandomSeed(seed) : config.withRandomFactoryClass(RoundRandom.class);
    }
}
