package dev.fleetsim.engine.network.collective;

import dev.fleetsim.engine.network.flow.IsolatedMaxMin;
import dev.fleetsim.engine.network.graph.NetworkGraph;

import java.util.ArrayList;
import java.util.List;

/**
 * Costs a {@link CollectivePlan} as if it ran alone: each phase's flows share the links of an
 * otherwise idle network by max-min fairness among themselves ({@link IsolatedMaxMin}: the rates
 * an empty {@code FlowNetwork} gives them, without its incremental bookkeeping), and the phase
 * lasts until its slowest flow is done plus its alpha term. A plan that merges several groups'
 * collectives ({@link CollectivePlan#concurrent}) is costed with all of them sharing. The solver's
 * scratch arrays are reused between calls, so one instance serves one thread.
 */
public final class IdleNetworkCoster {

    private final IsolatedMaxMin solver;

    public IdleNetworkCoster(NetworkGraph graph) {
        this.solver = new IsolatedMaxMin(graph.capacitiesBytesPerS());
    }

    /** Time, algorithm bandwidth and bus bandwidth of the plan on the idle network. */
    public CollectiveCost cost(CollectivePlan plan) {
        double seconds = solve(plan).seconds();
        double algBw = plan.bytes() / seconds;
        return new CollectiveCost(plan.algorithm(), plan.kind(), plan.bytes(), plan.ranks(), seconds, algBw,
                algBw * plan.kind().busBwFactor(plan.ranks()));
    }

    /** The plan's time with every flow's rate, phase by phase. */
    public CostedPlan solve(CollectivePlan plan) {
        List<double[]> rates = new ArrayList<>(plan.phases().size());
        double[] transfer = new double[plan.phases().size()];
        double seconds = 0;
        for (int p = 0; p < transfer.length; p++) {
            CollectivePhase phase = plan.phases().get(p);
            double[] r = phaseRates(phase);
            rates.add(r);
            transfer[p] = phase.transferSeconds(r);
            seconds += transfer[p] + phase.alphaSeconds();
        }
        return new CostedPlan(plan, rates, transfer, seconds);
    }

    private double[] phaseRates(CollectivePhase phase) {
        if (phase.flowCount() == 0) {
            return new double[0];
        }
        return solver.rates(phase.paths(), phase.demandCapsBytesPerS());
    }
}
