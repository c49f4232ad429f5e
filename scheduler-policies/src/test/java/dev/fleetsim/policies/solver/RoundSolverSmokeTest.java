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

    /**
     * A contested round (6 nodes, 20 jobs of 1 to 8 GPUs, so tabu search takes many random
     * steps): the solver's factories, built once and reused, give round after round exactly the
     * schedule a factory configured with the round's seed gives.
     */
    @Test
    void reusedFactoriesGiveWhatAFactoryPerRoundGives() {
        SolverPolicyParams params = SolverPolicyParams.defaults();
        RoundSolver solver = new RoundSolver(params);
        for (long round = 0; round < 6; round++) {
            int jobs = 4 + (int) round * 3;
            RoundSchedule reused = solver.solve(contested(jobs), round);
            RoundSchedule fresh = org.optaplanner.core.api.solver.SolverFactory.<RoundSchedule>create(
                    RoundSolver.config(params, params.seed() + round, jobs)).buildSolver().solve(contested(jobs));
            assertEquals(fresh.getScore(), reused.getScore(), "round " + round);
            assertEquals(groups(fresh), groups(reused), "round " + round);
        }
    }

    private static RoundSchedule contested(int jobCount) {
        List<GpuNode> nodes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            nodes.add(node(i, i / 2, 2 + (i * 3) % 7));
        }
        GpuGroup queue = GpuGroup.queue();
        List<JobAssignment> jobs = new ArrayList<>();
        for (int j = 0; j < jobCount; j++) {
            int gpus = 1 << (j % 4);
            List<GpuGroup> candidates = new ArrayList<>();
            for (GpuNode n : nodes) {
                if (n.freeGpus() >= gpus) {
                    candidates.add(group(gpus, n));
                }
            }
            candidates.add(queue);
            jobs.add(new JobAssignment(job("j" + j, gpus, 1, 1 + j % 9, 60L * j), candidates, queue));
        }
        return new RoundSchedule(nodes, List.of(), jobs, ScheduleWeights.defaults());
    }

    private static List<String> groups(RoundSchedule s) {
        List<String> out = new ArrayList<>();
        for (JobAssignment a : s.getJobs()) {
            out.add(a.getId() + "=" + a.getGroup());
        }
        return out;
    }
}
