package dev.fleetsim.engine.scenario;

import java.util.Map;
import java.util.TreeMap;

/**
 * The scheduling policy by registered name, with its parameters as plain values (a nested
 * map in the file is flattened into dotted keys, {@code tenants.a.nominalQuota}), and what a
 * preemption costs the job that suffers it.
 */
public record PolicySpec(String name, Map<String, Object> params, PreemptionSpec preemption) {
    public PolicySpec {
        params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /** A policy with the default preemption cost. */
    public PolicySpec(String name, Map<String, Object> params) {
        this(name, params, PreemptionSpec.FREE);
    }
}
