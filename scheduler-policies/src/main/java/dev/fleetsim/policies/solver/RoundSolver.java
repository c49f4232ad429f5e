package dev.fleetsim.policies.solver;

import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
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
 *
 * <p>A round with no local search (two or fewer movable jobs, or {@code steps: 0}) is not given
 * to a solver: {@link #greedyOnly} does what the solver would do with the greedy start as its one
 * phase, with the score from {@link RoundMatches} instead of a constraint session (which cost
 * more than the rest of such a round).
 */
public final class RoundSolver {
    private static final int NO_LOCAL_SEARCH = 0;

    private final SolverPolicyParams params;
    private final Map<Integer, SolverFactory<RoundSchedule>> factories = new HashMap<>();

    public RoundSolver(SolverPolicyParams params) {
        this.params = params;
    }

    /** The best schedule found for this round; {@code schedule} is left as it was, but for its score. */
    public RoundSchedule solve(RoundSchedule schedule, long round) {
        int tabu = tabuSize(params, movable(schedule));
        if (tabu == NO_LOCAL_SEARCH) {
            return greedyOnly(schedule);
        }
        return solveWithOptaPlanner(schedule, round, tabu);
    }

    /** What OptaPlanner's solver returns for this round: the same as {@link #solve}, through a solver always. */
    RoundSchedule solveWithOptaPlanner(RoundSchedule schedule, long round) {
        return solveWithOptaPlanner(schedule, round, tabuSize(params, movable(schedule)));
    }

    private RoundSchedule solveWithOptaPlanner(RoundSchedule schedule, long round, int tabu) {
        return RoundRandom.withSeed(params.seed() + round, factory(tabu)::buildSolver).solve(schedule);
    }

    private static int movable(RoundSchedule schedule) {
        int movable = 0;
        for (JobAssignment a : schedule.getJobs()) {
            movable += a.isPinned() ? 0 : 1;
        }
        return movable;
    }

    /**
     * The solver's answer when the greedy start is its only phase, as its best-solution rule
     * gives it: the solver scores the schedule as given (and sets that score on it), runs the
     * greedy start on a clone, and returns the clone only if its score is strictly better, else
     * the schedule it was given. No random numbers are drawn, so skipping the solver changes
     * nothing for later rounds.
     */
    static RoundSchedule greedyOnly(RoundSchedule schedule) {
        HardSoftLongScore initial = RoundMatches.score(schedule);
        schedule.setScore(initial);
        Map<JobAssignment, GpuGroup> chosen = GreedyStart.choose(schedule);
        if (chosen.isEmpty()) {
            return schedule;
        }
        RoundSchedule working = new RoundSchedule.Cloner().cloneSolution(schedule);
        List<JobAssignment> original = schedule.getJobs();
        for (int i = 0; i < original.size(); i++) {
            GpuGroup g = chosen.get(original.get(i));
            if (g != null) {
                working.getJobs().get(i).setGroup(g);
            }
        }
        HardSoftLongScore greedy = RoundMatches.score(working);
        if (greedy.compareTo(initial) <= 0) {
            return schedule;
        }
        working.setScore(greedy);
        return working;
    }

    SolverPolicyParams params() {
        return params;
    }

    private SolverFactory<RoundSchedule> factory(int tabu) {
        return factories.computeIfAbsent(tabu, t -> SolverFactory.create(config(params, null, t)));
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
