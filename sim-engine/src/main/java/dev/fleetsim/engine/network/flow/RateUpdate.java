package dev.fleetsim.engine.network.flow;

import java.util.Arrays;

/**
 * What one change to a {@link FlowNetwork} did: the ids given to added flows (in the order their
 * paths were given), the ids of flows already present whose rate moved, and how much of the
 * network was re-solved. A simulator reschedules the completion of exactly the added and changed
 * flows; every other flow kept its rate. The changed ids are sorted only when asked for in order
 * ({@link #changedFlowIds()}): a caller that collects them into a set of its own reads them as
 * they came ({@link #changedFlowIdsAnyOrder()}) and skips the sort.
 */
public final class RateUpdate {
    private final int[] addedFlowIds;
    private final int[] changed;
    private boolean sorted;
    private final int flowsResolved;
    private final int rounds;

    /**
     * @param addedFlowIds ids of the added flows, in argument order
     * @param changedFlowIds ids of pre-existing flows whose rate changed, distinct, in any order (kept, not copied)
     * @param flowsResolved flows in the final re-solved subset (a measure of the update's cost)
     * @param rounds solve rounds the incremental check needed (1 when the first subset sufficed)
     */
    public RateUpdate(int[] addedFlowIds, int[] changedFlowIds, int flowsResolved, int rounds) {
        this.addedFlowIds = addedFlowIds;
        this.changed = changedFlowIds;
        this.flowsResolved = flowsResolved;
        this.rounds = rounds;
    }

    /** Ids of the added flows, in argument order. */
    public int[] addedFlowIds() {
        return addedFlowIds;
    }

    /** Ids of pre-existing flows whose rate changed, ascending. */
    public int[] changedFlowIds() {
        if (!sorted) {
            Arrays.sort(changed);
            sorted = true;
        }
        return changed;
    }

    /** The same ids in no particular order (the order is still deterministic). */
    public int[] changedFlowIdsAnyOrder() {
        return changed;
    }

    /** Flows in the final re-solved subset (a measure of the update's cost). */
    public int flowsResolved() {
        return flowsResolved;
    }

    /** Solve rounds the incremental check needed (1 when the first subset sufficed). */
    public int rounds() {
        return rounds;
    }
}
