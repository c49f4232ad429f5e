package dev.fleetsim.calibration.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits {@code t = latency + x / bandwidth} to measurements of one link class or collective
 * (for a collective {@code x} is the size times nccl-tests' bus factor, so the bandwidth is
 * the bus bandwidth).
 *
 * @param curve the profile path, e.g. {@code links.nvlinkPeer}
 * @param latencyS fitted latency (alpha)
 * @param bandwidthBytesPerS fitted bandwidth (1 / beta)
 * @param standardErrors standard errors of latency and bandwidth
 * @param stats fit quality
 * @param samples the measurements, in input order
 * @param rejected per sample, whether the fit left it out
 */
public record AlphaBetaFit(String curve, double latencyS, double bandwidthBytesPerS, double[] standardErrors, FitStats stats,
                           List<Sample> samples, boolean[] rejected) {

    public double seconds(double x) {
        return latencyS + x / bandwidthBytesPerS;
    }

    /** Fits the samples; refuses (with what to measure) when sizes do not span both regimes. */
    public static AlphaBetaFit fit(String curve, List<Sample> samples) {
        int n = samples.size();
        long distinct = samples.stream().mapToDouble(Sample::x).distinct().count();
        if (distinct < 2) {
            throw new UnidentifiableException(curve, "latency", String.format(Locale.ROOT,
                    "latency and bandwidth need transfers of at least two sizes; found %d measurement(s) all of %s",
                    n, n == 0 ? "nothing" : bytes(samples.get(0).bytes())));
        }
        double maxBw = 0, minT = Double.POSITIVE_INFINITY;
        for (Sample s : samples) {
            maxBw = Math.max(maxBw, s.x() / s.timeS());
            minT = Math.min(minT, s.timeS());
        }
        List<Parameter> params = List.of(
                new Parameter("latency", 0, 10, 1e-6,
                        "measure small transfers (a few bytes to 64 KiB), where the latency is most of the time"),
                new Parameter("bandwidth", 1e3, 1e16, maxBw,
                        "measure large transfers (hundreds of MiB), where the bandwidth is most of the time"));
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.log(samples.get(i).timeS());
        }
        RobustFit.Model model = (p, i) -> Math.log(p[0] + samples.get(i).x() / p[1]);
        List<double[]> starts = List.of(new double[] {minT * 0.9, maxBw * 1.05}, new double[] {minT * 0.1, maxBw * 2},
                new double[] {1e-6, maxBw});
        RobustFit.Result r = RobustFit.fit(curve, params, starts, model, y, new boolean[] {true, true});
        double[] measured = new double[n], fitted = new double[n];
        List<String> where = new ArrayList<>(), labels = new ArrayList<>();
        boolean[] rejected = new boolean[n];
        for (int i = 0; i < n; i++) {
            measured[i] = samples.get(i).timeS();
            fitted[i] = Math.exp(r.logPredicted()[i]);
            where.add(samples.get(i).where());
            labels.add(samples.get(i).label());
            rejected[i] = r.isRejected(i);
        }
        FitStats stats = FitStats.of(r, measured, fitted, measured, fitted, where, labels);
        return new AlphaBetaFit(curve, r.values()[0], r.values()[1], r.standardErrors(), stats, List.copyOf(samples), rejected);
    }

    static String bytes(double b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, b == Math.rint(b) ? "%.0f %s" : "%.1f %s", b, units[u]);
    }
}
