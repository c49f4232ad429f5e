package dev.fleetsim.engine.network.collective;

import dev.fleetsim.engine.network.flow.IsolatedMaxMin;
import dev.fleetsim.engine.network.graph.NetworkGraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Costs a {@link CollectivePlan} as if it ran alone: each phase's flows share the links of an
 * otherwise idle network by max-min fairness among themselves ({@link IsolatedMaxMin}: the rates
 * an empty {@code FlowNetwork} gives them, without its incremental bookkeeping), and the phase
 * lasts until its slowest flow is done plus its alpha term. A plan that merges several groups'
 * collectives ({@link CollectivePlan#concurrent}) is costed with all of them sharing. The solver's
 * scratch arrays are reused between calls, so one instance serves one thread.
 *
 * <p>A job's collectives often repeat one phase's flows: a ring reduce-scatter and all-gather of the
 * same groups, or the several TP collectives of a layer, route the same paths with the same caps
 * and differ only in their bytes, which the rates do not depend on. The rates of the last few
 * phases are kept with their paths and caps, and a phase equal to one of them (same paths link for
 * link, same caps bit for bit) takes its rates instead of a solve: the solve is a function of
 * exactly those inputs, so the rates are the same bits.
 */
public final class IdleNetworkCoster {

    private static final int KEPT = 8;
    private final IsolatedMaxMin solver;
    private final int[][][] keptPaths = new int[KEPT][][];
    private final double[][] keptCaps = new double[KEPT][];
    private final double[][] keptRates = new double[KEPT][];
    private int keptNext;
    private long reused;

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
        int[][] paths = phase.paths();
        double[] caps = phase.demandCapsBytesPerS();
        for (int k = 0; k < KEPT; k++) {
            if (keptPaths[k] != null && sameInputs(keptPaths[k], keptCaps[k], paths, caps)) {
                reused++;
                return keptRates[k].clone();
            }
        }
        double[] rates = solver.rates(paths, caps);
        keptPaths[keptNext] = paths;
        keptCaps[keptNext] = caps;
        keptRates[keptNext] = rates.clone();
        keptNext = (keptNext + 1) % KEPT;
        return rates;
    }

    /** Phases whose rates were taken from a kept phase instead of a solve, since this coster was made. */
    public long reusedPhases() {
        return reused;
    }

    private static boolean sameInputs(int[][] keptPaths, double[] keptCaps, int[][] paths, double[] caps) {
        if (keptPaths == paths && keptCaps == caps) {
            return true;
        }
        if (keptPaths.length != paths.length) {
            return false;
        }
        for (int i = 0; i < caps.length; i++) {
            if (Double.doubleToRawLongBits(keptCaps[i]) != Double.doubleToRawLongBits(caps[i])) {
                return false;
            }
        }
        for (int i = 0; i < paths.length; i++) {
            if (keptPaths[i] != paths[i] && !Arrays.equals(keptPaths[i], paths[i])) {
                return false;
            }
        }
        return true;
    }
}
