package dev.fleetsim.policies.solver;

import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.workload.TenantSpec;

import java.util.List;
import java.util.Map;

/** Registers {@link OptaPlannerPolicy} as {@code optaplanner}; parameters in {@link SolverPolicyParams}. */
public final class OptaPlannerPolicyProvider implements PolicyProvider {

    @Override
    public String name() {
        return "optaplanner";
    }

    @Override
    public String description() {
        return "each round solved by OptaPlanner (capacity, type, gang, memory, quota; waiting, locality, "
                + "fragmentation, cost, energy), explained; params: window, seed, steps, unimprovedSteps, movesPerStep, "
                + "weight.*, explain; quotas from the scenario's tenants section";
    }

    @Override
    public SchedulingPolicy create(Map<String, Object> params) {
        return create(params, List.of());
    }

    @Override
    public SchedulingPolicy create(Map<String, Object> params, List<TenantSpec> tenants) {
        return new OptaPlannerPolicy(SolverPolicyParams.parse(params), tenants);
    }
}
