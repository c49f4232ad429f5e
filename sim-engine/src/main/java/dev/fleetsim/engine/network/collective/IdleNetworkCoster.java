package dev.fleetsim.engine.network.collective;

import dev.fleetsim.engine.network.flow.FlowNetwork;
import dev.fleetsim.engine.network.flow.RateUpdate;
import dev.fleetsim.engine.network.graph.NetworkGraph;

/**
 * Costs a {@link CollectivePlan} as if it ran alone: each phase's flows are put on an otherwise
 * empty {@link FlowNetwork}, share the links by max-min fairness among themselves, and the
 * phase lasts until its slowest flow is done plus its alpha term. The scratch network is
 * reused between calls (flows are removed afterwards), so one instance serves one thread.
 */
public final class IdleNetworkCoster {

    private final FlowNetwork network;

    public IdleNetworkCoster(NetworkGraph graph) {
        this.network = new FlowNetwork(graph);
    }

    /** Time, algorithm bandwidth and bus bandwidth of the plan on the idle network. */
    public CollectiveCost cost(CollectivePlan plan) {
        double seconds = 0;
        for (CollectivePhase phase : plan.phases()) {
            seconds += phaseSeconds(phase);
        }
        double algBw = plan.bytes() / seconds;
        return new CollectiveCost(plan.algorithm(), plan.kind(), plan.bytes(), plan.ranks(), seconds, algBw,
                algBw * plan.kind().busBwFactor(plan.ranks()));
    }

    private double phaseSeconds(CollectivePhase phase) {
        if (phase.flowCount() == 0) {
            return phase.steps() * phase.alphaPerStepNs() * 1e-9;
        }
        RateUpdate added = network.addFlows(phase.paths(), phase.demandCapsBytesPerS());
        int[] ids = added.addedFlowIds();
        double[] rates = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            rates[i] = network.rateBytesPerS(ids[i]);
        }
        network.removeFlows(ids);
        return phase.seconds(rates);
    }
}
