package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.hardware.GpuSpec;

import java.util.Map;
import java.util.TreeMap;

/**
 * A whole validated scenario. {@code hardware} is the resolved catalogue: the shipped entries
 * with the scenario's overrides and additions applied, so a run needs nothing else.
 */
public record ScenarioSpec(String name, String description, SimulationSpec simulation,
                           Map<String, GpuSpec> hardware, ClusterSpec cluster, WorkloadSpec workload,
                           PolicySpec policy, CostSpec cost) {
    public ScenarioSpec {
        hardware = java.util.Collections.unmodifiableMap(new TreeMap<>(hardware));
    }

    public ScenarioSpec withSeed(long seed) {
        return new ScenarioSpec(name, description, simulation.withSeed(seed), hardware, cluster, workload, policy, cost);
    }
}
