package dev.fleetsim.policies;

import dev.fleetsim.engine.cluster.ClusterView;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PreemptionSpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.Placement;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.engine.scheduling.RunningJobs;
import dev.fleetsim.engine.scheduling.SchedulingContext;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.JobTemplateSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.policies.placement.PlacementStrategies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static dev.fleetsim.policies.TestRuns.MODEL;
import static dev.fleetsim.policies.TestRuns.S;
import static dev.fleetsim.policies.TestRuns.withLayout;
import static dev.fleetsim.policies.TestRuns.withPriority;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LasPolicy} takes, round for round, the decisions of {@link ReferenceLasPolicy} (LAS on the
 * shared ranked round, as it was before its rounds were made cheap): the same placements on the
 * same GPUs, the same preemptions with the same explanations, the same wake-up. Both see every
 * round of a contended run on a two-type cluster with thresholds low enough that jobs cross them
 * while running, with and without the starvation guard; once with the engine's context, once
 * with its running jobs handed over shuffled (not in start order, read from views).
 */
class LasAgreementTest {
    private static final ClusterSpec CLUSTER = new ClusterSpec(List.of(
            new NodeGroupSpec("a100", "A100-80GB", 3, 8, 8, 400e9 / 8),
            new NodeGroupSpec("h100", "H100-SXM", 3, 8, 8, 400e9 / 8)), new FabricSpec(2, 2.0, 5_000, 1_000));
    private static final PreemptionSpec COST = new PreemptionSpec(120 * S, 20 * S);

    private static final String FINE = "100 s, 2000 s, 20000 s";
    private static final double[] FINE_GPU_S = {100, 2000, 20000};
    private static final String HOURS = "1 h, 10 h";
    private static final double[] HOURS_GPU_S = {3600, 36000};

    /** Seed, thresholds, starvation factor, placement, shuffled: each case has hundreds to thousands of preemptions. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(1L, FINE, FINE_GPU_S, 10.0, "first-fit", false),
                Arguments.of(1L, FINE, FINE_GPU_S, 10.0, "first-fit", true),
                Arguments.of(2L, FINE, FINE_GPU_S, 0.0, "topology-aware", false),
                Arguments.of(2L, HOURS, HOURS_GPU_S, 3.0, "best-fit", true),
                Arguments.of(3L, HOURS, HOURS_GPU_S, 10.0, "spread", false),
                Arguments.of(3L, FINE, FINE_GPU_S, 3.0, "first-fit", false));
    }

    @ParameterizedTest(name = "seed {0}, thresholds {1}, starvation {3}, {4}, shuffled {5}")
    @MethodSource("cases")
    void sameDecisionsEveryRound(long seed, String thresholds, double[] gpuS, double starvation, String placement,
                                 boolean shuffled) {
        Map<String, Object> params = Map.of("placement", placement, "thresholds", thresholds, "starvation", (long) starvation);
        ScenarioSpec scenario = TestRuns.scenario(CLUSTER, List.of(), List.of(generator()), "las", params, COST, seed);
        SchedulingPolicy reference = new ReferenceLasPolicy(PlacementStrategies.find(placement).orElseThrow(), gpuS, starvation);
        Counts counts = new Counts();
        Random shuffle = new Random(seed);
        RunResult r = TestRuns.run(scenario, t -> new FixedStepModel(2.0, 0.6), fast -> context -> {
            SchedulingContext seen = shuffled ? new Shuffled(context, shuffle) : context;
            SchedulingDecision mine = fast.schedule(seen);
            SchedulingDecision theirs = reference.schedule(seen);
            assertSame(theirs, mine, context.nowNs());
            counts.add(mine);
            return mine;
        });
        assertTrue(counts.rounds > 400 && counts.preemptions > 100 && counts.wakeUps > 0,
                "a contended run: " + counts.rounds + " rounds, " + counts.preemptions + " preemptions, " + counts.wakeUps + " wake-ups");
        if (!shuffled && seed == 1) {
            RunResult alone = TestRuns.run(scenario, t -> new FixedStepModel(2.0, 0.6),
                    p -> new ReferenceLasPolicy(PlacementStrategies.find(placement).orElseThrow(), gpuS, starvation));
            assertEquals(ResultWriter.jobsCsv(alone.jobs()), ResultWriter.jobsCsv(r.jobs()));
            assertEquals(alone.decisions(), r.decisions());
        }
    }

    private static void assertSame(SchedulingDecision expected, SchedulingDecision actual, long nowNs) {
        String at = "round at " + nowNs + " ns";
        assertEquals(placements(expected.placements()), placements(actual.placements()), at + ": placements");
        assertEquals(expected.preemptedJobIds(), actual.preemptedJobIds(), at + ": preemptions");
        assertEquals(expected.explanations(), actual.explanations(), at + ": explanations");
        assertEquals(expected.wakeAtNs(), actual.wakeAtNs(), at + ": wake-up");
    }

    private static List<String> placements(List<Placement> placements) {
        return placements.stream().map(p -> p.jobId() + Arrays.toString(p.gpus())).toList();
    }

    /** Mostly short jobs from 1 to 16 GPUs, some long and wide, arriving faster than the cluster drains them. */
    private static GeneratorSpec generator() {
        List<JobTemplateSpec> mix = List.of(
                template("single", 0.35, 1, 1, 10, 400),
                template("pair", 0.2, 2, 1, 10, 600),
                template("node", 0.2, 4, 2, 50, 3000),
                template("two-nodes", 0.15, 8, 2, 50, 3000),
                template("wide", 0.1, 4, 4, 500, 8000));
        return new GeneratorSpec("g", 220, 0, 25 * S, mix, List.of("a", "b"));
    }

    private static JobTemplateSpec template(String name, double weight, int tp, int dp, long min, long max) {
        TrainingJobSpec proto = withPriority(withLayout(dev.fleetsim.engine.scenario.Scenarios.dataParallelJob(
                name, MODEL, 1, 1, 1, 0, "x"), tp, dp), 0);
        return new JobTemplateSpec(name, weight, proto, min, max);
    }

    private static final class Counts {
        int rounds;
        int preemptions;
        int wakeUps;

        void add(SchedulingDecision d) {
            rounds++;
            preemptions += d.preemptedJobIds().size();
            wakeUps += d.wakeAtNs().isPresent() ? 1 : 0;
        }
    }

    /** The engine's context with its running jobs in a random order, read through their views. */
    private static final class Shuffled implements SchedulingContext {
        private final SchedulingContext base;
        private final List<RunningJobView> running;

        Shuffled(SchedulingContext base, Random random) {
            this.base = base;
            List<RunningJobView> views = new ArrayList<>(base.running());
            Collections.shuffle(views, random);
            this.running = Collections.unmodifiableList(views);
        }

        @Override
        public long nowNs() {
            return base.nowNs();
        }

        @Override
        public List<JobView> queue() {
            return base.queue();
        }

        @Override
        public List<RunningJobView> running() {
            return running;
        }

        @Override
        public RunningJobs runningJobs() {
            return RunningJobs.of(running);
        }

        @Override
        public ClusterView cluster() {
            return base.cluster();
        }
    }
}
