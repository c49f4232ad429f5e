package dev.fleetsim.calibration.fit;

import dev.fleetsim.calibration.raw.GemmPoint;
import dev.fleetsim.engine.hardware.GemmCurve;
import dev.fleetsim.engine.hardware.Precision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The GEMM curve of one precision from both of cuBLASLt's accumulation modes: the curve is fitted
 * ({@link GemmFitter}) to the fast-accumulation points (the rate of Transformer Engine's FP8
 * forward GEMMs) and {@code splitAccumulation} is the median ratio of split to fast time over the
 * shapes timed in both modes that the fitted curve says are compute-bound (the factor scales the
 * compute time only, so memory- and launch-bound shapes carry no information on it), after the
 * same 5-robust-sigma outlier rule as {@link RobustFit}. Its record's residuals are those of the
 * profile's split-mode time, {@code GemmCurve.seconds(..., split)}, at every split point. With one
 * mode only, the curve is that mode's rate and the factor stays 1, with a note saying why.
 */
public final class SplitAccumulationFitter {

    /** The parameter's name after the curve path, e.g. {@code gemm.fp8.splitAccumulation}. */
    public static final String PARAMETER = "splitAccumulation";
    /** Compute must exceed the memory and launch floors by this much for a shape to measure the factor. */
    static final double COMPUTE_BOUND_MARGIN = 1.2;
    /** Fewest compute-bound pairs the factor is estimated from. */
    static final int MIN_PAIRS = 3;

    private SplitAccumulationFitter() {
    }

    /** The fitted curve of {@code precision} (split factor set), its records added to {@code curves}, remarks to {@code notes}. */
    static GemmCurve fit(Precision precision, List<GemmPoint> points, FitContext ctx, double memoryBytesPerS, double launchS,
                         List<FittedCurve> curves, List<String> notes) {
        String path = "gemm." + precision.key();
        List<GemmPoint> fast = points.stream().filter(GemmPoint::fastAccumulation).toList();
        List<GemmPoint> split = points.stream().filter(g -> !g.fastAccumulation()).toList();
        GemmFitter.Result r = GemmFitter.fit(precision, fast.isEmpty() ? split : fast, ctx, memoryBytesPerS, launchS);
        curves.add(r.record());
        if (fast.isEmpty() || split.isEmpty()) {
            if (precision == Precision.FP8) {
                notes.add(path + "." + PARAMETER + ": 1, only the " + (fast.isEmpty() ? "split-accumulator (cuBLASLt default"
                        + ", raw lines without \"accumulation\")" : "fast-accumulation") + " mode was measured, so the curve is that rate for"
                        + " every GEMM and the ratio of the modes is unknown; FP8 " + (fast.isEmpty() ? "forward" : "gradient")
                        + " GEMMs are costed at the wrong mode's rate (about 10 % on Hopper). The gemm-fp8 unit of this version times both");
            }
            return r.curve();
        }
        if (ctx.keeps(path + "." + PARAMETER)) {
            double d = ctx.defaults().gemm(precision).splitAccumulation();
            notes.add(path + "." + PARAMETER + ": kept at the default " + d + " (--keep-default)");
            return r.curve().withSplitAccumulation(d);
        }
        Factor f = factor(path, r.curve(), fast, split, ctx, memoryBytesPerS, launchS);
        GemmCurve curve = r.curve().withSplitAccumulation(Math.max(1.0, Round.sig(f.value)));
        curves.add(record(path, precision, curve, f, split, ctx, memoryBytesPerS, launchS));
        return curve;
    }

    private record Factor(double value, double standardError, int pairs, int notComputeBound, boolean[] rejectedSplit) {
    }

    private static String key(GemmPoint g) {
        return g.device() + ":" + g.m() + "x" + g.n() + "x" + g.k();
    }

