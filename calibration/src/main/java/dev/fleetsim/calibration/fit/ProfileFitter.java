package dev.fleetsim.calibration.fit;

import dev.fleetsim.calibration.raw.AttentionPoint;
import dev.fleetsim.calibration.raw.DeviceInfo;
import dev.fleetsim.calibration.raw.GemmPoint;
import dev.fleetsim.calibration.raw.LaunchPoint;
import dev.fleetsim.calibration.raw.MemoryPoint;
import dev.fleetsim.calibration.raw.RawData;
import dev.fleetsim.calibration.raw.RawFile;
import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.hardware.AttentionCurve;
import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.CollectiveCurve;
import dev.fleetsim.engine.hardware.FitQuality;
import dev.fleetsim.engine.hardware.GemmCurve;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.LinkCurve;
import dev.fleetsim.engine.hardware.MemoryCurve;
import dev.fleetsim.engine.hardware.Precision;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a set of raw measurements into a {@link HardwareProfile} of the measured GPU type:
 * launch latency and memory fractions first (the GEMM and attention curves use them as
 * floors), then a GEMM curve per measured precision, fused attention, links and collectives.
 * Curves that were not measured (or that the user keeps with {@code --keep-default}) come from
 * the type's shipped default profile, their source saying so; the profile's {@code fit}
 * section lists only the fitted curves. Deterministic: the same raw files give the same profile.
 */
public final class ProfileFitter {

    /**
     * What the user chose.
     *
     * @param gpuType the catalogue type, when the device name does not pin one down
     * @param keepDefault curve paths (or prefixes) to keep at their defaults
     */
    public record Options(Optional<String> gpuType, List<String> keepDefault) {
        public Options {
            keepDefault = List.copyOf(keepDefault);
        }

        public static Options defaults() {
            return new Options(Optional.empty(), List.of());
        }
    }

    /**
     * A finished calibration: the profile, a record per fitted curve, and notes on what was
     * not measured.
     */
    public record Calibration(HardwareProfile profile, List<FittedCurve> curves, List<String> notes,
                              Optional<SpreadFitter.Result> spread) {
        public Calibration {
            curves = List.copyOf(curves);
            notes = List.copyOf(notes);
        }

        /** A calibration without a per-GPU spread. */
        public Calibration(HardwareProfile profile, List<FittedCurve> curves, List<String> notes) {
            this(profile, curves, notes, Optional.empty());
        }
    }

    private ProfileFitter() {
    }

    /** The catalogue type the raw files measured: {@code --gpu-type}, else the device name. */
    public static String gpuType(RawData raw, Options options) {
        DeviceInfo device = raw.identity().devices().get(0);
        for (RawFile f : raw.files()) {
            String other = f.identity().devices().get(0).name();
            if (!other.equals(device.name())) {
                throw new FitInputException("the raw files come from different GPUs: " + device.name() + " in "
                        + raw.files().get(0).path().getFileName() + ", " + other + " in " + f.path().getFileName()
                        + "; fit each GPU type separately");
            }
        }
        if (options.gpuType().isPresent()) {
            String t = options.gpuType().get();
            if (!HardwareCatalog.defaults().containsKey(t)) {
                throw new FitInputException("--gpu-type: found \"" + t + "\"; expected a catalogue type: "
                        + Suggestions.oneOf(t, HardwareCatalog.defaults().keySet()));
            }
            return t;
        }
        return GpuTypes.of(device.name()).orElseThrow(() -> new FitInputException("cannot tell which catalogue GPU type \""
                + device.name() + "\" is; pass --gpu-type (one of " + GpuTypes.known() + ")"));
    }

