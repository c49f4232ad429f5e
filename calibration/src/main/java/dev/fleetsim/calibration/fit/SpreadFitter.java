package dev.fleetsim.calibration.fit;

import dev.fleetsim.calibration.raw.DeviceInfo;
import dev.fleetsim.calibration.raw.GemmPoint;
import dev.fleetsim.calibration.raw.Measurement;
import dev.fleetsim.calibration.raw.RawData;
import dev.fleetsim.calibration.raw.RawFile;
import dev.fleetsim.engine.hardware.HardwareProfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spread of GEMM throughput between GPUs ({@link HardwareProfile#gemmSpread}) from the
 * {@code gemm-devices} unit: the same few large GEMMs timed on every GPU of a node (of several
 * nodes, when several raw folders are given). On log rates {@code y[d][s]} of device {@code d}
 * and shape {@code s}, a two-way random-effects analysis of variance separates the spread
 * between GPUs from the noise of a measurement: with {@code D} devices and {@code S} shapes each
 * measured on all of them, {@code MS_between = S Σ_d (ȳ_d − ȳ)² / (D − 1)}, {@code MS_error =
 * Σ (y − ȳ_d − ȳ_s + ȳ)² / ((D − 1)(S − 1))}, and the spread is {@code sqrt(max(0, MS_between −
 * MS_error) / S)}, a relative standard deviation (a log-rate's standard deviation is the relative
 * one for spreads this small). One shape gives no noise estimate: the spread is then the plain
 * between-GPU deviation, an upper bound, and a note says so. A GPU is one device index of one
 * host (its UUID where the identity has it).
 */
public final class SpreadFitter {

    /** The unit whose files hold the per-device GEMMs. */
    public static final String UNIT = "gemm-devices";
    /** The profile path the spread goes under for {@code --keep-default}, notes and drift. */
    public static final String PATH = "gemmSpread";

    /**
     * A fitted spread.
     *
     * @param spread relative standard deviation of per-GPU GEMM rates, 4 significant digits
     * @param relativeRate each GPU's rate over the mean (geometric, over the shapes), by GPU label
     * @param shapes shapes every GPU measured
     * @param noise relative standard deviation of one measurement about its GPU and shape (NaN with one shape)
     * @param r2 the share of the shape-centred log rates' variation the GPUs explain (1 with one shape)
     */
    public record Result(double spread, Map<String, Double> relativeRate, int shapes, double noise, double r2) {
        public Result {
            relativeRate = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(relativeRate));
        }

        public int gpus() {
            return relativeRate.size();
        }
    }

    private SpreadFitter() {
    }

    /** Whether the raw files hold a per-device GEMM unit at all. */
    public static boolean measured(RawData raw) {
        return raw.files().stream().anyMatch(f -> f.identity().benchmark().equals(UNIT) && !perDevice(f).isEmpty());
    }

    /**
     * The spread of the per-device GEMM points of {@code raw}.
     *
     * @throws UnidentifiableException when fewer than two GPUs measured the same shapes
     */
    public static Result fit(RawData raw) {
        // rates by GPU, then by shape: the median of the points of one GPU and shape
        Map<String, Map<String, List<Double>>> rates = new TreeMap<>();
        for (RawFile f : raw.files()) {
            if (!f.identity().benchmark().equals(UNIT)) {
                continue;
            }
            for (GemmPoint g : perDevice(f)) {
                String gpu = label(f, g.device());
                String shape = g.dtype().key() + " " + g.m() + "x" + g.n() + "x" + g.k();
                rates.computeIfAbsent(gpu, k -> new TreeMap<>()).computeIfAbsent(shape, k -> new ArrayList<>())
                        .add(g.flops() / g.timeS());
            }
        }
        List<String> shapes = new ArrayList<>();
        rates.values().stream().findFirst().ifPresent(m -> shapes.addAll(m.keySet()));
        rates.values().forEach(m -> shapes.retainAll(m.keySet()));
        List<String> gpus = new ArrayList<>(rates.keySet());
        if (gpus.size() < 2 || shapes.isEmpty()) {
            throw new UnidentifiableException(PATH, "spread", "the " + UNIT + " unit measured " + (gpus.isEmpty() ? "no GPU"
                    : gpus.size() == 1 ? "one GPU only (" + gpus.get(0) + ")" : "no shape on every GPU")
                    + ", and the spread between GPUs needs two or more with the same shapes; run calibrate run on a node"
                    + " with several GPUs (or give the raw folders of several nodes), or keep the default 0 with"
                    + " --keep-default " + PATH);
        }
        int d = gpus.size();
        int s = shapes.size();
        double[][] y = new double[d][s];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < s; j++) {
                y[i][j] = Math.log(RobustFit.median(rates.get(gpus.get(i)).get(shapes.get(j)).stream()
                        .mapToDouble(Double::doubleValue).toArray()));
            }
        }
        double[] byGpu = new double[d];
        double[] byShape = new double[s];
        double all = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < s; j++) {
                byGpu[i] += y[i][j] / s;
                byShape[j] += y[i][j] / d;
                all += y[i][j] / (d * s);
            }
        }
        double between = 0;
        for (double g : byGpu) {
            between += s * (g - all) * (g - all);
        }
        between /= d - 1;
        double noiseVar = Double.NaN;
        double variance = between / s;
        double r2 = 1;
        if (s > 1) {
            double error = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < s; j++) {
                    double r = y[i][j] - byGpu[i] - byShape[j] + all;
                    error += r * r;
                }
            }
            noiseVar = error / ((d - 1) * (s - 1));
            variance = Math.max(0, between - noiseVar) / s;
            double ssBetween = between * (d - 1);
            r2 = ssBetween + error > 0 ? ssBetween / (ssBetween + error) : 1;
        }
        double spread = Round.sig(Math.sqrt(variance));
        if (spread > HardwareProfile.MAX_GEMM_SPREAD) {
            throw new UnidentifiableException(PATH, "spread", String.format(Locale.ROOT, "the GPUs' GEMM rates differ by a"
                    + " relative standard deviation of %.3f, above the %.1f a profile may hold: a faulty or throttled GPU"
                    + " (see the per-GPU rates in calibrate report) is not a fleet's spread; measure without it",
                    spread, HardwareProfile.MAX_GEMM_SPREAD));
        }
        Map<String, Double> relative = new LinkedHashMap<>();
        for (int i = 0; i < d; i++) {
            relative.put(gpus.get(i), Math.exp(byGpu[i] - all));
        }
        return new Result(spread, relative, s, Math.sqrt(noiseVar), r2);
    }

    private static List<GemmPoint> perDevice(RawFile f) {
        List<GemmPoint> out = new ArrayList<>();
        for (Measurement m : f.measurements()) {
            if (m instanceof GemmPoint) {
                out.add((GemmPoint) m);
            }
        }
        return out;
    }

    /** A GPU's name in results: its UUID where the identity lists it, else host and device index. */
    private static String label(RawFile f, int device) {
        for (DeviceInfo info : f.identity().devices()) {
            if (info.index() == device && info.uuid() != null && !info.uuid().isBlank()) {
                return info.uuid();
            }
        }
        return f.identity().host() + ":" + device;
    }
}
