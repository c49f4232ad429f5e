package dev.fleetsim.engine.network.flow;

/**
 * Checks a subset solution of {@link MaxMinSolver} against the whole network. An allocation is
 * the max-min fair one exactly when it is feasible and every flow is either at its demand cap
 * or crosses a saturated link on which no other flow is faster (its bottleneck). The subset
 * solve keeps feasibility by construction, so two things can fail: a re-solved flow whose
 * bottleneck carries a faster flow that was held fixed (that flow must come down), and a fixed
 * flow whose recorded bottleneck changed under it and no longer qualifies (it may speed up).
 * Both kinds are reported to the network as flows to add to the subset. Only links whose flows
 * changed rate are inspected, so the check costs about as much as the solve itself.
 */
final class OptimalityCheck {

    private final FlowNetwork net;
    private final int[] changedMark;
    private final int[] maxRateMark;
    private final double[] maxRate;
    private final IntList changedLinks = new IntList();
    private int round;

    OptimalityCheck(FlowNetwork net, int links) {
        this.net = net;
        this.changedMark = new int[links];
        this.maxRateMark = new int[links];
        this.maxRate = new double[links];
    }

    void findViolators(IntList subset) {
        round++;
        FlowTable t = net.table();
        MaxMinSolver s = net.solver();
        changedLinks.clear();
        for (int i = 0; i < subset.size; i++) {
            int f = subset.items[i];
            if (t.bottleneck[f] == FlowTable.UNSOLVED || FlowNetwork.rateMoved(t.rate[f], s.newRate[f])) {
                markChanged(t.path[f]);
            }
        }
        IntList seeds = net.seeds();
        for (int i = 0; i < seeds.size; i++) {
            markChanged(seeds.items[i]);
        }
        for (int i = 0; i < subset.size; i++) {
            int f = subset.items[i];
            int b = s.newBottleneck[f];
            if (b == FlowTable.DEMAND_LIMITED || bottleneckHolds(f, b)) {
                continue;
            }
            int other = anyBottleneck(f);
            if (other >= 0) {
                s.newBottleneck[f] = other;
                continue;
            }
            double limit = s.newRate[f] * (1 + FlowNetwork.EPS);
            int[] list = t.linkFlows[b];
            double[] rates = t.linkRates[b];
            for (int k = 0, c = t.linkFlowCount[b]; k < c; k++) {
                if (rates[k] > limit && !s.inSubset(list[k])) {
                    net.addViolator(list[k]);
                }
            }
        }
        for (int i = 0; i < changedLinks.size; i++) {
            int l = changedLinks.items[i];
            // Only a flow limited by a link can have l as its bottleneck; the others are at their cap.
            int[] list = t.limited.flows[l];
            for (int k = 0, c = t.limited.count[l]; k < c; k++) {
                int g = list[k];
                if (s.inSubset(g) || t.bottleneck[g] != l || bottleneckHolds(g, l)) {
                    continue;
                }
                int other = anyBottleneck(g);
                if (other >= 0) {
                    // Still optimal through another saturated link; remember it for later checks.
                    // (A link for a link: the list being read keeps its members.)
                    t.setBottleneck(g, other);
                } else {
                    net.addViolator(g);
                }
            }
        }
    }

    private void markChanged(int[] path) {
        for (int l : path) {
            markChanged(l);
        }
    }

    private void markChanged(int l) {
        if (changedMark[l] != round) {
            changedMark[l] = round;
            changedLinks.add(l);
        }
    }

    private int anyBottleneck(int f) {
        for (int l : net.table().path[f]) {
            if (bottleneckHolds(f, l)) {
                return l;
            }
        }
        return -1;
    }

    private boolean bottleneckHolds(int f, int l) {
        double cap = net.capacity()[l];
        if (loadNow(l) < cap * (1 - FlowNetwork.EPS)) {
            return false;
        }
        return maxRateNow(l) <= rateNow(f) * (1 + FlowNetwork.EPS);
    }

    private double rateNow(int f) {
        MaxMinSolver s = net.solver();
        return s.inSubset(f) ? s.newRate[f] : net.table().rate[f];
    }

    private double loadNow(int l) {
        MaxMinSolver s = net.solver();
        return s.touched(l) ? net.capacity()[l] - s.remaining[l] : net.load()[l];
    }

    private double maxRateNow(int l) {
        if (maxRateMark[l] != round) {
            FlowTable t = net.table();
            double max = 0;
            int[] list = t.linkFlows[l];
            double[] rates = t.linkRates[l];
            MaxMinSolver s = net.solver();
            for (int k = 0, c = t.linkFlowCount[l]; k < c; k++) {
                max = Math.max(max, s.inSubset(list[k]) ? s.newRate[list[k]] : rates[k]);
            }
            maxRateMark[l] = round;
            maxRate[l] = max;
        }
        return maxRate[l];
    }
}
