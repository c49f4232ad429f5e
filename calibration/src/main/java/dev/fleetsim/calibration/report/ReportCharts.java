package dev.fleetsim.calibration.report;

import dev.fleetsim.calibration.fit.Predictions;
import dev.fleetsim.calibration.raw.AttentionPoint;
import dev.fleetsim.calibration.raw.CollectivePoint;
import dev.fleetsim.calibration.raw.GemmPoint;
import dev.fleetsim.calibration.raw.HostCopyPoint;
import dev.fleetsim.calibration.raw.Measurement;
import dev.fleetsim.calibration.raw.MemoryPoint;
import dev.fleetsim.calibration.raw.P2pPoint;
import dev.fleetsim.calibration.raw.RawData;
import dev.fleetsim.engine.hardware.AttentionCurve;
import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.CollectiveCurve;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.LinkCurve;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.report.FitChart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Predicate;

/**
 * The report's charts: per curve class, the measured points (when raw files are given), the
 * profile's fitted curve, the points the fit rejected, and the datasheet peak.
 */
final class ReportCharts {

    private final HardwareProfile profile;
    private final GpuSpec spec;
    private final Optional<RawData> raw;
    private final Set<String> rejected;
    private final int computeCapability;

    ReportCharts(HardwareProfile profile, GpuSpec spec, Optional<RawData> raw, Set<String> rejected, int computeCapability) {
        this.profile = profile;
        this.spec = spec;
        this.raw = raw;
        this.rejected = rejected;
        this.computeCapability = computeCapability;
    }

    List<FitChart> all() {
        List<FitChart> charts = new ArrayList<>();
        boolean synthetic = profile.identity().notes().orElse("").startsWith("SYNTHETIC")
                || raw.map(RawData::synthetic).orElse(false);
        for (Precision p : Precision.values()) {
            if (profile.gemm().containsKey(p) && spec.supports(p)) {
                charts.add(gemm(p));
            }
        }
        attention().ifPresent(charts::add);
        unfused().ifPresent(charts::add);
        charts.add(memory());
        charts.add(links());
        collectives().ifPresent(charts::add);
        if (!synthetic) {
            return charts;
        }
        return charts.stream().map(c -> new FitChart(c.file(), c.title() + " [SYNTHETIC DATA]", c.xLabel(), c.yLabel(), c.logX(), c.logY(),
                c.series(), c.lines())).toList();
    }

    private <T extends Measurement> List<T> points(Class<T> type) {
        return raw.map(r -> r.all(type)).orElse(List.of());
    }

