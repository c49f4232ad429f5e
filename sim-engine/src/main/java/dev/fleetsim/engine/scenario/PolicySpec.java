package dev.fleetsim.engine.scenario;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scheduling policy by registered name, with its parameters as plain values (a nested
 * map in the file is flattened into dotted keys, {@code weight.waiting}), the parameters of
 * other policies for when a comparison or a sweep runs them ({@code policy.paramsByPolicy}), and
 * what a preemption costs the job that suffers it.
 *
 * @param params the parameters of the policy {@code name}
 * @param paramsByPolicy the parameters of other policies, by policy name; never has {@code name} itself
 */
public record PolicySpec(String name, Map<String, Object> params, PreemptionSpec preemption,
                         Map<String, Map<String, Object>> paramsByPolicy) {
    public PolicySpec {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
        Map<String, Map<String, Object>> others = new TreeMap<>();
        paramsByPolicy.forEach((policy, p) -> others.put(policy, Collections.unmodifiableMap(new TreeMap<>(p))));
        paramsByPolicy = Collections.unmodifiableMap(others);
    }

    /** A policy with its parameters and no parameters for other policies. */
    public PolicySpec(String name, Map<String, Object> params, PreemptionSpec preemption) {
        this(name, params, preemption, Map.of());
    }

    /** A policy with the default preemption cost. */
    public PolicySpec(String name, Map<String, Object> params) {
        this(name, params, PreemptionSpec.FREE);
    }

    /**
     * The parameters {@code policy} runs with under this scenario: its own {@code params} for the
     * named policy, its {@code paramsByPolicy} entry for another, and its defaults (none) otherwise.
     */
    public Map<String, Object> paramsFor(String policy) {
        if (policy.equals(name)) {
            return params;
        }
        return paramsByPolicy.getOrDefault(policy, Map.of());
    }

    /** The same scenario's policy section with {@code policy} in charge, with the parameters it has here. */
    public PolicySpec as(String policy) {
        if (policy.equals(name)) {
            return this;
        }
        Map<String, Map<String, Object>> others = new TreeMap<>(paramsByPolicy);
        others.remove(policy);
        if (!params.isEmpty()) {
            others.put(name, params);
        }
        return new PolicySpec(policy, paramsFor(policy), preemption, others);
    }

    /** The same section with the named policy's parameters replaced. */
    public PolicySpec withParams(Map<String, Object> newParams) {
        return new PolicySpec(name, newParams, preemption, paramsByPolicy);
    }
}
