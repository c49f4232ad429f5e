package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.workload.TenantSpec;

import java.util.List;

/**
 * What the engine adds to the validation of a scenario file, so that one pass reports every
 * problem together: each job kind's fit check (memory; run only on a file that is otherwise
 * well-formed, so its messages are never about a half-read job) and the check of the policy's
 * name and parameters. Supplied by the façade; the scenario package knows neither the
 * performance model nor the policies.
 *
 * @param fit the fit check on every job and template, per GPU type it could run on
 * @param policy the problems of a read policy section under the scenario's tenants, with paths into the document
 *               ({@code policy.params.x})
 */
public record ScenarioChecks(JobFeasibilityCheck fit, PolicyCheck policy) {

    /** The problems of the policy section as read. */
    @FunctionalInterface
    public interface PolicyCheck {
        List<Problem> problems(PolicySpec policy, List<TenantSpec> tenants);
    }

    /** Only the fit check; the policy is not checked. */
    public static ScenarioChecks fitOnly(JobFeasibilityCheck fit) {
        return new ScenarioChecks(fit, (policy, tenants) -> List.of());
    }
}
