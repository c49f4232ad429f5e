package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.faults.FaultSpec;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.workload.TenantSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A whole validated scenario. {@code hardware} is the resolved catalogue: the shipped entries
 * with the scenario's overrides and additions applied, so a run needs nothing else.
 *
 * @param tenants the tenants with quotas or priorities (the scenario's {@code tenants} section), in name order;
 *                jobs may name tenants that are not listed (no quota, priority 0)
 * @param faults the hardware failures the run draws ({@link FaultSpec#NONE} without a {@code faults} section)
 */
public record ScenarioSpec(String name, String description, SimulationSpec simulation,
                           Map<String, GpuSpec> hardware, ClusterSpec cluster, WorkloadSpec workload,
                           PolicySpec policy, CostSpec cost, List<TenantSpec> tenants, FaultSpec faults) {
    public ScenarioSpec {
        hardware = java.util.Collections.unmodifiableMap(new TreeMap<>(hardware));
        tenants = tenants.stream().sorted(java.util.Comparator.comparing(TenantSpec::name)).toList();
    }

    /** A scenario without a tenants section. */
    public ScenarioSpec(String name, String description, SimulationSpec simulation, Map<String, GpuSpec> hardware,
                        ClusterSpec cluster, WorkloadSpec workload, PolicySpec policy, CostSpec cost) {
        this(name, description, simulation, hardware, cluster, workload, policy, cost, List.of(), FaultSpec.NONE);
    }

    /** A scenario without faults. */
    public ScenarioSpec(String name, String description, SimulationSpec simulation, Map<String, GpuSpec> hardware,
                        ClusterSpec cluster, WorkloadSpec workload, PolicySpec policy, CostSpec cost,
                        List<TenantSpec> tenants) {
        this(name, description, simulation, hardware, cluster, workload, policy, cost, tenants, FaultSpec.NONE);
    }

    public ScenarioSpec withFaults(FaultSpec newFaults) {
        return new ScenarioSpec(name, description, simulation, hardware, cluster, workload, policy, cost, tenants, newFaults);
    }

    public ScenarioSpec withCost(CostSpec newCost) {
        return new ScenarioSpec(name, description, simulation, hardware, cluster, workload, policy, newCost, tenants, faults);
    }

    public ScenarioSpec withSeed(long seed) {
        return withSimulation(simulation.withSeed(seed));
    }

    public ScenarioSpec withSimulation(SimulationSpec newSimulation) {
        return new ScenarioSpec(name, description, newSimulation, hardware, cluster, workload, policy, cost, tenants, faults);
    }

    public ScenarioSpec withCluster(ClusterSpec newCluster) {
        return new ScenarioSpec(name, description, simulation, hardware, newCluster, workload, policy, cost, tenants, faults);
    }

    public ScenarioSpec withWorkload(WorkloadSpec newWorkload) {
        return new ScenarioSpec(name, description, simulation, hardware, cluster, newWorkload, policy, cost, tenants, faults);
    }

    public ScenarioSpec withPolicy(PolicySpec newPolicy) {
        return new ScenarioSpec(name, description, simulation, hardware, cluster, workload, newPolicy, cost, tenants, faults);
    }

    public ScenarioSpec withTenants(List<TenantSpec> newTenants) {
        return new ScenarioSpec(name, description, simulation, hardware, cluster, workload, policy, cost, newTenants, faults);
    }

    public ScenarioSpec withName(String newName) {
        return new ScenarioSpec(newName, description, simulation, hardware, cluster, workload, policy, cost, tenants, faults);
    }

    /** The listed tenant of that name. */
    public Optional<TenantSpec> tenant(String tenantName) {
        return tenants.stream().filter(t -> t.name().equals(tenantName)).findFirst();
    }
}
