package dev.fleetsim.policies.solver;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rounds without local search skip the solver ({@link RoundSolver#greedyOnly}): on random small
 * rounds they get exactly the schedule and score OptaPlanner's solver returns for them — the
 * greedy start's result when it scores strictly better than all jobs waiting, else the queue.
 */
class GreedyOnlyRoundTest {

    @Test
    void roundsOfAtMostTwoMovableJobsGetTheSolversAnswer() {
        RoundSolver solver = new RoundSolver(SolverPolicyParams.defaults());
        int compared = compare(solver, 2, 400);
        assertTrue(compared > 300, "rounds with at most two movable jobs: " + compared);
    }

    @Test
    void roundsWithoutStepsGetTheSolversAnswer() {
        RoundSolver solver = new RoundSolver(SolverPolicyParams.parse(Map.of("steps", 0)));
        assertEquals(300, compare(solver, 8, 300));
    }

    /** Compares both on the rounds of seeds 0.. that have no local search; returns how many. */
    private static int compare(RoundSolver solver, int maxJobs, int seeds) {
        int compared = 0;
        int placedSome = 0;
        int keptQueue = 0;
        for (long seed = 0; seed < seeds; seed++) {
            RoundSchedule forSolver = RandomRounds.round(seed, maxJobs);
            if (RoundSolver.tabuSize(solverParams(solver), movable(forSolver)) != 0) {
                continue;
            }
            RoundSchedule expected = solver.solveWithOptaPlanner(forSolver, seed);
            RoundSchedule actual = RoundSolver.greedyOnly(RandomRounds.round(seed, maxJobs));
            assertEquals(expected.getScore(), actual.getScore(), "seed " + seed);
            assertEquals(groups(expected), groups(actual), "seed " + seed);
            compared++;
            boolean placed = groups(actual).stream().anyMatch(g -> !g.endsWith("=queue"));
            placedSome += placed ? 1 : 0;
            keptQueue += placed ? 0 : 1;
        }
        assertTrue(placedSome > 0 && keptQueue > 0, "placed " + placedSome + ", all queued " + keptQueue);
        return compared;
    }

    private static SolverPolicyParams solverParams(RoundSolver solver) {
        return solver.params();
    }

    private static int movable(RoundSchedule s) {
        int n = 0;
        for (JobAssignment a : s.getJobs()) {
            n += a.isPinned() ? 0 : 1;
        }
        return n;
    }

    private static List<String> groups(RoundSchedule s) {
        List<String> out = new ArrayList<>();
        for (JobAssignment a : s.getJobs()) {
            out.add(a.getId() + "=" + a.getGroup());
        }
        return out;
    }
}
