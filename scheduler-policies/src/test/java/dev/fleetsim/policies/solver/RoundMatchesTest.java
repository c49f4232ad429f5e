package dev.fleetsim.policies.solver;

import dev.fleetsim.policies.solver.justification.Justification;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.constraint.ConstraintMatch;
import org.optaplanner.core.api.score.constraint.Indictment;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RoundMatches} against OptaPlanner's own score explanation of {@link RoundConstraints}
 * ({@code SolutionManager.explain}) on 600 random schedules, feasible and not, with random
 * weights (zero ones included): the same total score, and for every job the same score impact
 * per constraint and the same justifications, i.e. the same explanation text.
 */
class RoundMatchesTest {
    private final SolutionManager<RoundSchedule, HardSoftLongScore> optaPlanner =
            SolutionManager.create(SolverFactory.create(RoundSolver.config(SolverPolicyParams.defaults(), 0, 0)));

    @Test
    void sameMatchesAsOptaPlannersExplanationOnRandomSchedules() {
        int hardBroken = 0;
        TreeSet<String> seen = new TreeSet<>();
        for (long seed = 0; seed < 600; seed++) {
            RoundSchedule schedule = RandomRounds.assignRandomly(RandomRounds.round(seed, 8), seed * 31 + 7);
            ScoreExplanation<RoundSchedule, HardSoftLongScore> expected = optaPlanner.explain(schedule);
            RoundMatches actual = RoundMatches.of(schedule);
            assertEquals(expected.getScore(), actual.score(), "seed " + seed);
            assertEquals(expected.getScore(), RoundMatches.score(schedule), "seed " + seed);
            Map<Object, Indictment<HardSoftLongScore>> indictments = expected.getIndictmentMap();
            for (JobAssignment a : schedule.getJobs()) {
                Map<String, HardSoftLongScore> wantSums = new TreeMap<>();
                TreeSet<String> wantWhy = new TreeSet<>();
                Indictment<HardSoftLongScore> indictment = indictments.get(a);
                if (indictment != null) {
                    for (ConstraintMatch<HardSoftLongScore> m : indictment.getConstraintMatchSet()) {
                        wantSums.merge(m.getConstraintName(), m.getScore(), HardSoftLongScore::add);
                        wantWhy.add(((Justification) m.getJustification()).describe());
                    }
                }
                Map<String, HardSoftLongScore> gotSums = new TreeMap<>();
                TreeSet<String> gotWhy = new TreeSet<>();
                for (RoundMatches.Match m : actual.of(a)) {
                    gotSums.merge(m.constraint(), m.score(), HardSoftLongScore::add);
                    gotWhy.add(m.justification().describe());
                }
                assertEquals(wantSums, gotSums, "seed " + seed + ", job " + a);
                assertEquals(wantWhy, gotWhy, "seed " + seed + ", job " + a);
                seen.addAll(gotSums.keySet());
            }
            hardBroken += expected.getScore().hardScore() < 0 ? 1 : 0;
        }
        // the random schedules reach every constraint, and both feasible and infeasible ones
        assertEquals(new TreeSet<>(List.of(RoundConstraints.CAPACITY, RoundConstraints.GPU_TYPE, RoundConstraints.GANG,
                RoundConstraints.MEMORY, RoundConstraints.QUOTA, RoundConstraints.WAITING, RoundConstraints.LOCALITY,
                RoundConstraints.FRAGMENTATION, RoundConstraints.COST, RoundConstraints.ENERGY)), seen);
        assertTrue(hardBroken > 50 && hardBroken < 550, "infeasible schedules: " + hardBroken);
    }
}