    private static Factor factor(String path, GemmCurve c, List<GemmPoint> fast, List<GemmPoint> split, FitContext ctx,
                                 double memoryBytesPerS, double launchS) {
        Precision p = split.get(0).dtype();
        double peak = ctx.spec().peakFlopsPerS(p);
        Map<String, GemmPoint> fastByShape = new HashMap<>();
        fast.forEach(g -> fastByShape.putIfAbsent(key(g), g));
        List<Integer> index = new ArrayList<>();
        List<Double> logs = new ArrayList<>();
        int paired = 0;
        for (int i = 0; i < split.size(); i++) {
            GemmPoint s = split.get(i);
            GemmPoint f = fastByShape.get(key(s));
            if (f == null) {
                continue;
            }
            paired++;
            double compute = c.computeSeconds(s.m(), s.n(), s.k(), 1, peak, ctx.smCount());
            double memory = ((s.m() * (double) s.k() + s.k() * (double) s.n()) * p.bytesPerElement()
                    + s.m() * (double) s.n() * GemmFitter.outBytes(p)) / memoryBytesPerS;
            if (compute >= COMPUTE_BOUND_MARGIN * Math.max(memory, launchS)) {
                index.add(i);
                logs.add(Math.log(s.timeS() / f.timeS()));
            }
        }
        if (logs.size() < MIN_PAIRS) {
            throw new UnidentifiableException(path, PARAMETER, String.format(Locale.ROOT, "%s needs at least %d compute-bound GEMM"
                    + " shapes timed with fast accumulation and without (found %d of %d pairs); the gemm-fp8 unit times every shape in"
                    + " both modes, or pass --keep-default %s.%s", PARAMETER, MIN_PAIRS, logs.size(), paired, path, PARAMETER));
        }
        double[] y = logs.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] kept = new boolean[y.length];
        Arrays.fill(kept, true);
        int maxRejected = y.length / 10;
        for (int round = 0; round < 3; round++) {
            double med = RobustFit.median(select(y, kept));
            double[] dev = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                dev[i] = Math.abs(y[i] - med);
            }
            double sigma = Math.max(0.01, 1.4826 * RobustFit.median(select(dev, kept)));
            int rejected = (int) IntStream.range(0, y.length).filter(i -> !kept[i]).count();
            Integer[] order = IntStream.range(0, y.length).boxed().toArray(Integer[]::new);
            Arrays.sort(order, (a, b) -> Double.compare(dev[b], dev[a]));
            boolean changed = false;
            for (int i : order) {
                if (kept[i] && dev[i] > RobustFit.REJECT_SIGMAS * sigma && rejected < maxRejected) {
                    kept[i] = false;
                    rejected++;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        double[] k = select(y, kept);
        double med = RobustFit.median(k);
        double mean = Arrays.stream(k).average().orElse(med);
        double var = Arrays.stream(k).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, k.length - 1);
        // the median's standard error is sqrt(pi/2) times the mean's
        double se = Math.exp(med) * 1.2533 * Math.sqrt(var / k.length);
        boolean[] rejectedSplit = new boolean[split.size()];
        for (int i = 0; i < y.length; i++) {
            rejectedSplit[index.get(i)] = !kept[i];
        }
        return new Factor(Math.exp(med), se, k.length, paired - y.length, rejectedSplit);
    }

    private static double[] select(double[] v, boolean[] kept) {
        return IntStream.range(0, v.length).filter(i -> kept[i]).mapToDouble(i -> v[i]).toArray();
    }

    /** The factor's record: the profile's split-mode times against every split point. */
    private static FittedCurve record(String path, Precision p, GemmCurve c, Factor f, List<GemmPoint> split, FitContext ctx,
                                      double memoryBytesPerS, double launchS) {
        double peak = ctx.spec().peakFlopsPerS(p);
        int n = split.size();
        double[] mt = new double[n], ft = new double[n], me = new double[n], fe = new double[n], logFit = new double[n];
        List<String> where = new ArrayList<>(), labels = new ArrayList<>();
        List<Integer> rejected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            GemmPoint g = split.get(i);
            mt[i] = g.timeS();
            ft[i] = c.seconds(g.m(), g.n(), g.k(), 1, peak, ctx.smCount(), memoryBytesPerS, p.bytesPerElement(), GemmFitter.outBytes(p),
                    launchS, true);
            me[i] = g.flops() / mt[i] / peak;
            fe[i] = g.flops() / ft[i] / peak;
            logFit[i] = Math.log(ft[i]);
            where.add(g.where());
            labels.add("m=" + g.m() + " n=" + g.n() + " k=" + g.k() + " split accumulation");
            if (f.rejectedSplit()[i]) {
                rejected.add(i);
            }
        }
        RobustFit.Result fit = new RobustFit.Result(new double[] {f.value()}, new double[] {f.standardError()}, rejected, logFit);
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "median split/fast time ratio over %d compute-bound shapes timed in both modes"
                + " (%d memory- or launch-bound pairs not used)", f.pairs(), f.notComputeBound()));
        if (f.value() < 1) {
            notes.add(String.format(Locale.ROOT, "measured %.4f < 1 (the split accumulator no slower within the noise): 1", f.value()));
        }
        return new FittedCurve(path + "." + PARAMETER, List.of(new FittedCurve.Value(PARAMETER, f.value(), f.standardError(), "")),
                FitStats.of(fit, me, fe, mt, ft, where, labels), notes);
    }
}
