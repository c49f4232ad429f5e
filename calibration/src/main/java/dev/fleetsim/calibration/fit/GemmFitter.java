package dev.fleetsim.calibration.fit;

import dev.fleetsim.calibration.raw.GemmPoint;
import dev.fleetsim.engine.hardware.GemmCurve;
import dev.fleetsim.engine.hardware.GemmTile;
import dev.fleetsim.engine.hardware.Precision;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits the {@link GemmCurve} of one precision to cuBLASLt measurements: {@code maxEfficiency},
 * {@code kHalf} and the relative efficiency of each candidate tile, the two largest tiles
 * (128×256 and 256×128) being the reference at efficiency 1. A tile and its transpose share one
 * efficiency (a library has both orientations, and on square shapes nothing tells them apart). The model is the curve's own
 * {@link GemmCurve#seconds} (memory floor at the fitted copy fraction, launch floor at the
 * fitted launch latency), so the profile reproduces the fit exactly. A candidate tile that no
 * measured shape selects is dropped (nothing measures it), as is one whose efficiency the
 * shapes that select it cannot pin down.
 */
public final class GemmFitter {

    /** The fitted curve and its record. */
    public record Result(GemmCurve curve, FittedCurve record) {
    }

    private static final int[][] REFERENCE = {{128, 256}, {256, 128}};
    /** Candidate tile groups: a tile and its transpose, sharing one fitted efficiency. */
    private static final int[][][] CANDIDATES = {{{128, 128}}, {{64, 128}, {128, 64}}, {{64, 64}}};

    private GemmFitter() {
    }

    /** K step of a main-loop iteration: 128 for 1-byte inputs, 64 for 2-byte, 32 for 4-byte. */
    static int kStep(Precision p) {
        return p.bytesPerElement() == 1 ? 128 : p.bytesPerElement() == 2 ? 64 : 32;
    }

    /** Bytes per output element: fp8 GEMMs write bf16. */
    static int outBytes(Precision p) {
        return p == Precision.FP8 ? 2 : p.bytesPerElement();
    }

    public static Result fit(Precision precision, List<GemmPoint> points, FitContext ctx, double memoryBytesPerS,
                             double launchS) {
        String path = "gemm." + precision.key();
        double peak = ctx.spec().peakFlopsPerS(precision);
        if (peak <= 0) {
            throw new UnidentifiableException(path, "maxEfficiency", "the catalogue entry " + ctx.spec().name()
                    + " has no " + precision.key() + " peak to measure efficiency against; pass --keep-default " + path
                    + " or give the type a peak in a scenario's hardware section");
        }
        long distinctK = points.stream().mapToLong(GemmPoint::k).distinct().count();
        if (distinctK < 3) {
            throw new UnidentifiableException(path, "kHalf", String.format(Locale.ROOT,
                    "kHalf needs GEMMs of at least 3 different K (found %d); the gemm benchmark's K sweep at 4096 x 4096 measures them",
                    distinctK));
        }
        int kStep = kStep(precision);
        List<int[][]> fitted = new ArrayList<>(List.of(CANDIDATES));
        List<String> notes = new ArrayList<>();
        Attempt a = attempt(path, precision, points, ctx, peak, memoryBytesPerS, launchS, kStep, fitted);
        for (int round = 0; round <= CANDIDATES.length; round++) {
            List<int[][]> keep = new ArrayList<>();
            for (int t = 0; t < fitted.size(); t++) {
                int[][] tile = fitted.get(t);
                String name = groupName(tile);
                double value = a.fit.values()[2 + t];
                double se = a.fit.standardErrors()[2 + t];
                int selected = a.selections[1 + t];
                if (selected == 0) {
                    notes.add("tile " + name + " dropped: no measured shape runs fastest on it");
                } else if (!(se <= RobustFit.MAX_RELATIVE_ERROR * Math.max(value, 0.5))) {
                    notes.add(String.format(Locale.ROOT, "tile %s dropped: its efficiency (%.2f +- %.2f) is not pinned down by the %d shape(s) that select it",
                            name, value, se, selected));
                } else {
                    keep.add(tile);
                }
            }
            if (keep.size() == fitted.size()) {
                break;
            }
            fitted = keep;
            a = attempt(path, precision, points, ctx, peak, memoryBytesPerS, launchS, kStep, fitted);
        }
        GemmCurve curve = a.curve(a.fit.values(), fitted, kStep, sourceText(points.size(), a.fit.rejected().size()), true);
        return new Result(curve, a.record(notes));
    }

