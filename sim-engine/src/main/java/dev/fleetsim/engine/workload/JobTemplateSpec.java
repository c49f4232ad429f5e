package dev.fleetsim.engine.workload;

/**
 * One kind of job a generator draws: a prototype (its id, submit time, tenant and length are
 * replaced per draw) and the range its length in iterations is drawn from, log-uniformly.
 */
public record JobTemplateSpec(String name, double weight, TrainingJobSpec prototype, long minIterations,
                              long maxIterations) {
}
