package dev.fleetsim.calibration.fit;

import dev.fleetsim.calibration.raw.AttentionPoint;
import dev.fleetsim.engine.hardware.AttentionCurve;
import dev.fleetsim.engine.hardware.Precision;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits the fused-attention {@link AttentionCurve} of one kernel and precision to cuDNN SDPA
 * forward measurements: {@code maxEfficiency}, {@code seqHalf} and {@code headDimHalf}, at
 * {@code headDimRef} 128, through the curve's own {@link AttentionCurve#forwardEfficiency}
 * (floored by the launch latency). The benchmarks time the forward pass only, so
 * {@code backwardRatio} keeps the default profile's value, and the source says so.
 */
public final class AttentionFitter {

    /** The head dimension {@code maxEfficiency} is quoted at. */
    public static final double HEAD_DIM_REF = 128;

    /** The fitted curve and its record. */
    public record Result(AttentionCurve curve, FittedCurve record) {
    }

    private AttentionFitter() {
    }

    static double seconds(AttentionCurve c, AttentionPoint a, double peak, double launchS) {
        return Math.max(launchS, a.flops() / (peak * c.forwardEfficiency(a.keysPerQuery(), a.headDim())));
    }

    public static Result fit(String path, Precision precision, List<AttentionPoint> points, FitContext ctx, double launchS,
                             double backwardRatio, String backwardSource) {
        double peak = ctx.spec().peakFlopsPerS(precision);
        if (peak <= 0) {
            throw new UnidentifiableException(path, "maxEfficiency", "the catalogue entry " + ctx.spec().name()
                    + " has no " + precision.key() + " peak; pass --keep-default " + path);
        }
        long dims = points.stream().mapToLong(AttentionPoint::headDim).distinct().count();
        if (dims < 2) {
            throw new UnidentifiableException(path, "headDimHalf", String.format(Locale.ROOT,
                    "headDimHalf needs at least 2 head dimensions (found %d); the attention benchmark measures 64, 128 and 256",
                    dims));
        }
        List<Parameter> params = List.of(
                new Parameter("maxEfficiency", 0.02, 1.0, 0.5, "measure long sequences (8k keys and more)"),
                new Parameter("seqHalf", 0, 1e6, 256, "measure short and long sequences (512 to 16k keys)"),
                new Parameter("headDimHalf", 0, 1e5, 64, "measure head dimensions 64, 128 and 256"));
        int n = points.size();
        double[] y = new double[n];
        double best = 0;
        for (int i = 0; i < n; i++) {
            AttentionPoint a = points.get(i);
            y[i] = Math.log(a.timeS());
            best = Math.max(best, a.flops() / a.timeS() / peak);
        }
        RobustFit.Model model = (p, i) -> Math.log(seconds(curve(p, 1, ""), points.get(i), peak, launchS));
        double e0 = Math.min(1, best * 1.1);
        List<double[]> starts = List.of(new double[] {e0, 256, 64}, new double[] {e0, 64, 16}, new double[] {Math.min(1, e0 * 1.3), 1024, 256});
        RobustFit.Result r = RobustFit.fit(path, params, starts, model, y, new boolean[] {true, true, true});
        String source = String.format(Locale.ROOT,
                "fitted to %d cuDNN fused SDPA forward passes (%d rejected) by fleetsim calibrate fit; backwardRatio %s",
                n - r.rejected().size(), r.rejected().size(), backwardSource);
        double[] rounded = {Math.min(1.0, Round.sig(r.values()[0])), Round.sig(r.values()[1]), Round.sig(r.values()[2])};
        AttentionCurve curve = curve(rounded, backwardRatio, source);
        double[] mt = new double[n], ft = new double[n], me = new double[n], fe = new double[n];
        List<String> where = new ArrayList<>(), labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AttentionPoint a = points.get(i);
            mt[i] = a.timeS();
            ft[i] = seconds(curve, a, peak, launchS);
            me[i] = a.flops() / mt[i] / peak;
            fe[i] = a.flops() / ft[i] / peak;
            where.add(a.where());
            labels.add("b=" + a.batch() + " h=" + a.heads() + " s=" + a.seq() + " d=" + a.headDim());
        }
        List<FittedCurve.Value> values = List.of(
                new FittedCurve.Value("maxEfficiency", r.values()[0], r.standardErrors()[0], ""),
                new FittedCurve.Value("seqHalf", r.values()[1], r.standardErrors()[1], "keys"),
                new FittedCurve.Value("headDimHalf", r.values()[2], r.standardErrors()[2], ""));
        FittedCurve record = new FittedCurve(path, values, FitStats.of(r, me, fe, mt, ft, where, labels),
                List.of("backwardRatio " + RobustFit.fmt(backwardRatio) + " not measured (the benchmark times the forward pass): " + backwardSource));
        return new Result(curve, record);
    }

    private static AttentionCurve curve(double[] p, double backwardRatio, String source) {
        return new AttentionCurve(p[0], p[1], HEAD_DIM_REF, p[2], backwardRatio, source);
    }
}
