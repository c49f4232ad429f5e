package dev.fleetsim.engine.network.collective;

import java.util.List;

/**
 * A plan with the rates its flows get alone on the idle network, phase by phase: what the run
 * loop needs to register a job's bursts at the rates its idle estimate assumed.
 *
 * @param plan the plan
 * @param rates per phase, each flow's max-min rate among the phase's own flows (bytes/s)
 * @param transferSeconds per phase, the time until its slowest flow is done (no alpha)
 * @param seconds the whole plan: every phase's transfer plus its alpha term
 */
public record CostedPlan(CollectivePlan plan, List<double[]> rates, double[] transferSeconds, double seconds) {
    public CostedPlan {
        rates = List.copyOf(rates);
        if (rates.size() != plan.phases().size() || transferSeconds.length != plan.phases().size()) {
            throw new IllegalArgumentException("one rate array and one transfer time per phase");
        }
    }
}
