package dev.fleetsim.engine.scheduling;

import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.workload.TenantSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service-provider interface through which policies are found: one implementation per
 * policy, listed in {@code META-INF/services/dev.fleetsim.engine.scheduling.PolicyProvider}.
 * A user's jar on the class path is discovered the same way as ours.
 */
public interface PolicyProvider {

    /** The name scenarios use, lower-case, e.g. {@code fifo}. */
    String name();

    /** One line for listings. */
    String description();

    /**
     * A policy configured by {@code params} (scalars from the scenario; nested maps arrive as
     * dotted keys).
     *
     * @throws PolicyParameterException listing every bad parameter (its key, the value found and what is allowed);
     *         a plain {@link IllegalArgumentException} from an older provider is read as one problem a line
     */
    SchedulingPolicy create(Map<String, Object> params);

    /**
     * A policy configured by {@code params} for a scenario whose {@code tenants} section lists
     * these tenants (quotas, borrowing limits, cohorts, priorities). A quota-aware policy
     * overrides this; the default ignores the tenants.
     *
     * @throws PolicyParameterException listing every bad parameter
     */
    default SchedulingPolicy create(Map<String, Object> params, List<TenantSpec> tenants) {
        return create(params);
    }

    /**
     * Every problem with {@code params}, paths relative to {@code policy.params} (empty when the
     * policy accepts them). The default creates the policy and reads what it throws.
     */
    default List<Problem> problems(Map<String, Object> params) {
        return problems(params, List.of());
    }

    /** Every problem with {@code params} under these tenants; the default creates the policy and reads what it throws. */
    default List<Problem> problems(Map<String, Object> params, List<TenantSpec> tenants) {
        try {
            create(params, tenants);
            return List.of();
        } catch (PolicyParameterException e) {
            return e.problems();
        } catch (IllegalArgumentException e) {
            List<Problem> out = new ArrayList<>();
            for (String line : String.valueOf(e.getMessage()).split("\n")) {
                int colon = line.indexOf(": ");
                String path = colon > 0 ? line.substring(0, colon) : "";
                String rest = colon > 0 ? line.substring(colon + 2) : line;
                int expected = rest.indexOf("; expected ");
                out.add(rest.startsWith("found ") && expected > 0
                        ? new Problem(path, rest.substring("found ".length(), expected), rest.substring(expected + "; expected ".length()))
                        : new Problem(path, rest, "a parameter the policy accepts"));
            }
            return out;
        }
    }
}
