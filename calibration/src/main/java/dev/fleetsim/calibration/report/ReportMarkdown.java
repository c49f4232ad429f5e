package dev.fleetsim.calibration.report;

import dev.fleetsim.calibration.fit.FitStats;
import dev.fleetsim.calibration.fit.FittedCurve;
import dev.fleetsim.calibration.fit.Predictions;
import dev.fleetsim.calibration.fit.ProfileFitter;
import dev.fleetsim.calibration.raw.AttentionPoint;
import dev.fleetsim.calibration.raw.CollectivePoint;
import dev.fleetsim.calibration.raw.GemmPoint;
import dev.fleetsim.calibration.raw.HostCopyPoint;
import dev.fleetsim.calibration.raw.LaunchPoint;
import dev.fleetsim.calibration.raw.MemoryPoint;
import dev.fleetsim.calibration.raw.P2pPoint;
import dev.fleetsim.calibration.raw.RawData;
import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.CollectiveCurve;
import dev.fleetsim.engine.hardware.FitQuality;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.LinkCurve;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.hardware.ProfileIdentity;
import dev.fleetsim.report.FitChart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The report's Markdown summary: where the profile comes from, each headline figure measured
 * against the datasheet and against the shipped default profile, the fit quality per curve, the
 * rejected measurements, the peer-to-peer matrix, and what was not measured.
 */
final class ReportMarkdown {

    private final HardwareProfile profile;
    private final HardwareProfile defaults;
    private final GpuSpec spec;
    private final Optional<RawData> raw;
    private final Optional<ProfileFitter.Calibration> refit;
    private final int computeCapability;
    private final StringBuilder md = new StringBuilder();

    ReportMarkdown(HardwareProfile profile, HardwareProfile defaults, GpuSpec spec, Optional<RawData> raw,
                   Optional<ProfileFitter.Calibration> refit, int computeCapability) {
        this.profile = profile;
        this.defaults = defaults;
        this.spec = spec;
        this.raw = raw;
        this.refit = refit;
        this.computeCapability = computeCapability;
    }

    String build(List<FitChart> charts) {
        ProfileIdentity id = profile.identity();
        md.append("# Calibration report: ").append(profile.gpuType()).append("\n\n");
        if (id.notes().orElse("").startsWith("SYNTHETIC")) {
            md.append("> **SYNTHETIC DATA.** This profile was fitted to generated test data, not to a measurement. ")
                    .append("Its numbers show what the report looks like; they say nothing about real hardware.\n\n");
        }
        md.append("| | |\n|---|---|\n");
        row("GPU type", profile.gpuType());
        row("device", id.device().orElse("unknown"));
        row("source", id.source());
        row("measured at", id.measuredAt().map(Object::toString).orElse("unknown"));
        row("GPUs", id.uuids().isEmpty() ? "unknown" : id.uuids().size() + " (" + id.uuids().get(0) + (id.uuids().size() > 1 ? ", ..." : "") + ")");
        row("SMs", Integer.toString(id.smCount()));
        id.smClockMHz().ifPresent(v -> row("SM clock", v + " MHz"));
        id.powerLimitW().ifPresent(v -> row("power limit", fmt(v) + " W"));
        List<String> versions = new ArrayList<>();
        id.versions().forEach((k, v) -> versions.add(k + " " + v));
        row("versions", versions.isEmpty() ? "unknown" : String.join(", ", versions));
        row("profile hash", profile.contentHash());
        id.notes().ifPresent(n -> row("notes", n));
        md.append('\n');
        headlines();
        unfusedCheck();
        fitQuality();
        rejected();
        p2pMatrix();
        SpreadSection.append(md, profile, refit.flatMap(ProfileFitter.Calibration::spread));
        notes();
        md.append("## Charts\n\n");
        for (FitChart c : charts) {
            md.append("- [").append(c.title()).append("](").append(c.file()).append(")\n");
        }
        return md.toString();
    }

    private void row(String k, String v) {
        md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n");
    }

    private <T extends dev.fleetsim.calibration.raw.Measurement> List<T> points(Class<T> type) {
        return raw.map(r -> r.all(type)).orElse(List.of());
    }