    public static Calibration fit(RawData raw, Options options) {
        FitContext.checkKeepDefault(options.keepDefault());
        String type = gpuType(raw, options);
        GpuSpec spec = HardwareCatalog.defaults().get(type);
        HardwareProfile defaults = spec.profile();
        DeviceInfo device = raw.identity().devices().get(0);
        FitContext ctx = new FitContext(spec, defaults, device.smCount(), device.l2Bytes(), device.computeCapabilityCode(),
                device.nvlinks().orElse(-1), options.keepDefault());
        List<FittedCurve> curves = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, FitQuality> quality = new LinkedHashMap<>();

        long launchNs = launchLatency(raw, ctx, defaults, notes);
        double launchS = launchNs * 1e-9;
        MemoryCurve memory = memory(raw, ctx, launchS, curves, notes);
        double memoryBytesPerS = spec.hbmBandwidthBytesPerS() * memory.copy();

        Map<Precision, GemmCurve> gemm = new EnumMap<>(Precision.class);
        defaults.gemm().forEach((p, c) -> gemm.put(p, c.withMaxEfficiency(c.maxEfficiency(), unmeasured(c.source()))));
        for (Precision p : Precision.values()) {
            String path = "gemm." + p.key();
            List<GemmPoint> points = gridPoints(raw).stream().filter(g -> g.dtype() == p).toList();
            if (points.isEmpty()) {
                continue;
            }
            if (ctx.keeps(path)) {
                notes.add(path + ": kept at the default (--keep-default)");
                continue;
            }
            // fp8 is timed with fast accumulation and without: the curve from the fast points, the factor from the ratio
            gemm.put(p, SplitAccumulationFitter.fit(p, points, ctx, memoryBytesPerS, launchS, curves, notes));
        }

        Optional<SpreadFitter.Result> spread = spread(raw, ctx, notes);

        Map<AttentionKernel, Map<Precision, AttentionCurve>> attention = attention(raw, ctx, defaults, launchS, curves, notes);
        Map<String, LinkCurve> links = LinkFitter.links(raw, ctx, defaults, curves, notes);
        Map<String, Map<String, CollectiveCurve>> collectives = LinkFitter.collectives(raw, ctx, defaults, curves, notes);
        for (FittedCurve c : curves) {
            quality.put(c.path(), new FitQuality(Math.round(c.stats().r2() * 1e5) / 1e5, c.stats().points(), c.stats().rejected().size(),
                    Round.sig(c.stats().rmsRelativeResidual())));
        }
        spread.ifPresent(r -> quality.put(SpreadFitter.PATH, new FitQuality(Math.round(r.r2() * 1e5) / 1e5,
                r.gpus() * r.shapes(), 0, Double.isNaN(r.noise()) ? 0 : Round.sig(r.noise()))));
        HardwareProfile profile = new HardwareProfile(type, Identities.of(raw, type), gemm, attention, memory, links, collectives,
                launchNs, quality, spread.map(SpreadFitter.Result::spread).orElse(0.0));
        return new Calibration(profile, curves, notes, spread);
    }

    /** The GEMM points of the shape grids (the per-device unit measures the spread, not the curve). */
    private static List<GemmPoint> gridPoints(RawData raw) {
        List<GemmPoint> out = new ArrayList<>();
        for (RawFile f : raw.files()) {
            if (!f.identity().benchmark().equals(SpreadFitter.UNIT)) {
                f.measurements().stream().filter(m -> m instanceof GemmPoint).forEach(m -> out.add((GemmPoint) m));
            }
        }
        return out;
    }

    /** The spread between GPUs, when the per-device unit ran and the user does not keep the default. */
    private static Optional<SpreadFitter.Result> spread(RawData raw, FitContext ctx, List<String> notes) {
        if (!SpreadFitter.measured(raw)) {
            notes.add(SpreadFitter.PATH + ": not measured (no " + SpreadFitter.UNIT + " unit); 0, every GPU alike");
            return Optional.empty();
        }
        if (ctx.keeps(SpreadFitter.PATH)) {
            notes.add(SpreadFitter.PATH + ": kept at the default 0 (--keep-default)");
            return Optional.empty();
        }
        SpreadFitter.Result r = SpreadFitter.fit(raw);
        notes.add(String.format(Locale.ROOT, "%s: %.4f, the relative standard deviation of GEMM rates over %d GPUs"
                        + " (%d shapes each%s); the slowest of 8 GPUs paces a job %.2f %% slower, of 1,024 %.2f %%",
                SpreadFitter.PATH, r.spread(), r.gpus(), r.shapes(), Double.isNaN(r.noise()) ? "; one shape: the"
                        + " measurement noise is not separated, so this is an upper bound"
                        : String.format(Locale.ROOT, ", measurement noise %.4f removed", r.noise()),
                100 * (slowdown(r.spread(), 8) - 1), 100 * (slowdown(r.spread(), 1024) - 1)));
        return Optional.of(r);
    }

    private static double slowdown(double spread, int gpus) {
        return HardwareProfile.slowestGpuSlowdown(spread, gpus);
    }

    static String unmeasured(String source) {
        String s = source == null ? "" : source;
        return s.startsWith("default") ? s : "default, not measured in this calibration: " + s;
    }

    private static long launchLatency(RawData raw, FitContext ctx, HardwareProfile defaults, List<String> notes) {
        double[] t = raw.all(LaunchPoint.class).stream().filter(l -> l.mode().equals(LaunchPoint.BACK_TO_BACK))
                .mapToDouble(LaunchPoint::timeS).toArray();
        if (t.length == 0 || ctx.keeps("launchLatency")) {
            notes.add("launchLatency: " + (t.length == 0 ? "not measured" : "kept (--keep-default)") + "; the default "
                    + defaults.launchLatencyNs() / 1000.0 + " us");
            return defaults.launchLatencyNs();
        }
        return Math.round(RobustFit.median(t) * 1e9);
    }

