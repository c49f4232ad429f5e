package dev.fleetsim.policies;

import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PreemptionSpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.Placement;
import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.RunningJobView;
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
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.fleetsim.policies.TestRuns.MODEL;
import static dev.fleetsim.policies.TestRuns.S;
import static dev.fleetsim.policies.TestRuns.withLayout;
import static dev.fleetsim.policies.TestRuns.withPriority;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every registered policy keeps, with every placement strategy it takes, on seeded
 * random workloads (the seed is in the test name) on a two-type cluster with costly preemption:
 * no GPU over-allocated, no job placed before it arrives, every job finishes once and starts once
 * per run (first start, plus one per preemption), each job's time on GPUs is its work plus what
 * preemptions cost it, busy GPU-time equals the jobs' GPU-time, the makespan is at least the
 * work over the capacity and the longest job, and the same seed gives the same jobs.csv (checked
 * on the first seed).
 */
class PolicyContractTest {
    private static final double ITERATION_S = 2.0;
    private static final long[] SEEDS = {1, 2, 3};
    private static final ClusterSpec CLUSTER = new ClusterSpec(List.of(
            new NodeGroupSpec("a100", "A100-80GB", 4, 8, 8, 400e9 / 8),
            new NodeGroupSpec("h100", "H100-SXM", 4, 8, 8, 400e9 / 8)), new FabricSpec(2, 2.0, 5_000, 1_000));
    private static final PreemptionSpec COST = new PreemptionSpec(300 * S, 30 * S);

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (PolicyProvider p : TestRuns.REGISTRY.providers().values()) {
            List<String> placements = takesPlacement(p) ? PlacementStrategies.names() : List.of("(default)");
            for (String placement : placements) {
                for (long seed : SEEDS) {
                    out.add(Arguments.of(p.name(), placement, seed));
                }
            }
        }
        return out.stream();
    }

    /** A user's policy need not take {@code placement}; it is then run with its defaults. */
    private static boolean takesPlacement(PolicyProvider p) {
        try {
            p.create(Map.of("placement", "first-fit"));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0} + {1}, seed {2}")
    @MethodSource("cases")
    void contractHolds(String policy, String placement, long seed) {
        Map<String, Object> params = placement.startsWith("(") ? Map.of() : Map.of("placement", placement);
        ScenarioSpec scenario = TestRuns.scenario(CLUSTER, List.of(), List.of(generator()), policy, params, COST, seed);
        Audit audit = new Audit();
        RunResult r = TestRuns.run(scenario, t -> new FixedStepModel(ITERATION_S, 0.6), audit::wrap);
        int capacity = r.summary().gpus();

        double gpuSeconds = 0;
        double work = 0;
        double longest = 0;
        for (JobRecord j : r.jobs()) {
            assertEquals("FINISHED", j.state(), j.id());
            assertTrue(j.startNs().getAsLong() >= j.submitNs(), j.id() + " started before it arrived");
            assertEquals(j.preemptions() + 1, audit.starts.getOrDefault(j.id(), 0), j.id() + " starts");
            double ideal = j.iterations() * ITERATION_S;
            // time on GPUs = the work + work lost since checkpoints + restarts (rounding: 1 ns a run)
            assertEquals(ideal + (j.lostWorkNs() + j.restartNs()) / 1e9, j.runNs() / 1e9, 1e-6 * (j.preemptions() + 1), j.id());
            assertTrue(j.endNs().getAsLong() - j.startNs().getAsLong() >= j.runNs(), j.id());
            gpuSeconds += j.gpus() * j.runNs() / 1e9;
            work += j.gpus() * ideal;
            longest = Math.max(longest, ideal);
        }
        assertEquals(gpuSeconds / 3600, r.summary().utilisation().allocatedGpuHours(), 1e-6);
        assertTrue(r.summary().times().makespanS() + 1e-9 >= Math.max(work / capacity, longest));
        assertFalse(audit.rounds == 0);

        if (seed == SEEDS[0]) {
            RunResult again = TestRuns.run(scenario, t -> new FixedStepModel(ITERATION_S, 0.6), p -> p);
            assertEquals(ResultWriter.jobsCsv(r.jobs()), ResultWriter.jobsCsv(again.jobs()), "same seed, same jobs.csv");
        }
    }

    /** 150 jobs, mostly short, some long; 1 to 24 GPUs with TP groups; three tenants; priorities 0 to 2. */
    private static GeneratorSpec generator() {
        List<JobTemplateSpec> mix = List.of(
                template("single", 0.35, 1, 1, 0, 10, 300),
                template("pair", 0.2, 2, 2, 1, 10, 300),
                template("node", 0.2, 4, 2, 0, 50, 2000),
                template("two-nodes", 0.15, 8, 2, 2, 50, 2000),
                template("wide", 0.1, 4, 6, 1, 500, 5000));
        return new GeneratorSpec("g", 150, 0, 40 * S, mix, List.of("a", "b", "c"));
    }

    private static JobTemplateSpec template(String name, double weight, int tp, int dp, int priority, long min, long max) {
        TrainingJobSpec proto = withPriority(withLayout(dev.fleetsim.engine.scenario.Scenarios.dataParallelJob(
                name, MODEL, 1, 1, 1, 0, "x"), tp, dp), priority);
        return new JobTemplateSpec(name, weight, proto, min, max);
    }

    /** Watches every round: running jobs on distinct GPUs, placements on GPUs free after the preemptions, arrivals. */
    private static final class Audit {
        final Map<String, Integer> starts = new TreeMap<>();
        int rounds;

        SchedulingPolicy wrap(SchedulingPolicy policy) {
            return context -> check(context, policy.schedule(context));
        }

        private SchedulingDecision check(SchedulingContext context, SchedulingDecision decision) {
            rounds++;
            int gpuCount = context.cluster().topology().gpuCount();
            BitSet busy = new BitSet();
            Map<String, int[]> byJob = new TreeMap<>();
            int held = 0;
            for (RunningJobView r : context.running()) {
                for (int g : r.gpuIds()) {
                    assertTrue(g >= 0 && g < gpuCount);
                    assertFalse(busy.get(g), "GPU " + g + " held twice");
                    assertFalse(context.cluster().isFree(g), "GPU " + g + " of " + r.id() + " marked free");
                    busy.set(g);
                }
                held += r.gpus();
                byJob.put(r.id(), r.gpuIds());
            }
            assertEquals(gpuCount - context.cluster().freeGpuCount(), held, "allocated GPUs = GPUs of running jobs");
            for (String id : decision.preemptedJobIds()) {
                for (int g : byJob.get(id)) {
                    busy.clear(g);
                }
            }
            Set<String> queued = new HashSet<>();
            for (JobView j : context.queue()) {
                assertTrue(j.submitTimeNs() <= context.nowNs(), j.id() + " queued before it arrived");
                queued.add(j.id());
            }
            for (Placement p : decision.placements()) {
                assertTrue(queued.contains(p.jobId()) || decision.preemptedJobIds().contains(p.jobId()));
                for (int g : p.gpus()) {
                    assertFalse(busy.get(g), "GPU " + g + " given to " + p.jobId() + " is in use");
                    busy.set(g);
                }
                starts.merge(p.jobId(), 1, Integer::sum);
            }
            assertTrue(busy.cardinality() <= gpuCount);
            return decision;
        }
    }
}
