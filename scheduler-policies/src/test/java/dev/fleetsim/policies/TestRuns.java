package dev.fleetsim.policies;

import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.perf.StepTimeModel;
import dev.fleetsim.engine.run.ClusterRun;
import dev.fleetsim.engine.run.PerformanceModels;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.PreemptionSpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Small builders shared by the policy tests: jobs, scenarios, runs through the registry, records by id. */
final class TestRuns {
    static final long S = 1_000_000_000L;
    static final ModelSpec MODEL = ModelCatalog.find("gpt-1.3b").orElseThrow();
    static final PolicyRegistry REGISTRY = PolicyRegistry.load(TestRuns.class.getClassLoader());

    private TestRuns() {
    }

    /** A data-parallel job of {@code gpus} GPUs submitted at {@code submitS} seconds. */
    static TrainingJobSpec job(String id, int gpus, long iterations, long submitS, String tenant) {
        return Scenarios.dataParallelJob(id, MODEL, gpus, gpus, iterations, submitS * S, tenant);
    }

    static TrainingJobSpec withPriority(TrainingJobSpec j, int priority) {
        return new TrainingJobSpec(j.id(), j.model(), j.precision(), j.globalBatchSeqs(), j.microBatchSeqs(),
                j.parallelism(), j.recompute(), j.zeroStage(), j.dpOverlap(), j.flashAttention(), j.iterations(),
                j.submitTimeNs(), j.tenant(), priority, j.gpuType(), j.estimateNs());
    }

    static TrainingJobSpec withLayout(TrainingJobSpec j, int tp, int dp) {
        return new TrainingJobSpec(j.id(), j.model(), j.precision(), dp * 8, j.microBatchSeqs(),
                new ParallelismSpec(tp, 1, dp, 1), j.recompute(), j.zeroStage(), j.dpOverlap(), j.flashAttention(),
                j.iterations(), j.submitTimeNs(), j.tenant(), j.priority(), j.gpuType(), j.estimateNs());
    }

    static ScenarioSpec scenario(ClusterSpec cluster, List<TrainingJobSpec> jobs, List<GeneratorSpec> generators,
                                 String policy, Map<String, Object> params, PreemptionSpec preemption, long seed) {
        ScenarioSpec s = Scenarios.of("test", seed, cluster, jobs, generators, Scenarios.policy(policy, params));
        return new ScenarioSpec(s.name(), s.description(), s.simulation(), s.hardware(), s.cluster(), s.workload(),
                new PolicySpec(policy, params, preemption), s.cost());
    }

    /**
     * The scenario with the quotas of an old-style parameter map ({@code tenants.NAME.nominalQuota},
     * {@code tenants.NAME.borrowingLimit}, {@code tenants.NAME.cohort}) moved to its tenants section.
     */
    static ScenarioSpec withTenantsFromParams(ScenarioSpec s) {
        Map<String, Object> params = new java.util.TreeMap<>();
        Map<String, Map<String, Object>> byTenant = new java.util.TreeMap<>();
        s.policy().params().forEach((k, v) -> {
            if (k.startsWith("tenants.")) {
                String rest = k.substring("tenants.".length());
                int dot = rest.lastIndexOf('.');
                byTenant.computeIfAbsent(rest.substring(0, dot), t -> new java.util.TreeMap<>()).put(rest.substring(dot + 1), v);
            } else {
                params.put(k, v);
            }
        });
        List<dev.fleetsim.engine.workload.TenantSpec> tenants = new java.util.ArrayList<>();
        byTenant.forEach((t, f) -> tenants.add(new dev.fleetsim.engine.workload.TenantSpec(t,
                f.containsKey("nominalQuota") ? java.util.OptionalLong.of((Long) f.get("nominalQuota")) : java.util.OptionalLong.empty(),
                f.containsKey("borrowingLimit") ? java.util.OptionalLong.of((Long) f.get("borrowingLimit")) : java.util.OptionalLong.empty(),
                (String) f.getOrDefault("cohort", dev.fleetsim.engine.workload.TenantSpec.DEFAULT_COHORT), 0)));
        return s.withPolicy(s.policy().withParams(params)).withTenants(tenants);
    }

    /** Runs with the registered policy of that name and a fixed iteration time. */
    static RunResult run(ScenarioSpec scenario, double iterationS) {
        return run(scenario, t -> new FixedStepModel(iterationS, 0.5), p -> p);
    }

    static RunResult run(ScenarioSpec scenario, Function<Topology, StepTimeModel> model,
                         Function<SchedulingPolicy, SchedulingPolicy> wrap) {
        SchedulingPolicy policy = REGISTRY.get(scenario.policy().name()).create(scenario.policy().params(),
                scenario.tenants());
        return new ClusterRun(scenario, scenario.policy().name(), wrap.apply(policy),
                new PerformanceModels(model)).run(SimulationObserver.NONE);
    }

    static JobRecord record(RunResult r, String id) {
        return r.jobs().stream().filter(j -> j.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no job " + id));
    }

    static long startS(RunResult r, String id) {
        return record(r, id).startNs().getAsLong() / S;
    }

    static double endS(RunResult r, String id) {
        return record(r, id).endNs().getAsLong() / 1e9;
    }
}