    private void headlines() {
        md.append("## Headline figures: measured vs datasheet\n\n");
        md.append("\"measured\" is the benchmark's median at that point (blank without `--raw`); \"profile\" is what the fitted curves predict there; ")
                .append("\"default\" what the shipped default profile of ").append(profile.gpuType()).append(" predicts.\n\n");
        md.append("| figure | measured | profile | datasheet | measured / datasheet | default profile |\n|---|---|---|---|---|---|\n");
        for (Precision p : Precision.values()) {
            double peak = spec.peakFlopsPerS(p);
            if (peak <= 0 || !profile.gemm().containsKey(p)) {
                continue;
            }
            List<GemmPoint> at = points(GemmPoint.class).stream().filter(g -> g.dtype() == p && g.m() == 8192 && g.n() == 8192 && g.k() == 8192)
                    .toList();
            boolean twoModes = at.stream().anyMatch(GemmPoint::fastAccumulation) && at.stream().anyMatch(g -> !g.fastAccumulation())
                    || profile.gemm(p).splitAccumulation() != 1 || defaults.gemm().containsKey(p) && defaults.gemm(p).splitAccumulation() != 1;
            if (!twoModes) {
                gemmLine(p.key() + " GEMM 8192^3, TFLOP/s", at, p, peak, false);
            } else {
                // fast accumulation (the curve's rate, FP8 forward GEMMs) and the split accumulator (dgrad/wgrad), each its own points
                gemmLine(p.key() + " GEMM 8192^3 fast accumulation, TFLOP/s", at.stream().filter(GemmPoint::fastAccumulation).toList(), p, peak,
                        false);
                gemmLine(p.key() + " GEMM 8192^3 split accumulation, TFLOP/s", at.stream().filter(g -> !g.fastAccumulation()).toList(), p,
                        peak, true);
            }
        }
        AttentionKernel kernel = Predictions.fusedKernel(computeCapability);
        List<AttentionPoint> fused = points(AttentionPoint.class).stream()
                .filter(a -> a.impl().equals(AttentionPoint.FUSED) && a.dtype() == Precision.BF16 && a.headDim() == 128).toList();
        Optional<AttentionPoint> longest = fused.stream().max((a, b) -> Long.compare(a.seq(), b.seq()));
        if (longest.isPresent()) {
            AttentionPoint a = longest.get();
            double peak = spec.peakFlopsPerS(Precision.BF16);
            double fitted = Predictions.fusedSeconds(profile, spec, kernel, a).map(t -> a.flops() / t).orElse(Double.NaN);
            double def = Predictions.fusedSeconds(defaults, spec, kernel, a).map(t -> a.flops() / t).orElse(Double.NaN);
            line("fused attention bf16 s=" + a.seq() + " d=128, TFLOP/s", OptionalDouble.of(a.flops() / a.timeS()), fitted, peak, def, 1e12);
        }
        double hbm = spec.hbmBandwidthBytesPerS();
        Optional<MemoryPoint> copy = points(MemoryPoint.class).stream().filter(m -> m.op().equals("copy"))
                .max((a, b) -> Long.compare(a.bytes(), b.bytes()));
        line("HBM copy" + copy.map(c -> " " + bytes(c.bytes())).orElse("") + ", GB/s (read + write)",
                copy.map(c -> OptionalDouble.of(c.bandwidthBytesPerS())).orElse(OptionalDouble.empty()), profile.memory().copy() * hbm, hbm,
                defaults.memory().copy() * hbm, 1e9);
        linkLine("NVLink peer copy", "nvlinkPeer", points(P2pPoint.class).stream().filter(P2pPoint::peerAccess)
                .map(p -> new double[] {p.bytes(), p.timeS()}).toList(), spec.nvlinkBandwidthBytesPerS());
        linkLine("host to device, pinned", "pcieHostToDevicePinned", points(HostCopyPoint.class).stream()
                .filter(h -> h.direction().equals("h2d") && h.memory().equals("pinned")).map(h -> new double[] {h.bytes(), h.timeS()}).toList(),
                spec.pcieBandwidthBytesPerS());
        List<CollectivePoint> ar = points(CollectivePoint.class).stream().filter(c -> c.op().equals("allReduce") && c.scope().equals("intraNode")).toList();
        CollectiveCurve arCurve = Optional.ofNullable(profile.collectives().get("allReduce")).map(m -> m.get("intraNode")).orElse(null);
        CollectiveCurve arDefault = Optional.ofNullable(defaults.collectives().get("allReduce")).map(m -> m.get("intraNode")).orElse(null);
        if (arCurve != null) {
            long size = ar.stream().mapToLong(CollectivePoint::bytes).max().orElse(1L << 30);
            int n = arCurve.gpus().orElse(8);
            double f = CollectivePoint.busFactor("allReduce", n);
            OptionalDouble m = ar.stream().filter(c -> c.bytes() == size).mapToDouble(CollectivePoint::busBandwidthBytesPerS).average();
            line("all-reduce busbw " + bytes(size) + " on " + n + " GPUs, GB/s", m,
                    f * size / (arCurve.latencyNs() * 1e-9 + f * size / arCurve.busBandwidthBytesPerS()), spec.nvlinkBandwidthBytesPerS(),
                    arDefault == null ? Double.NaN : f * size / (arDefault.latencyNs() * 1e-9 + f * size / arDefault.busBandwidthBytesPerS()), 1e9);
        }
        OptionalDouble launch = points(LaunchPoint.class).stream().filter(l -> l.mode().equals(LaunchPoint.BACK_TO_BACK))
                .mapToDouble(LaunchPoint::timeS).average();
        md.append("| kernel launch latency, us | ").append(launch.isPresent() ? fmt(launch.getAsDouble() * 1e6) : "")
                .append(" | ").append(fmt(profile.launchLatencyNs() / 1000.0)).append(" | | | ").append(fmt(defaults.launchLatencyNs() / 1000.0))
                .append(" |\n\n");
    }

