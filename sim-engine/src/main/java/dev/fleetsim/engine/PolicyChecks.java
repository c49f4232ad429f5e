package dev.fleetsim.engine;

import dev.fleetsim.engine.compare.PolicyComparison;
import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import dev.fleetsim.engine.workload.TenantSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The façade's checks of a policy section: every policy it names (its own and those of
 * {@code paramsByPolicy}) is registered and accepts the parameters given for it under the
 * scenario's tenants, each problem with its path in the scenario ({@code policy.params.x},
 * {@code policy.paramsByPolicy.las.x}).
 */
final class PolicyChecks {
    private final PolicyRegistry policies;

    PolicyChecks(PolicyRegistry policies) {
        this.policies = policies;
    }

    List<Problem> problems(PolicySpec policy, List<TenantSpec> tenants) {
        List<Problem> out = new ArrayList<>(problems(policy.name(), policy.params(), tenants, "policy.name",
                "policy.params"));
        for (Map.Entry<String, Map<String, Object>> e : policy.paramsByPolicy().entrySet()) {
            String at = "policy.paramsByPolicy." + e.getKey();
            out.addAll(problems(e.getKey(), e.getValue(), tenants, at, at));
        }
        return out;
    }

    Map<String, List<Problem>> comparison(ScenarioSpec spec, List<String> labels) {
        Map<String, List<Problem>> out = new LinkedHashMap<>();
        for (String label : labels) {
            PolicySpec p = PolicyComparison.policyOf(spec, label);
            List<Problem> problems = problems(p.name(), p.params(), spec.tenants(), "policy " + p.name(),
                    spec.policy().name().equals(p.name()) ? "policy.params" : "policy.paramsByPolicy." + p.name());
            if (!problems.isEmpty()) {
                out.put(label, problems);
            }
        }
        return out;
    }

    private List<Problem> problems(String name, Map<String, Object> params, List<TenantSpec> tenants, String namePath,
                                   String paramsPath) {
        PolicyProvider provider = policies.providers().get(name);
        if (provider == null) {
            return List.of(new Problem(namePath, Echo.quoted(name),
                    "a registered policy: " + Suggestions.oneOf(name, policies.names())));
        }
        return provider.problems(params, tenants).stream()
                .map(p -> new Problem(p.path().isEmpty() ? paramsPath : paramsPath + "." + Echo.plain(p.path()), p.found(),
                        p.allowed()))
                .toList();
    }
}
