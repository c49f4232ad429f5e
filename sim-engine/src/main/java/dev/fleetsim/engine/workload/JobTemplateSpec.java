package dev.fleetsim.engine.workload;

/**
 * One kind of job a generator draws: a prototype (its id, submit time, tenant and length are
 * replaced per draw) and the range its length in iterations is drawn from, log-uniformly. A
 * mix describes work, not time: the same iterations take less time on a faster GPU. Its weight
 * may grow over the generator's span ({@code weightGrowth}), so the mix shifts toward it.
 */
public record JobTemplateSpec(String name, double weight, TrainingJobSpec prototype, long minIterations,
                              long maxIterations, RateGrowth weightGrowth) {

    /** A kind whose weight stays as it is. */
    public JobTemplateSpec(String name, double weight, TrainingJobSpec prototype, long minIterations,
                           long maxIterations) {
        this(name, weight, prototype, minIterations, maxIterations, RateGrowth.NONE);
    }

    /** The weight {@code sinceStartS} seconds after the generator's start. */
    public double weightAt(double sinceStartS) {
        return weight * weightGrowth.multiplierAt(sinceStartS);
    }
}