    private void linkLine(String name, String cls, List<double[]> pts, double datasheet) {
        LinkCurve c = profile.links().get(cls);
        if (c == null && pts.isEmpty()) {
            return;
        }
        double size = pts.stream().mapToDouble(p -> p[0]).max().orElse(1L << 30);
        double[] bw = pts.stream().filter(p -> p[0] == size).mapToDouble(p -> p[0] / p[1]).sorted().toArray();
        OptionalDouble measured = bw.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(bw[bw.length / 2]);
        LinkCurve d = defaults.links().get(cls);
        line(name + " " + bytes((long) size) + (bw.length > 1 ? " (median of " + bw.length + ")" : "") + ", GB/s", measured,
                c == null ? Double.NaN : size / c.seconds(size), datasheet, d == null ? Double.NaN : size / d.seconds(size), 1e9);
    }

    private void gemmLine(String figure, List<GemmPoint> at, Precision p, double peak, boolean split) {
        double n = 8192;
        OptionalDouble measured = at.stream().mapToDouble(g -> g.flops() / g.timeS()).average();
        line(figure, measured, 2 * n * n * n / Predictions.gemmSeconds(profile, spec, p, n, n, n, 1, split), peak,
                2 * n * n * n / Predictions.gemmSeconds(defaults, spec, p, n, n, n, 1, split), 1e12);
    }

    private void line(String figure, OptionalDouble measured, double fitted, double datasheet, double def, double unit) {
        md.append("| ").append(figure).append(" | ").append(measured.isPresent() ? fmt(measured.getAsDouble() / unit) : "")
                .append(" | ").append(Double.isNaN(fitted) ? "" : fmt(fitted / unit))
                .append(" | ").append(datasheet > 0 ? fmt(datasheet / unit) : "")
                .append(" | ").append(measured.isPresent() && datasheet > 0 ? pct(measured.getAsDouble() / datasheet) : "")
                .append(" | ").append(Double.isNaN(def) ? "" : fmt(def / unit)).append(" |\n");
    }

    /** Unfused attention has no curve: its measurements check the GEMM and memory curves at batched shapes. */
    private void unfusedCheck() {
        List<AttentionPoint> pts = points(AttentionPoint.class).stream().filter(a -> a.impl().equals(AttentionPoint.UNFUSED)).toList();
        if (pts.isEmpty()) {
            return;
        }
        double[] ratio = pts.stream().mapToDouble(a -> a.timeS() / Predictions.unfusedSeconds(profile, spec, a)).sorted().toArray();
        md.append("## Unfused attention against the GEMM and memory curves\n\n")
                .append("The unfused reference (two batched GEMMs and a softmax over the score matrix) has no curve of its own; the model costs it ")
                .append("from the GEMM curve and the reduction memory fraction. Measured / predicted time over ").append(ratio.length)
                .append(" points: median ").append(String.format(Locale.ROOT, "%.3f", ratio[ratio.length / 2])).append(", range ")
                .append(String.format(Locale.ROOT, "%.3f", ratio[0])).append(" to ").append(String.format(Locale.ROOT, "%.3f", ratio[ratio.length - 1]))
                .append(".\n\n");
    }