    static String groupName(int[][] group) {
        StringBuilder sb = new StringBuilder();
        for (int[] t : group) {
            sb.append(sb.length() == 0 ? "" : "/").append(t[0]).append('x').append(t[1]);
        }
        return sb.toString();
    }

    private static String sourceText(int n, int rejected) {
        return String.format(Locale.ROOT, "fitted to %d cuBLASLt GEMMs (%d rejected as outliers) by fleetsim calibrate fit", n - rejected, rejected);
    }

    /** One fit with a given set of candidate tiles. */
    private static Attempt attempt(String path, Precision precision, List<GemmPoint> points, FitContext ctx, double peak,
                                   double memoryBytesPerS, double launchS, int kStep, List<int[][]> candidates) {
        Attempt a = new Attempt(path, precision, points, ctx, peak, memoryBytesPerS, launchS, kStep, candidates);
        a.run();
        return a;
    }

    private static final class Attempt {
        final String path;
        final Precision precision;
        final List<GemmPoint> points;
        final FitContext ctx;
        final double peak, memoryBytesPerS, launchS;
        final int kStep;
        final List<int[][]> candidates;
        RobustFit.Result fit;
        int[] selections;

        Attempt(String path, Precision precision, List<GemmPoint> points, FitContext ctx, double peak, double memoryBytesPerS,
                double launchS, int kStep, List<int[][]> candidates) {
            this.path = path;
            this.precision = precision;
            this.points = points;
            this.ctx = ctx;
            this.peak = peak;
            this.memoryBytesPerS = memoryBytesPerS;
            this.launchS = launchS;
            this.kStep = kStep;
            this.candidates = candidates;
        }

        GemmCurve curve(double[] p, List<int[][]> groups, int k, String source) {
            return curve(p, groups, k, source, false);
        }

        GemmCurve curve(double[] p, List<int[][]> groups, int k, String source, boolean round) {
            List<GemmTile> list = new ArrayList<>();
            for (int[] r : REFERENCE) {
                list.add(new GemmTile(r[0], r[1], k, 1.0));
            }
            for (int t = 0; t < groups.size(); t++) {
                for (int[] tile : groups.get(t)) {
                    list.add(new GemmTile(tile[0], tile[1], k, Math.min(1.0, round ? Round.sig(p[2 + t]) : p[2 + t])));
                }
            }
            return round ? new GemmCurve(Math.min(1.0, Round.sig(p[0])), list, Round.sig(p[1]), source) : new GemmCurve(p[0], list, p[1], source);
        }

        /** The group (0 = reference, 1 + t = candidate group t) of each tile of a curve built by {@link #curve}. */
        int[] groupOfTile() {
            List<Integer> g = new ArrayList<>();
            for (int i = 0; i < REFERENCE.length; i++) {
                g.add(0);
            }
            for (int t = 0; t < candidates.size(); t++) {
                for (int j = 0; j < candidates.get(t).length; j++) {
                    g.add(1 + t);
                }
            }
            return g.stream().mapToInt(Integer::intValue).toArray();
        }

        double seconds(GemmCurve c, GemmPoint g) {
            return c.seconds(g.m(), g.n(), g.k(), 1, peak, ctx.smCount(), memoryBytesPerS, precision.bytesPerElement(),
                    outBytes(precision), launchS);
        }

