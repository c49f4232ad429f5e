package dev.fleetsim.calibration.drift;

import dev.fleetsim.calibration.fit.Predictions;
import dev.fleetsim.engine.hardware.AttentionCurve;
import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.CollectiveCurve;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.LinkCurve;
import dev.fleetsim.engine.hardware.Precision;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Drift between two profiles of one GPU type: for each curve both profiles fitted, what it
 * predicts at a few probe points that matter to the model (a large and a skinny GEMM, short and
 * long attention, the latency- and bandwidth-bound ends of a link or collective), and the
 * relative change. Comparing predictions rather than parameters means a curve that re-fits to
 * another tile mix with the same times does not count as drift. The spread between GPUs
 * ({@code gemmSpread}) is probed by how much longer a 16,384-GPU job's compute takes on its
 * slowest GPU than on a typical one, compared whenever either profile has a spread (so a spread
 * that appears, disappears, or moves by more than the threshold of itself is flagged).
 */
public final class ProfileDiff {

    /**
     * One probe of one curve.
     *
     * @param curve profile path
     * @param probe what is compared, e.g. {@code TFLOP/s at 8192^3}
     * @param oldValue the old profile's value
     * @param newValue the new profile's value
     */
    public record Change(String curve, String probe, double oldValue, double newValue) {
        /** (new - old) / old. */
        public double relative() {
            if (oldValue == 0) {
                return newValue == 0 ? 0 : Double.POSITIVE_INFINITY;
            }
            return (newValue - oldValue) / oldValue;
        }
    }

    /**
     * The comparison.
     *
     * @param changes every probe of every compared curve
     * @param threshold the relative change above which a curve counts as drifted
     * @param onlyInOld fitted curves the new profile lacks
     * @param onlyInNew fitted curves the old profile lacks
     */
    public record Result(List<Change> changes, double threshold, List<String> onlyInOld, List<String> onlyInNew) {
        public Result {
            changes = List.copyOf(changes);
            onlyInOld = List.copyOf(onlyInOld);
            onlyInNew = List.copyOf(onlyInNew);
        }

        /** The probes that moved by more than the threshold. */
        public List<Change> drifted() {
            return changes.stream().filter(c -> Math.abs(c.relative()) > threshold).toList();
        }

        public boolean drift() {
            return !drifted().isEmpty();
        }
    }

    private ProfileDiff() {
    }

    /** The profile's spread of GEMM speed between GPUs, probed by what it costs the largest jobs. */
    static final String SPREAD = "gemmSpread";
    /** The job size the spread is probed at: the slowest of this many GPUs, near the slowdown's bound. */
    static final int SPREAD_PROBE_GPUS = 16_384;

    /**
     * Compares the curves both profiles fitted ({@code all}: every curve they both have,
     * defaults included).
     */
    public static Result compare(HardwareProfile older, HardwareProfile newer, double threshold, boolean all) {
        if (!older.gpuType().equals(newer.gpuType())) {
            throw new IllegalArgumentException("the profiles describe different GPU types: " + older.gpuType() + " and " + newer.gpuType());
        }
        GpuSpec spec = HardwareCatalog.defaults().get(older.gpuType());
        if (spec == null) {
            throw new IllegalArgumentException(older.gpuType() + " is not a catalogue type; the drift check needs its datasheet peaks");
        }
        Set<String> paths = new LinkedHashSet<>();
        List<String> onlyOld = new ArrayList<>(), onlyNew = new ArrayList<>();
        if (all) {
            paths.addAll(curves(older));
            paths.retainAll(curves(newer));
        } else {
            for (String p : older.fit().keySet()) {
                if (newer.fit().containsKey(p)) {
                    paths.add(p);
                } else {
                    onlyOld.add(p);
                }
            }
            newer.fit().keySet().stream().filter(p -> !older.fit().containsKey(p)).forEach(onlyNew::add);
            if (!older.fit().isEmpty() && !newer.fit().isEmpty()) {
                paths.add("launchLatency");
            }
        }
        // The spread between GPUs is compared whenever either profile has one: from 0 to a spread is a change.
        if (older.gemmSpread() != newer.gemmSpread() || older.gemmSpread() > 0) {
            paths.add(SPREAD);
            onlyOld.remove(SPREAD);
            onlyNew.remove(SPREAD);
        }
        // A compared GEMM curve's split-accumulator factor is compared whenever either profile's is not 1 (an older fit kept 1)
        for (Precision pr : Precision.values()) {
            String split = "gemm." + pr.key() + ".splitAccumulation";
            if (paths.contains("gemm." + pr.key()) && (older.gemm(pr).splitAccumulation() != 1 || newer.gemm(pr).splitAccumulation() != 1)) {
                paths.add(split);
                onlyOld.remove(split);
                onlyNew.remove(split);
            }
        }
        List<Change> changes = new ArrayList<>();
        for (String path : paths) {
            probes(path, older, newer, spec, changes);
        }
        return new Result(changes, threshold, onlyOld, onlyNew);
    }

