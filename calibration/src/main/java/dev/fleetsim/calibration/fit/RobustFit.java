package dev.fleetsim.calibration.fit;

import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.util.Pair;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Robust nonlinear least squares for one curve: Levenberg-Marquardt (Commons Math) on the
 * logarithm of the times (every point weighs its relative error, whatever its size), from
 * several starting points, with parameters scaled by their typical magnitude and held inside
 * their bounds; then rounds of outlier rejection (points further than {@value #REJECT_SIGMAS}
 * robust standard deviations from the median residual, at most a tenth of the points, or one
 * of five); then an
 * identifiability check: a parameter is refused when the measurements cannot tell it apart
 * from another one (a singular Jacobian) or when its standard error exceeds a quarter of its size.
 */
public final class RobustFit {

    /** The log of the modelled time of point {@code i} under parameter values {@code p}. */
    public interface Model {
        double logTime(double[] p, int i);
    }

    /** Robust standard deviations beyond which a point is an outlier. */
    public static final double REJECT_SIGMAS = 5.0;
    /** Largest share of a curve's points that may be rejected. */
    public static final double MAX_REJECTED_FRACTION = 0.10;
    /** Largest standard error, relative to {@code max(|value|, scale)}, of an identified parameter. */
    public static final double MAX_RELATIVE_ERROR = 0.25;
    private static final double MIN_SIGMA = 0.01;

    /**
     * The fit: parameter values and standard errors, the rejected point indices, and the
     * modelled log time of every point (rejected ones included).
     */
    public record Result(double[] values, double[] standardErrors, List<Integer> rejected, double[] logPredicted) {
        public boolean isRejected(int i) {
            return rejected.contains(i);
        }
    }

    private RobustFit() {
    }

    /**
     * Fits {@code model} to {@code logMeasured} (one log time per point) from each of
     * {@code starts}; {@code checked} marks the parameters whose identifiability is enforced
     * (the others the caller handles, e.g. a tile no shape selects).
     */
    public static Result fit(String curve, List<Parameter> params, List<double[]> starts, Model model, double[] logMeasured,
                             boolean[] checked) {
        int n = logMeasured.length;
        int p = params.size();
        if (n < p + 2) {
            throw new UnidentifiableException(curve, params.get(0).name(), String.format(Locale.ROOT,
                    "%d measurements cannot fit %d parameters (%s) with a residual to judge them by; need at least %d",
                    n, p, names(params), p + 2));
        }
        boolean[] kept = new boolean[n];
        Arrays.fill(kept, true);
        double[] best = solve(params, starts, model, logMeasured, kept);
        List<Integer> rejected = new ArrayList<>();
        // a tenth of the points, but at least one of five or more, as long as p + 2 remain
        int maxRejected = Math.min(n - p - 2, Math.max(n >= 5 ? 1 : 0, (int) Math.floor(MAX_REJECTED_FRACTION * n)));
        for (int round = 0; round < 3 && rejected.size() < maxRejected; round++) {
            double[] r = residuals(best, model, logMeasured);
            double[] keptResiduals = select(r, kept);
            double median = median(keptResiduals);
            double[] dev = new double[keptResiduals.length];
            for (int i = 0; i < dev.length; i++) {
                dev[i] = Math.abs(keptResiduals[i] - median);
            }
            double sigma = Math.max(MIN_SIGMA, 1.4826 * median(dev));
            List<Integer> worst = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (kept[i] && Math.abs(r[i] - median) > REJECT_SIGMAS * sigma) {
                    worst.add(i);
                }
            }
            if (worst.isEmpty()) {
                break;
            }
            worst.sort((a, b) -> Double.compare(Math.abs(r[b] - median), Math.abs(r[a] - median)));
            for (int i : worst) {
                if (rejected.size() >= maxRejected) {
                    break;
                }
                kept[i] = false;
                rejected.add(i);
            }
            double[] start = best.clone();
            List<double[]> again = new ArrayList<>(starts);
            again.add(0, start);
            best = solve(params, again, model, logMeasured, kept);
        }
        double[] se = standardErrors(curve, params, model, best, logMeasured, kept, checked);
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = model.logTime(best, i);
        }
        rejected.sort(Integer::compare);
        return new Result(best, se, List.copyOf(rejected), predicted);
    }

    private static double[] solve(List<Parameter> params, List<double[]> starts, Model model, double[] y, boolean[] kept) {
        int p = params.size();
        int[] rows = indices(kept);
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            scale[j] = params.get(j).scale();
        }
        double[] target = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            target[r] = y[rows[r]];
        }
        double[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (double[] start : starts) {
            double[] q0 = new double[p];
            for (int j = 0; j < p; j++) {
                q0[j] = params.get(j).clamp(start[j]) / scale[j];
            }
            LeastSquaresProblem problem = new LeastSquaresBuilder()
                    .start(q0)
                    .target(target)
                    .model(point -> evaluate(params, scale, model, rows, point.toArray()))
                    .parameterValidator(v -> {
                        double[] q = v.toArray();
                        for (int j = 0; j < p; j++) {
                            q[j] = params.get(j).clamp(q[j] * scale[j]) / scale[j];
                        }
                        return new ArrayRealVector(q, false);
                    })
                    .maxEvaluations(20000)
                    .maxIterations(5000)
                    .build();
            try {
                LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(problem);
                double cost = o.getCost();
                if (cost < bestCost) {
                    bestCost = cost;
                    double[] q = o.getPoint().toArray();
                    best = new double[p];
                    for (int j = 0; j < p; j++) {
                        best[j] = params.get(j).clamp(q[j] * scale[j]);
                    }
                }
            } catch (TooManyEvaluationsException | TooManyIterationsException | ConvergenceException e) {
                // this start did not converge; another one may
            }
        }
        if (best == null) {
            throw new IllegalStateException("the least-squares fit did not converge from any starting point");
        }
        return best;
    }

    /** Values and the central-difference Jacobian in scaled coordinates. */
    private static Pair<RealVector, RealMatrix> evaluate(List<Parameter> params, double[] scale, Model model, int[] rows, double[] q) {
        int p = q.length;
        double[] x = new double[p];
        for (int j = 0; j < p; j++) {
            x[j] = params.get(j).clamp(q[j] * scale[j]);
        }
        double[] values = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            values[r] = model.logTime(x, rows[r]);
        }
        return new Pair<>(new ArrayRealVector(values, false), new Array2DRowRealMatrix(jacobian(params, model, rows, x), false));
    }

    /** d log t_i / d p_j times scale_j (central differences, one-sided at a bound). */
    private static double[][] jacobian(List<Parameter> params, Model model, int[] rows, double[] x) {
        int p = x.length;
        double[][] jac = new double[rows.length][p];
        for (int j = 0; j < p; j++) {
            Parameter par = params.get(j);
            double h = 1e-5 * par.scale();
            double up = Math.min(par.upper(), x[j] + h);
            double down = Math.max(par.lower(), x[j] - h);
            double[] a = x.clone();
            double[] b = x.clone();
            a[j] = up;
            b[j] = down;
            double width = (up - down) / par.scale();
            for (int r = 0; r < rows.length; r++) {
                jac[r][j] = width == 0 ? 0 : (model.logTime(a, rows[r]) - model.logTime(b, rows[r])) / width;
            }
        }
        return jac;
    }

    /**
     * Standard errors (covariance from the scaled Jacobian and the residual variance), refusing
     * a checked parameter that the data cannot identify.
     */
    private static double[] standardErrors(String curve, List<Parameter> params, Model model, double[] x, double[] y,
                                           boolean[] kept, boolean[] checked) {
        int[] rows = indices(kept);
        int p = x.length;
        double[][] jac = jacobian(params, model, rows, x);
        double[] mag = new double[p];
        for (int j = 0; j < p; j++) {
            mag[j] = Math.max(Math.abs(x[j]), params.get(j).scale());
            double toRelative = mag[j] / params.get(j).scale();
            for (int r = 0; r < rows.length; r++) {
                jac[r][j] *= toRelative;  // sensitivity to a relative change of the parameter
            }
        }
        double ssr = 0;
        for (int r : rows) {
            double d = model.logTime(x, r) - y[r];
            ssr += d * d;
        }
        double s2 = Math.max(ssr / Math.max(1, rows.length - p), 1e-12);
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(jac, false));
        double[] sv = svd.getSingularValues();
        RealMatrix v = svd.getV();
        double[] se = new double[p];
        for (int j = 0; j < p; j++) {
            double var = 0;
            for (int k = 0; k < sv.length; k++) {
                double vjk = v.getEntry(j, k);
                var += sv[k] > 1e-12 * sv[0] && sv[k] > 0 ? vjk * vjk / (sv[k] * sv[k]) : (Math.abs(vjk) > 1e-6 ? Double.POSITIVE_INFINITY : 0);
            }
            se[j] = Math.sqrt(var * s2) * mag[j];
        }
        for (int k = 0; k < sv.length; k++) {
            if (!(sv[k] > 1e-9 * sv[0]) || sv[0] == 0) {
                explainDegenerate(curve, params, v.getColumn(k), checked);
            }
        }
        for (int j = 0; j < p; j++) {
            if (checked[j] && !(se[j] <= MAX_RELATIVE_ERROR * mag[j])) {
                Parameter par = params.get(j);
                throw new UnidentifiableException(curve, par.name(), String.format(Locale.ROOT,
                        "the measurements do not identify %s (fitted %s, standard error %s, over a quarter of its size); %s",
                        par.name(), fmt(x[j]), fmt(se[j]), par.hint()));
            }
        }
        return se;
    }

    /** A zero singular value: the parameters along its vector move together without changing any prediction. */
    private static void explainDegenerate(String curve, List<Parameter> params, double[] direction, boolean[] checked) {
        int first = -1;
        int second = -1;
        for (int j = 0; j < direction.length; j++) {
            if (first < 0 || Math.abs(direction[j]) > Math.abs(direction[first])) {
                second = first;
                first = j;
            } else if (second < 0 || Math.abs(direction[j]) > Math.abs(direction[second])) {
                second = j;
            }
        }
        boolean checkedInvolved = false;
        for (int j = 0; j < direction.length; j++) {
            checkedInvolved |= checked[j] && Math.abs(direction[j]) > 0.1;
        }
        if (!checkedInvolved) {
            return;
        }
        Parameter a = params.get(first);
        if (second < 0 || Math.abs(direction[second]) < 0.1) {
            throw new UnidentifiableException(curve, a.name(),
                    "no measurement depends on " + a.name() + "; " + a.hint());
        }
        Parameter b = params.get(second);
        throw new UnidentifiableException(curve, a.name(), "the measurements cannot tell " + a.name() + " and " + b.name()
                + " apart (changing one can be made up by the other); " + a.hint());
    }

    private static double[] residuals(double[] x, Model model, double[] y) {
        double[] r = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            r[i] = model.logTime(x, i) - y[i];
        }
        return r;
    }

    private static int[] indices(boolean[] kept) {
        int c = 0;
        for (boolean k : kept) {
            c += k ? 1 : 0;
        }
        int[] out = new int[c];
        for (int i = 0, j = 0; i < kept.length; i++) {
            if (kept[i]) {
                out[j++] = i;
            }
        }
        return out;
    }

    private static double[] select(double[] v, boolean[] kept) {
        int[] idx = indices(kept);
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? 0 : n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static String names(List<Parameter> params) {
        List<String> n = new ArrayList<>();
        params.forEach(p -> n.add(p.name()));
        return String.join(", ", n);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