        void run() {
            List<Parameter> params = new ArrayList<>();
            params.add(new Parameter("maxEfficiency", 0.02, 1.0, 0.5,
                    "measure large compute-bound GEMMs (8192^3 and larger squares)"));
            params.add(new Parameter("kHalf", 0, 8192, 64,
                    "measure GEMMs at several K for the same M and N (the K sweep at 4096 x 4096)"));
            boolean[] checked = new boolean[2 + candidates.size()];
            checked[0] = true;
            checked[1] = true;
            for (int[][] t : candidates) {
                params.add(new Parameter("tile " + groupName(t) + " efficiency", 0.02, 1.0, 0.5, ""));
            }
            double[] y = new double[points.size()];
            double bestEff = 0;
            for (int i = 0; i < y.length; i++) {
                GemmPoint g = points.get(i);
                y[i] = Math.log(g.timeS());
                bestEff = Math.max(bestEff, g.flops() / g.timeS() / peak);
            }
            RobustFit.Model model = (p, i) -> Math.log(seconds(curve(p, candidates, kStep, ""), points.get(i)));
            List<double[]> starts = new ArrayList<>();
            double e0 = Math.min(1.0, bestEff * 1.05);
            for (double[] s : new double[][] {{e0, 2.0 * kStep, 0.9, 0.7, 0.5}, {e0, kStep / 4.0, 0.8, 0.5, 0.3},
                    {Math.min(1.0, e0 * 1.2), 8.0 * kStep, 0.95, 0.85, 0.7}}) {
                double[] start = new double[params.size()];
                start[0] = s[0];
                start[1] = s[1];
                for (int t = 0; t < candidates.size(); t++) {
                    start[2 + t] = s[2 + Math.min(t, 2)];
                }
                starts.add(start);
            }
            fit = RobustFit.fit(path, params, starts, model, y, checked);
            GemmCurve c = curve(fit.values(), candidates, kStep, "");
            selections = new int[1 + candidates.size()];
            for (int i = 0; i < points.size(); i++) {
                if (!fit.isRejected(i)) {
                    selections[selectedTile(c, points.get(i))]++;
                }
            }
        }

        /** The group of the tile {@link GemmCurve#computeSeconds} picks for a point. */
        int selectedTile(GemmCurve c, GemmPoint g) {
            double perSm = peak / ctx.smCount() * c.maxEfficiency();
            int best = 0;
            double bestS = Double.POSITIVE_INFINITY;
            for (int i = 0; i < c.tiles().size(); i++) {
                GemmTile t = c.tiles().get(i);
                double waves = Math.ceil(Math.ceil((double) g.m() / t.m()) * Math.ceil((double) g.n() / t.n()) / ctx.smCount());
                double s = waves * 2.0 * t.m() * t.n() * (Math.ceil((double) g.k() / t.k()) * t.k() + c.kHalf()) / (perSm * t.efficiency());
                if (s < bestS) {
                    bestS = s;
                    best = i;
                }
            }
            return groupOfTile()[best];
        }

        FittedCurve record(List<String> notes) {
            GemmCurve c = curve(fit.values(), candidates, kStep, "");
            int n = points.size();
            double[] mt = new double[n], ft = new double[n], me = new double[n], fe = new double[n];
            List<String> where = new ArrayList<>(), labels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                GemmPoint g = points.get(i);
                mt[i] = g.timeS();
                ft[i] = seconds(c, g);
                me[i] = g.flops() / mt[i] / peak;
                fe[i] = g.flops() / ft[i] / peak;
                where.add(g.where());
                labels.add("m=" + g.m() + " n=" + g.n() + " k=" + g.k());
            }
            List<FittedCurve.Value> values = new ArrayList<>();
            values.add(new FittedCurve.Value("maxEfficiency", fit.values()[0], fit.standardErrors()[0], ""));
            values.add(new FittedCurve.Value("kHalf", fit.values()[1], fit.standardErrors()[1], ""));
            for (int t = 0; t < candidates.size(); t++) {
                values.add(new FittedCurve.Value("tile " + groupName(candidates.get(t)), fit.values()[2 + t],
                        fit.standardErrors()[2 + t], ""));
            }
            return new FittedCurve(path, values, FitStats.of(fit, me, fe, mt, ft, where, labels), notes);
        }
    }
}