    /** Every curve path a profile has. */
    static List<String> curves(HardwareProfile p) {
        List<String> out = new ArrayList<>();
        p.gemm().keySet().forEach(k -> out.add("gemm." + k.key()));
        p.attention().forEach((k, m) -> m.keySet().forEach(pr -> out.add("attention." + k.key() + "." + pr.key())));
        for (String op : List.of("copy", "read", "write", "triad")) {
            out.add("memory." + op);
        }
        p.links().keySet().forEach(k -> out.add("links." + k));
        p.collectives().forEach((op, m) -> m.keySet().forEach(s -> out.add("collectives." + op + "." + s)));
        out.add("launchLatency");
        return out;
    }

    private static void probes(String path, HardwareProfile a, HardwareProfile b, GpuSpec spec, List<Change> out) {
        String[] parts = path.split("\\.");
        switch (parts[0]) {
            case "gemm" -> {
                Precision p = Precision.valueOf(parts[1].toUpperCase(Locale.ROOT));
                double fa = a.gemm(p).splitAccumulation(), fb = b.gemm(p).splitAccumulation();
                if (parts.length > 2) {
                    // gemm.fp8.splitAccumulation: the split-accumulator (dgrad/wgrad) time factor
                    out.add(new Change(path, "split-accumulator time factor", fa, fb));
                    return;
                }
                for (double[] s : new double[][] {{8192, 8192, 8192}, {4096, 4096, 1024}, {16, 8192, 8192}, {2176, 2176, 4096}}) {
                    double flops = 2 * s[0] * s[1] * s[2];
                    out.add(new Change(path, String.format(Locale.ROOT, "TFLOP/s at %.0fx%.0fx%.0f", s[0], s[1], s[2]),
                            flops / Predictions.gemmSeconds(a, spec, p, s[0], s[1], s[2], 1) / 1e12,
                            flops / Predictions.gemmSeconds(b, spec, p, s[0], s[1], s[2], 1) / 1e12));
                }
            }
            case "attention" -> {
                AttentionKernel k = AttentionKernel.valueOf(parts[1].toUpperCase(Locale.ROOT));
                Precision p = Precision.valueOf(parts[2].toUpperCase(Locale.ROOT));
                AttentionCurve ca = a.attention().get(k).get(p);
                AttentionCurve cb = b.attention().get(k).get(p);
                for (double[] sd : new double[][] {{1024, 64}, {4096, 128}, {16384, 128}}) {
                    out.add(new Change(path, String.format(Locale.ROOT, "efficiency at s=%.0f d=%.0f", sd[0], sd[1]),
                            ca.forwardEfficiency(sd[0], sd[1]), cb.forwardEfficiency(sd[0], sd[1])));
                }
            }
            case "memory" -> out.add(new Change(path, "fraction of HBM", fraction(a, parts[1]), fraction(b, parts[1])));
            case "links" -> {
                LinkCurve la = a.links().get(parts[1]);
                LinkCurve lb = b.links().get(parts[1]);
                out.add(new Change(path, "time of 8 B, us", la.seconds(8) * 1e6, lb.seconds(8) * 1e6));
                out.add(new Change(path, "GB/s at 1 GiB", (1L << 30) / la.seconds(1L << 30) / 1e9, (1L << 30) / lb.seconds(1L << 30) / 1e9));
            }
            case "collectives" -> {
                CollectiveCurve ca = a.collectives().get(parts[1]).get(parts[2]);
                CollectiveCurve cb = b.collectives().get(parts[1]).get(parts[2]);
                out.add(new Change(path, "latency, us", ca.latencyNs() / 1000.0, cb.latencyNs() / 1000.0));
                out.add(new Change(path, "bus bandwidth, GB/s", ca.busBandwidthBytesPerS() / 1e9, cb.busBandwidthBytesPerS() / 1e9));
            }
            case "launchLatency" -> out.add(new Change(path, "us", a.launchLatencyNs() / 1000.0, b.launchLatencyNs() / 1000.0));
            case SPREAD -> out.add(new Change(path, "% longer compute of a 16,384-GPU step (its slowest GPU)",
                    100 * (a.slowestGpuSlowdown(SPREAD_PROBE_GPUS) - 1), 100 * (b.slowestGpuSlowdown(SPREAD_PROBE_GPUS) - 1)));
            default -> {
                // a fit entry this version does not probe
            }
        }
    }

    private static double fraction(HardwareProfile p, String op) {
        Map<String, Double> m = Map.of("copy", p.memory().copy(), "read", p.memory().read(), "write", p.memory().write(),
                "triad", p.memory().triad());
        return m.getOrDefault(op, p.memory().copy());
    }
}
