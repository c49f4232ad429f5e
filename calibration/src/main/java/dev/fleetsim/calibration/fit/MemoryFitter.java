package dev.fleetsim.calibration.fit;

import dev.fleetsim.calibration.raw.MemoryPoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits the fraction of datasheet HBM bandwidth one memory-bound kernel class reaches:
 * {@code t = launch + movedBytes / (fraction · HBM)} over the sizes that stream from HBM (at
 * least four times L2; smaller ones measure the cache and are only charted).
 */
public final class MemoryFitter {

    /** The fitted fraction and its record. */
    public record Result(double fraction, FittedCurve record) {
    }

    private MemoryFitter() {
    }

    public static Result fit(String op, List<MemoryPoint> all, FitContext ctx, double launchS) {
        String path = "memory." + op;
        double hbm = ctx.spec().hbmBandwidthBytesPerS();
        long minBytes = ctx.hbmResidentBytes();
        List<MemoryPoint> points = all.stream().filter(p -> p.op().equals(op) && p.bytes() >= minBytes).toList();
        if (points.size() < 3) {
            throw new UnidentifiableException(path, op, String.format(Locale.ROOT,
                    "needs at least 3 sizes of %s or more per array (4 x L2, so they stream from HBM); found %d. The memory benchmark measures up to 4 GiB",
                    AlphaBetaFit.bytes(minBytes), points.size()));
        }
        List<Parameter> params = List.of(new Parameter("fraction", 0.01, 1.0, 0.5,
                "measure arrays well above the L2 size"));
        int n = points.size();
        double[] y = new double[n];
        double best = 0;
        for (int i = 0; i < n; i++) {
            y[i] = Math.log(points.get(i).timeS());
            best = Math.max(best, points.get(i).bandwidthBytesPerS() / hbm);
        }
        RobustFit.Model model = (p, i) -> Math.log(launchS + points.get(i).movedBytes() / (p[0] * hbm));
        RobustFit.Result r = RobustFit.fit(path, params, List.of(new double[] {Math.min(1, best)}), model, y, new boolean[] {true});
        double[] mt = new double[n], ft = new double[n];
        List<String> where = new ArrayList<>(), labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            mt[i] = points.get(i).timeS();
            ft[i] = Math.exp(r.logPredicted()[i]);
            where.add(points.get(i).where());
            labels.add(op + " " + AlphaBetaFit.bytes(points.get(i).bytes()));
        }
        FittedCurve record = new FittedCurve(path, List.of(new FittedCurve.Value("fraction", r.values()[0], r.standardErrors()[0], "")),
                FitStats.of(r, mt, ft, mt, ft, where, labels), List.of());
        return new Result(Math.min(1.0, Round.sig(r.values()[0])), record);
    }
}