    private static double[] logRange(double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / (n - 1));
        }
        return v;
    }

    private static double[] map(double[] x, DoubleUnaryOperator f) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        return y;
    }

    /** Measured (kept), fitted-at-the-same-points and rejected series of one group. */
    private <T> void measuredSeries(List<FitChart.Series> out, String name, int group, List<T> pts, Predicate<T> keep,
                                    java.util.function.ToDoubleFunction<T> x, java.util.function.ToDoubleFunction<T> measured,
                                    java.util.function.ToDoubleFunction<T> fitted, java.util.function.Function<T, String> where) {
        List<T> sel = pts.stream().filter(keep).toList();
        if (sel.isEmpty()) {
            return;
        }
        List<T> kept = sel.stream().filter(p -> !rejected.contains(where.apply(p))).toList();
        List<T> rej = sel.stream().filter(p -> rejected.contains(where.apply(p))).toList();
        out.add(new FitChart.Series(name + " measured", FitChart.Kind.MEASURED, group, kept.stream().mapToDouble(x).toArray(),
                kept.stream().mapToDouble(measured).toArray()));
        if (fitted != null) {
            out.add(new FitChart.Series(name + " fitted", FitChart.Kind.FITTED_POINTS, group, sel.stream().mapToDouble(x).toArray(),
                    sel.stream().mapToDouble(fitted).toArray()));
        }
        if (!rej.isEmpty()) {
            out.add(new FitChart.Series(name + " rejected", FitChart.Kind.REJECTED, group, rej.stream().mapToDouble(x).toArray(),
                    rej.stream().mapToDouble(measured).toArray()));
        }
    }

    private FitChart gemm(Precision p) {
        double peak = spec.peakFlopsPerS(p);
        List<FitChart.Series> series = new ArrayList<>();
        List<GemmPoint> pts = points(GemmPoint.class).stream().filter(g -> g.dtype() == p).toList();
        boolean twoModes = pts.stream().anyMatch(GemmPoint::fastAccumulation) && pts.stream().anyMatch(g -> !g.fastAccumulation());
        // fp8 timed in both modes: the fast-accumulation shapes (the curve's own rate) and their split-accumulator twins
        measuredSeries(series, twoModes ? "fast accumulation" : "shapes", 0, pts, g -> !twoModes || g.fastAccumulation(),
                GemmPoint::flops, g -> g.flops() / g.timeS() / 1e12, g -> g.flops() / Predictions.seconds(profile, spec, g) / 1e12,
                GemmPoint::where);
        if (twoModes) {
            measuredSeries(series, "split accumulation", 2, pts, g -> !g.fastAccumulation(), GemmPoint::flops,
                    g -> g.flops() / g.timeS() / 1e12, g -> g.flops() / Predictions.seconds(profile, spec, g) / 1e12, GemmPoint::where);
        }
        // squares at multiples of 256 from 256 to 16384, about eight a factor of two
        List<Double> squares = new ArrayList<>();
        for (double s = 256; s <= 16384; s = Math.max(s + 256, Math.round(s * 1.09 / 256) * 256)) {
            squares.add(s);
        }
        double[] sizes = squares.stream().mapToDouble(Double::doubleValue).toArray();
        double[] flops = map(sizes, s -> 2 * s * s * s);
        double[] tflops = map(sizes, s -> 2 * s * s * s / Predictions.gemmSeconds(profile, spec, p, s, s, s, 1) / 1e12);
        series.add(new FitChart.Series("profile, square M=N=K", FitChart.Kind.FITTED, 1, flops, tflops));
        if (profile.gemm(p).splitAccumulation() != 1) {
            double factor = profile.gemm(p).splitAccumulation();
            series.add(new FitChart.Series("profile, square, split accumulation (x" + fmt(factor) + ")", FitChart.Kind.FITTED, 3, flops,
                    map(sizes, s -> 2 * s * s * s / Predictions.gemmSeconds(profile, spec, p, s, s, s, 1, true) / 1e12)));
        }
        double maxEff = profile.gemm(p).maxEfficiency();
        return new FitChart("gemm-" + p.key() + ".png", p.key() + " GEMM (cuBLASLt): achieved TFLOP/s by size", "FLOPs per GEMM (2MNK)",
                "TFLOP/s", true, false, series, List.of(new FitChart.Line("datasheet peak " + fmt(peak / 1e12), peak / 1e12),
                new FitChart.Line("maxEfficiency x peak " + fmt(maxEff * peak / 1e12), maxEff * peak / 1e12)));
    }

    private Optional<FitChart> attention() {
        AttentionKernel kernel = Predictions.fusedKernel(computeCapability);
        Map<Precision, AttentionCurve> curves = profile.attention().get(kernel);
        if (curves == null || !curves.containsKey(Precision.BF16)) {
            return Optional.empty();
        }
        double peak = spec.peakFlopsPerS(Precision.BF16);
        AttentionCurve c = curves.get(Precision.BF16);
        List<AttentionPoint> pts = points(AttentionPoint.class).stream()
                .filter(a -> a.impl().equals(AttentionPoint.FUSED) && a.dtype() == Precision.BF16).toList();
        Set<Long> dims = new TreeSet<>();
        pts.forEach(a -> dims.add(a.headDim()));
        if (dims.isEmpty()) {
            dims.addAll(List.of(64L, 128L, 256L));
        }
        List<FitChart.Series> series = new ArrayList<>();
        int g = 0;
        for (long d : dims) {
            measuredSeries(series, "d=" + d, g, pts, a -> a.headDim() == d, AttentionPoint::seq, a -> a.flops() / a.timeS() / 1e12, null,
                    AttentionPoint::where);
            double[] s = logRange(256, 32768, 50);
            series.add(new FitChart.Series("d=" + d + " profile", FitChart.Kind.FITTED, g, s,
                    map(s, x -> peak * c.forwardEfficiency(x, d) / 1e12)));
            g++;
        }
        return Optional.of(new FitChart("attention-" + kernel.key() + "-bf16.png", "fused attention forward (" + kernel.key()
                + " class, bf16): TFLOP/s by sequence length", "sequence length (keys per query)", "TFLOP/s", true, false, series,
                List.of(new FitChart.Line("datasheet bf16 peak " + fmt(peak / 1e12), peak / 1e12))));
    }

    private Optional<FitChart> unfused() {
        List<AttentionPoint> pts = points(AttentionPoint.class).stream().filter(a -> a.impl().equals(AttentionPoint.UNFUSED)).toList();
        if (pts.isEmpty()) {
            return Optional.empty();
        }
        Set<Long> dims = new TreeSet<>();
        pts.forEach(a -> dims.add(a.headDim()));
        List<FitChart.Series> series = new ArrayList<>();
        int g = 0;
        for (long d : dims) {
            List<AttentionPoint> sel = pts.stream().filter(a -> a.headDim() == d).sorted((x, y) -> Long.compare(x.seq(), y.seq())).toList();
            series.add(new FitChart.Series("d=" + d + " measured", FitChart.Kind.MEASURED, g, sel.stream().mapToDouble(AttentionPoint::seq).toArray(),
                    sel.stream().mapToDouble(a -> a.flops() / a.timeS() / 1e12).toArray()));
            series.add(new FitChart.Series("d=" + d + " GEMM + memory curves", FitChart.Kind.FITTED, g,
                    sel.stream().mapToDouble(AttentionPoint::seq).toArray(),
                    sel.stream().mapToDouble(a -> a.flops() / Predictions.unfusedSeconds(profile, spec, a) / 1e12).toArray()));
            g++;
        }
        double peak = spec.peakFlopsPerS(Precision.BF16);
        return Optional.of(new FitChart("attention-unfused-bf16.png", "unfused attention (2 batched GEMMs + softmax): measured vs the GEMM and memory curves",
                "sequence length", "TFLOP/s", true, false, series, List.of(new FitChart.Line("datasheet bf16 peak " + fmt(peak / 1e12), peak / 1e12))));
    }

    private FitChart memory() {
        double hbm = spec.hbmBandwidthBytesPerS();
        List<FitChart.Series> series = new ArrayList<>();
        List<MemoryPoint> pts = points(MemoryPoint.class);
        String[] ops = {"copy", "read", "write", "triad"};
        double[] fractions = {profile.memory().copy(), profile.memory().read(), profile.memory().write(), profile.memory().triad()};
        double launch = profile.launchLatencyNs() * 1e-9;
        long l2 = raw.map(r -> r.identity().devices().get(0).l2Bytes()).orElse(0L);
        long hbmResidentBytes = l2 > 0 ? 4 * l2 : 256L << 20;
        for (int i = 0; i < ops.length; i++) {
            String op = ops[i];
            double frac = fractions[i];
            double factor = op.equals("copy") ? 2 : op.equals("triad") ? 3 : 1;
            measuredSeries(series, op, i, pts, m -> m.op().equals(op), MemoryPoint::bytes, m -> m.bandwidthBytesPerS() / 1e9, null,
                    MemoryPoint::where);
            // the fraction describes HBM-resident arrays only (four times L2 and more)
            double[] b = logRange(hbmResidentBytes, 4L << 30, 30);
            series.add(new FitChart.Series(op + " profile", FitChart.Kind.FITTED, i, b,
                    map(b, x -> factor * x / (launch + factor * x / (frac * hbm)) / 1e9)));
        }
        return new FitChart("memory.png", "device memory bandwidth (bytes read + written); fitted from " + ReportMarkdown.bytes(hbmResidentBytes)
                + " (4 x L2) up, smaller arrays hit the cache",
                "bytes per array", "GB/s", true, false, series, List.of(new FitChart.Line("datasheet HBM " + fmt(hbm / 1e9), hbm / 1e9)));
    }

    private FitChart links() {
        List<FitChart.Series> series = new ArrayList<>();
        List<P2pPoint> p2p = points(P2pPoint.class);
        List<HostCopyPoint> host = points(HostCopyPoint.class);
        int g = 0;
        double[] b = logRange(8, 1L << 30, 60);
        for (String cls : HardwareProfile.LINK_CLASSES) {
            LinkCurve c = profile.links().get(cls);
            if (cls.equals("nvlinkPeer")) {
                measuredSeries(series, cls, g, p2p, P2pPoint::peerAccess, P2pPoint::bytes, x -> x.bytes() / x.timeS() / 1e9, null, P2pPoint::where);
            } else if (cls.startsWith("pcie")) {
                String dir = cls.contains("HostToDevice") ? "h2d" : "d2h";
                String mem = cls.endsWith("Pinned") ? "pinned" : "pageable";
                measuredSeries(series, cls, g, host, h -> h.direction().equals(dir) && h.memory().equals(mem), HostCopyPoint::bytes,
                        h -> h.bytes() / h.timeS() / 1e9, null, HostCopyPoint::where);
            }
            if (c != null && !(cls.equals("nic") && raw.isPresent())) {
                series.add(new FitChart.Series(cls + " profile", FitChart.Kind.FITTED, g, b, map(b, x -> x / c.seconds(x) / 1e9)));
            }
            g++;
        }
        List<FitChart.Line> lines = new ArrayList<>();
        if (spec.nvlinkBandwidthBytesPerS() > 0) {
            lines.add(new FitChart.Line("datasheet NVLink per direction " + fmt(spec.nvlinkBandwidthBytesPerS() / 1e9),
                    spec.nvlinkBandwidthBytesPerS() / 1e9));
        }
        lines.add(new FitChart.Line("datasheet PCIe per direction " + fmt(spec.pcieBandwidthBytesPerS() / 1e9), spec.pcieBandwidthBytesPerS() / 1e9));
        return new FitChart("links.png", "links: achieved bandwidth by transfer size (alpha-beta fits)", "bytes", "GB/s", true, true,
                series, lines);
    }

    private Optional<FitChart> collectives() {
        List<CollectivePoint> pts = points(CollectivePoint.class);
        List<FitChart.Series> series = new ArrayList<>();
        int g = 0;
        double[] b = logRange(8, 4L << 30, 60);
        for (String op : HardwareProfile.COLLECTIVE_OPS) {
            Map<String, CollectiveCurve> byScope = profile.collectives().get(op);
            for (String scope : HardwareProfile.COLLECTIVE_SCOPES) {
                CollectiveCurve c = byScope == null ? null : byScope.get(scope);
                List<CollectivePoint> sel = pts.stream().filter(x -> x.op().equals(op) && x.scope().equals(scope)).toList();
                if (c == null && sel.isEmpty()) {
                    continue;
                }
                String name = op + (scope.equals("intraNode") ? "" : " " + scope);
                measuredSeries(series, name, g, sel, x -> true, CollectivePoint::bytes, x -> x.busBandwidthBytesPerS() / 1e9, null,
                        CollectivePoint::where);
                if (c != null) {
                    int n = c.gpus().orElse(8);
                    double f = CollectivePoint.busFactor(op, n);
                    series.add(new FitChart.Series(name + " profile", FitChart.Kind.FITTED, g, b,
                            map(b, x -> x * f / (c.latencyNs() * 1e-9 + f * x / c.busBandwidthBytesPerS()) / 1e9)));
                }
                g++;
            }
        }
        if (series.isEmpty()) {
            return Optional.empty();
        }
        List<FitChart.Line> lines = spec.nvlinkBandwidthBytesPerS() > 0
                ? List.of(new FitChart.Line("datasheet NVLink per direction " + fmt(spec.nvlinkBandwidthBytesPerS() / 1e9),
                spec.nvlinkBandwidthBytesPerS() / 1e9)) : List.of();
        return Optional.of(new FitChart("collectives.png", "NCCL collectives: bus bandwidth by size (nccl-tests busbw)", "bytes (nccl-tests size)",
                "bus bandwidth, GB/s", true, false, series, lines));
    }

    static String fmt(double v) {
        return v >= 100 ? String.format(java.util.Locale.ROOT, "%.0f", v) : String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
