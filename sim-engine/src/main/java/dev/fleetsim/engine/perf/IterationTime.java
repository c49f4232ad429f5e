package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.perf.IterationTraffic.Collective;
import dev.fleetsim.engine.perf.IterationTraffic.Dimension;
import dev.fleetsim.engine.perf.IterationTraffic.Window;

/**
 * The one place that decides how an iteration's communication adds to its compute. Given the
 * compute ({@link IterationCompute}), the traffic ({@link IterationTraffic}) and the time of
 * one occurrence of each collective, an iteration takes
 * <pre>
 *   compute + bubble + Σ STAGE + Σ BETWEEN_STAGES + Σ over overlap windows cost(w) + other
 *   bubble     = bubbleFraction × (pipelined compute + Σ exposed per-micro-batch communication)
 *   exposed(w) = max(Σ (1 − hidden_i) · c_i, Σ c_i − window length)
 *   cost(w)    = exposed(w) + Σ slow_i × c_i × (1 − exposed(w) / Σ c_i)
 * </pre>
 * where a collective's {@code c_i} is its occurrence time × occurrences per iteration, and the
 * sums run over the collectives of that window. Collectives that share a window share it: they
 * run one after another on the communication stream, so their times add before the overlap is
 * taken off; the part that hides still slows the compute it runs beside by {@code slow_i}
 * ({@link IterationCompute#interference}: an NCCL collective the measured 18.9 %, which includes its
 * channels' SMs, a copy-engine transfer nothing).
 * Each collective's cost is booked on its dimension (a window's cost split in proportion to
 * {@code c_i}). Both the idle estimate (analytic or flow costing) and the run's contended pace
 * go through {@link #estimate}, so the two can never disagree on the arithmetic.
 */
public final class IterationTime {

    private IterationTime() {
    }

    /**
     * The estimate for these occurrence times ({@code occurrenceS[i]} is one occurrence of
     * collective {@code i} of {@code traffic}, on all its groups at once).
     */
    public static StepEstimate estimate(IterationCompute c, IterationTraffic traffic, double[] occurrenceS) {
        int n = traffic.size();
        if (occurrenceS.length != n) {
            throw new IllegalArgumentException(n + " collectives but " + occurrenceS.length + " times");
        }
        double[] byDimension = new double[Dimension.values().length];
        double stage = 0;
        Window[] windows = Window.values();
        double[] windowTotal = new double[windows.length];
        double[] windowHidden = new double[windows.length];
        double[] windowInterference = new double[windows.length];
        for (int i = 0; i < n; i++) {
            Collective col = traffic.get(i);
            double total = occurrenceS[i] * col.perIteration();
            if (col.window() == Window.STAGE) {
                stage += total;
                byDimension[col.dimension().ordinal()] += total;
            } else if (col.window() == Window.BETWEEN_STAGES) {
                byDimension[col.dimension().ordinal()] += total;
            } else {
                windowTotal[col.window().ordinal()] += total;
                windowHidden[col.window().ordinal()] += (1.0 - col.hiddenFraction()) * total;
                windowInterference[col.window().ordinal()] += c.interference(col.sms()) * total;
            }
        }
        for (Window w : windows) {
            double total = windowTotal[w.ordinal()];
            if (!w.overlaps() || total <= 0) {
                continue;
            }
            double exposed = Math.max(windowHidden[w.ordinal()], total - c.windowS(w));
            double cost = exposed + windowInterference[w.ordinal()] * Math.max(0.0, 1.0 - exposed / total);
            if (w.perMicroBatch()) {
                stage += cost;
            }
            for (int i = 0; i < n; i++) {
                Collective col = traffic.get(i);
                if (col.window() == w) {
                    byDimension[col.dimension().ordinal()] += cost * (occurrenceS[i] * col.perIteration() / total);
                }
            }
        }
        double bubbleS = c.bubbleFraction() > 0 ? c.bubbleFraction() * (c.pipelinedComputeS() + stage) : 0.0;
        double tpS = byDimension[Dimension.TP.ordinal()];
        double ppS = byDimension[Dimension.PP.ordinal()];
        double dpS = byDimension[Dimension.DP.ordinal()];
        double cpS = byDimension[Dimension.CP.ordinal()];
        double epS = byDimension[Dimension.EP.ordinal()];
        double iterationS = c.computeS() + bubbleS + tpS + ppS + dpS + cpS + epS + c.otherS();
        return new StepEstimate(iterationS, c.computeS(), bubbleS, tpS, ppS, dpS, c.otherS(), c.gpus(),
                c.tokensPerIteration(), c.modelFlopsPerIteration(), c.hardwareFlopsPerIteration(),
                c.peakFlopsPerSPerGpu(), c.memory(), cpS, epS, c.computeByClass(), c.optimizerS());
    }
}
