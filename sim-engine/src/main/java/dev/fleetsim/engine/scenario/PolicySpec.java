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

    /** Separates a label's policy name from the placement strategy it names: {@code fifo:topology-aware}. */
    public static final char PLACEMENT_SEPARATOR = ':';

    /** The registered policy name of a label: {@code fifo} for {@code fifo} and for {@code fifo:topology-aware}. */
    public static String policyName(String label) {
        int at = label.indexOf(PLACEMENT_SEPARATOR);
        return at < 0 ? label : label.substring(0, at);
    }

    /**
     * The section a comparison or a sweep runs under a policy label: {@link #as} the label's policy,
     * with the label's placement ({@code fifo:topology-aware}) over its {@code placement} parameter.
     */
    public PolicySpec forLabel(String label) {
        String policy = policyName(label);
        PolicySpec p = as(policy);
        return policy.equals(label) ? p : p.withPlacement(label.substring(policy.length() + 1));
    }

    /** The same section with the running policy's {@code placement} parameter set. */
    public PolicySpec withPlacement(String placement) {
        Map<String, Object> p = new TreeMap<>(params);
        p.put("placement", placement);
        return withParams(p);
    }

    /** The same section with the named policy's parameters replaced. */
    public PolicySpec withParams(Map<String, Object> newParams) {
        return new PolicySpec(name, newParams, preemption, paramsByPolicy);
    }
}
