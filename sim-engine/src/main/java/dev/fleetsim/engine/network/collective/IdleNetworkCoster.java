package dev.fleetsim.engine.network.collective;

import dev.fleetsim.engine.network.flow.FlowNetwork;
import dev.fleetsim.engine.network.flow.RateUpdate;
import dev.fleetsim.engine.network.graph.NetworkGraph;

import java.util.ArrayList;
import java.util.List;

/**
 * Costs a {@link CollectivePlan} as if it ran alone: each phase's flows are put on an otherwise
 * empty {@link FlowNetwork}, share the links by max-min fairness among themselves, and the
 * phase lasts until its slowest flow is done plus its alpha term. A plan that merges several
 * groups' collectives ({@link CollectivePlan#concurrent}) is costed with all of them sharing.
 * The scratch network is reused between calls (flows are removed afterwards), so one instance
 * serves one thread.
 */
public final class IdleNetworkCoster {

    private final FlowNetwork network;

    public IdleNetworkCoster(NetworkGraph graph) {
        this.network = new FlowNetwork(graph);
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
        RateUpdate added = network.addFlows(phase.paths(), phase.demandCapsBytesPerS());
        int[] ids = added.addedFlowIds();
        double[] rates = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            rates[i] = network.rateBytesPerS(ids[i]);
        }
        network.removeFlows(ids);
        return rates;
    }
}