    private void fitQuality() {
        md.append("## Fit quality\n\n");
        if (profile.fit().isEmpty()) {
            md.append("This profile has no fitted curves (it is not a calibration).\n\n");
            return;
        }
        md.append("R² is over the quantity the curve's chart shows (efficiency for GEMM and attention, time for the alpha-beta curves); ")
                .append("residuals are relative errors of the time.\n\n");
        md.append("| curve | R² | points | rejected | rms residual |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, FitQuality> e : profile.fit().entrySet()) {
            FitQuality q = e.getValue();
            md.append("| ").append(e.getKey()).append(" | ").append(String.format(Locale.ROOT, "%.4f", q.r2())).append(" | ").append(q.points())
                    .append(" | ").append(q.rejected()).append(" | ").append(pct(q.rmsRelativeResidual())).append(" |\n");
        }
        md.append('\n');
    }

    private void rejected() {
        if (refit.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (FittedCurve c : refit.get().curves()) {
            for (FitStats.RejectedPoint r : c.stats().rejected()) {
                lines.add("| " + c.path() + " | " + r.label() + " | " + r.where() + " | " + fmt(r.measuredS() * 1e6) + " | "
                        + fmt(r.fittedS() * 1e6) + " | " + String.format(Locale.ROOT, "%+.1f %%", 100 * (r.measuredS() / r.fittedS() - 1)) + " |");
            }
        }
        md.append("## Rejected measurements\n\n");
        if (lines.isEmpty()) {
            md.append("The fit rejected no measurement.\n\n");
            return;
        }
        md.append("Points further than ").append((int) dev.fleetsim.calibration.fit.RobustFit.REJECT_SIGMAS)
                .append(" robust standard deviations from the fit (at most a tenth of a curve's points); a cluster of them on one pair or one shape class is worth a look.\n\n");
        md.append("| curve | point | where | measured, us | fitted, us | measured vs fitted |\n|---|---|---|---|---|---|\n");
        lines.forEach(l -> md.append(l).append('\n'));
        md.append('\n');
    }

    private void p2pMatrix() {
        List<P2pPoint> pts = points(P2pPoint.class);
        if (pts.isEmpty()) {
            return;
        }
        long size = pts.stream().mapToLong(P2pPoint::bytes).max().orElse(0);
        int n = pts.stream().mapToInt(p -> Math.max(p.src(), p.dst())).max().orElse(0) + 1;
        double[][] bw = new double[n][n];
        for (P2pPoint p : pts) {
            if (p.bytes() == size) {
                bw[p.src()][p.dst()] = p.bytes() / p.timeS() / 1e9;
            }
        }
        double[] all = Arrays.stream(bw).flatMapToDouble(Arrays::stream).filter(v -> v > 0).sorted().toArray();
        double median = all.length == 0 ? 0 : all[all.length / 2];
        md.append("## Peer-to-peer bandwidth, GB/s, ").append(bytes(size)).append(" copies (row: source, column: destination)\n\n");
        md.append("Pairs below 90 % of the median (").append(fmt(median)).append(" GB/s) are in bold.\n\n|   |");
        for (int j = 0; j < n; j++) {
            md.append(' ').append(j).append(" |");
        }
        md.append("\n|---|");
        md.append("---|".repeat(n)).append('\n');
        for (int i = 0; i < n; i++) {
            md.append("| ").append(i).append(" |");
            for (int j = 0; j < n; j++) {
                String v = i == j || bw[i][j] == 0 ? "" : fmt(bw[i][j]);
                md.append(' ').append(bw[i][j] > 0 && bw[i][j] < 0.9 * median ? "**" + v + "**" : v).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void notes() {
        List<String> notes = new ArrayList<>();
        refit.ifPresent(c -> notes.addAll(c.notes()));
        refit.ifPresent(c -> c.curves().forEach(f -> f.notes().forEach(n -> notes.add(f.path() + ": " + n))));
        if (notes.isEmpty()) {
            return;
        }
        md.append("## Notes\n\n");
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        md.append('\n');
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        double a = Math.abs(v);
        return a >= 100 ? String.format(Locale.ROOT, "%.0f", v) : a >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    static String bytes(long b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double x = b;
        int u = 0;
        while (x >= 1024 && u < units.length - 1) {
            x /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, x == Math.rint(x) ? "%.0f %s" : "%.1f %s", x, units[u]);
    }
}
