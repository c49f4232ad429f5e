package dev.fleetsim.engine.run;

/** A policy returned a placement the engine refuses (a bug in the policy, not in the scenario). */
public final class PolicyViolationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PolicyViolationException(String policy, String message) {
        super("policy '" + policy + "' proposed an invalid placement: " + message);
    }
}