    private static MemoryCurve memory(RawData raw, FitContext ctx, double launchS, List<FittedCurve> curves, List<String> notes) {
        MemoryCurve d = ctx.defaults().memory();
        List<MemoryPoint> points = raw.all(MemoryPoint.class);
        Map<String, Double> fitted = new LinkedHashMap<>();
        for (String op : List.of("copy", "read", "write", "triad")) {
            String path = "memory." + op;
            if (points.stream().noneMatch(p -> p.op().equals(op))) {
                continue;
            }
            if (ctx.keeps(path)) {
                notes.add(path + ": kept at the default (--keep-default)");
                continue;
            }
            MemoryFitter.Result r = MemoryFitter.fit(op, points, ctx, launchS);
            fitted.put(op, r.fraction());
            curves.add(r.record());
        }
        if (fitted.isEmpty()) {
            notes.add("memory: not measured; the default fractions");
            return new MemoryCurve(d.copy(), d.read(), d.write(), d.triad(), d.elementwise(), d.reduction(), unmeasured(d.source()));
        }
        double copy = fitted.getOrDefault("copy", d.copy());
        double read = fitted.getOrDefault("read", d.read());
        double write = fitted.getOrDefault("write", d.write());
        double triad = fitted.getOrDefault("triad", d.triad());
        // element-wise kernels stream like triad (two reads, one write); row reductions like read
        double elementwise = fitted.containsKey("triad") ? triad : d.elementwise();
        double reduction = fitted.containsKey("read") ? read : d.reduction();
        String source = "fitted by fleetsim calibrate fit to the memory benchmark's " + String.join(", ", fitted.keySet())
                + " kernels on arrays of 4 x L2 and more; elementwise " + (fitted.containsKey("triad") ? "= triad" : "default")
                + ", reduction " + (fitted.containsKey("read") ? "= read" : "default");
        return new MemoryCurve(copy, read, write, triad, elementwise, reduction, source);
    }

    private static Map<AttentionKernel, Map<Precision, AttentionCurve>> attention(RawData raw, FitContext ctx, HardwareProfile defaults,
                                                                                 double launchS, List<FittedCurve> curves,
                                                                                 List<String> notes) {
        Map<AttentionKernel, Map<Precision, AttentionCurve>> out = new EnumMap<>(AttentionKernel.class);
        defaults.attention().forEach((k, byPrecision) -> {
            Map<Precision, AttentionCurve> m = new EnumMap<>(Precision.class);
            byPrecision.forEach((p, c) -> m.put(p, new AttentionCurve(c.maxEfficiency(), c.seqHalf(), c.headDimRef(), c.headDimHalf(),
                    c.backwardRatio(), unmeasured(c.source()))));
            out.put(k, m);
        });
        // cuDNN's fused kernel is the FlashAttention-3 class on Hopper and later, the FlashAttention-2 class before
        AttentionKernel kernel = ctx.computeCapability() >= 90 ? AttentionKernel.FLASH3 : AttentionKernel.FLASH2;
        List<AttentionPoint> fused = raw.all(AttentionPoint.class).stream().filter(a -> a.impl().equals(AttentionPoint.FUSED)).toList();
        for (Precision p : Precision.values()) {
            List<AttentionPoint> points = fused.stream().filter(a -> a.dtype() == p).toList();
            String path = "attention." + kernel.key() + "." + p.key();
            if (points.isEmpty()) {
                continue;
            }
            if (ctx.keeps(path)) {
                notes.add(path + ": kept at the default (--keep-default)");
                continue;
            }
            AttentionCurve d = Optional.ofNullable(defaults.attention().get(kernel)).map(m -> m.get(p)).orElse(null);
            double backward = d != null ? d.backwardRatio() : 0.85;
            String backwardSource = d != null ? "from the default profile" : "0.85, FlashAttention-2 paper's forward/backward maxima (default)";
            AttentionFitter.Result r = AttentionFitter.fit(path, p, points, ctx, launchS, backward, backwardSource);
            out.computeIfAbsent(kernel, k -> new EnumMap<>(Precision.class)).put(p, r.curve());
            curves.add(r.record());
        }
        if (fused.isEmpty() && !raw.all(AttentionPoint.class).isEmpty()) {
            notes.add("attention: only the unfused reference was measured (no cuDNN); fused curves stay at their defaults."
                    + " The unfused points check the GEMM and memory curves in the report");
        }
        return out;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
