package dev.fleetsim.policies.solver;

import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static dev.fleetsim.policies.solver.Fixtures.group;
import static dev.fleetsim.policies.solver.Fixtures.job;
import static dev.fleetsim.policies.solver.Fixtures.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A knapsack round where the greedy start is wrong and the optimum is known: one node with 8
 * free GPUs; job A (8 GPUs, priority 9: waiting costs 10) and jobs B and C (4 GPUs each,
 * priority 5: 6 each). Greedy takes A first, leaving B and C queued: 12 × 1000 soft. Placing B
 * and C and queuing A costs 10 × 1000: the optimum, and local search must find it.
 */
class RoundSolverSmokeTest {

    private static RoundSchedule knapsack() {
        GpuNode n0 = node(0, 0, 8);
        GpuGroup queue = GpuGroup.queue();
        GpuGroup whole = group(8, n0);
        GpuGroup half = group(4, n0);
        List<JobAssignment> jobs = new ArrayList<>();
        jobs.add(new JobAssignment(job("A", 8, 1, 9, 0), List.of(whole, queue), queue));
        jobs.add(new JobAssignment(job("B", 4, 1, 5, 0), List.of(half, queue), queue));
        jobs.add(new JobAssignment(job("C", 4, 1, 5, 0), List.of(half, queue), queue));
        return new RoundSchedule(List.of(n0), List.of(), jobs, ScheduleWeights.defaults());
    }

    private static TreeSet<String> placed(RoundSchedule s) {
        TreeSet<String> out = new TreeSet<>();
        for (JobAssignment a : s.getJobs()) {
            if (a.isPlaced()) {
                out.add(a.getId());
            }
        }
        return out;
    }

    @Test
    void greedyStartAloneMissesTheOptimum() {
        RoundSchedule solved = new RoundSolver(SolverPolicyParams.parse(Map.of("steps", 0))).solve(knapsack(), 0);
        assertEquals(HardSoftLongScore.ofSoft(-(6 + 6) * 1000), solved.getScore());
        assertEquals(new TreeSet<>(List.of("A")), placed(solved));
    }

    @Test
    void localSearchReachesTheKnownOptimum() {
        RoundSchedule solved = new RoundSolver(SolverPolicyParams.defaults()).solve(knapsack(), 0);
        assertEquals(HardSoftLongScore.ofSoft(-10 * 1000), solved.getScore());
        assertEquals(new TreeSet<>(List.of("B", "C")), placed(solved));
    }

    @Test
    void everySeedReachesItAndTheSameSeedGivesTheSameSolution() {
        for (long seed = 0; seed < 5; seed++) {
            RoundSolver solver = new RoundSolver(SolverPolicyParams.parse(Map.of("seed", seed)));
            RoundSchedule a = solver.solve(knapsack(), 3);
            RoundSchedule b = solver.solve(knapsack(), 3);
            assertEquals(HardSoftLongScore.ofSoft(-10 * 1000), a.getScore(), "seed " + seed);
            assertEquals(placed(a), placed(b), "seed " + seed);
        }
    }
}
