package dev.fleetsim.calibration.fit;

import java.util.List;

/**
 * How well one fitted curve matches its measurements.
 *
 * @param r2 coefficient of determination, on the quantity the curve's chart shows (efficiency
 *           for GEMM and attention, time for the alpha-beta curves), over the points kept
 * @param points measurements the fit used (kept, not rejected)
 * @param rejected the measurements rejected as outliers
 * @param rmsRelativeResidual root mean square of (fitted - measured) / measured time over the kept points
 * @param maxRelativeResidual the largest |fitted - measured| / measured time over the kept points
 */
public record FitStats(double r2, int points, List<RejectedPoint> rejected, double rmsRelativeResidual,
                       double maxRelativeResidual) {
    public FitStats {
        rejected = List.copyOf(rejected);
    }

    /**
     * A measurement left out of the fit.
     *
     * @param where file and line
     * @param label what it measured, e.g. {@code m=4096 n=4096 k=4096}
     * @param measuredS measured time
     * @param fittedS the curve's time for it
     */
    public record RejectedPoint(String where, String label, double measuredS, double fittedS) {
        public double relativeResidual() {
            return (fittedS - measuredS) / measuredS;
        }
    }

    /**
     * The statistics of a fit: {@code measuredY}/{@code fittedY} are the chart quantity per
     * point, {@code measuredS}/{@code fittedS} the times.
     */
    static FitStats of(RobustFit.Result fit, double[] measuredY, double[] fittedY, double[] measuredS, double[] fittedS,
                       List<String> where, List<String> labels) {
        double mean = 0;
        int n = 0;
        for (int i = 0; i < measuredY.length; i++) {
            if (!fit.isRejected(i)) {
                mean += measuredY[i];
                n++;
            }
        }
        mean /= Math.max(1, n);
        double ssRes = 0, ssTot = 0, sq = 0, max = 0;
        for (int i = 0; i < measuredY.length; i++) {
            if (fit.isRejected(i)) {
                continue;
            }
            ssRes += (fittedY[i] - measuredY[i]) * (fittedY[i] - measuredY[i]);
            ssTot += (measuredY[i] - mean) * (measuredY[i] - mean);
            double rel = (fittedS[i] - measuredS[i]) / measuredS[i];
            sq += rel * rel;
            max = Math.max(max, Math.abs(rel));
        }
        double r2 = ssTot > 0 ? 1 - ssRes / ssTot : (ssRes == 0 ? 1 : 0);
        List<RejectedPoint> rejected = fit.rejected().stream()
                .map(i -> new RejectedPoint(where.get(i), labels.get(i), measuredS[i], fittedS[i])).toList();
        return new FitStats(r2, n, rejected, Math.sqrt(sq / Math.max(1, n)), max);
    }
}
