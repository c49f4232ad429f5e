package dev.fleetsim.engine.network.flow;

/**
 * What one change to a {@link FlowNetwork} did: the ids given to added flows (in the order their
 * paths were given), the ids of flows already present whose rate moved (ascending), and how much
 * of the network was re-solved. A simulator reschedules the completion of exactly the added
 * and changed flows; every other flow kept its rate.
 *
 * @param addedFlowIds ids of the added flows, in argument order
 * @param changedFlowIds ids of pre-existing flows whose rate changed, ascending
 * @param flowsResolved flows in the final re-solved subset (a measure of the update's cost)
 * @param rounds solve rounds the incremental check needed (1 when the first subset sufficed)
 */
public record RateUpdate(int[] addedFlowIds, int[] changedFlowIds, int flowsResolved, int rounds) {
}
