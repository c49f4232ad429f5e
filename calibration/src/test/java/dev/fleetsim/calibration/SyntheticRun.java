package dev.fleetsim.calibration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.calibration.fit.Predictions;
import dev.fleetsim.calibration.raw.AttentionPoint;
import dev.fleetsim.engine.hardware.AttentionCurve;
import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.CollectiveCurve;
import dev.fleetsim.engine.hardware.GemmCurve;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.LinkCurve;
import dev.fleetsim.engine.hardware.Precision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes SYNTHETIC raw measurement files: the calibration benchmarks' grids (the same shapes,
 * sizes and file layout as {@code fleetsim-bench}, quick or full), with times computed from a
 * known profile ({@link SyntheticTruth}) through the profile records' own formulas, times
 * log-normal noise, plus a few slow outliers and one degraded NVLink pair. Every identity line
 * says {@code "synthetic": {generator, seed, noise}} and the host is {@code synthetic}, so no
 * one mistakes them for a measurement. Deterministic for a seed.
 *
 * <p>Regenerate the checked-in fixture with
 * {@code ./mvnw -B -q -pl calibration -am test -Dtest=SyntheticFixtureTest -Dfleetsim.regenerateFixtures=true}.
 */
public final class SyntheticRun {

    /** Relative noise (standard deviation of the log) of every synthetic time. */
    public static final double NOISE = 0.02;
    /** Share of points made slow by 30-100 % (outliers the fit should reject). */
    public static final double OUTLIER_RATE = 0.01;
    /** Least distance between two outliers, so that no short curve gets more than one. */
    public static final int OUTLIER_SPACING = 40;
    /** The peer pair whose NVLink runs at {@link #DEGRADED_FACTOR} of the others. */
    public static final int[] DEGRADED_PAIR = {3, 5};
    public static final double DEGRADED_FACTOR = 0.6;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GPUS = 8;

    private final HardwareProfile truth;
    private final GpuSpec spec;
    private final long seed;
    private final boolean quick;
    private final Random rnd;
    private final Random splitRnd;

    private SyntheticRun(HardwareProfile truth, long seed, boolean quick) {
        this.truth = truth;
        this.spec = HardwareCatalog.defaults().get(truth.gpuType());
        this.seed = seed;
        this.quick = quick;
        this.rnd = new Random(seed);
        this.splitRnd = new Random(seed * 31 + 8);
    }

    /** Writes the raw files of a synthetic run of {@code truth} into {@code dir}. */
    public static void write(Path dir, HardwareProfile truth, long seed, boolean quick) {
        new SyntheticRun(truth, seed, quick).writeAll(dir);
    }

    public static void main(String[] args) {
        write(Path.of(args[0]), SyntheticTruth.h100(), Long.parseLong(args[1]), args.length > 2 && args[2].equals("quick"));
    }

    private void writeAll(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Precision p : Precision.values()) {
            file(dir, "gemm-" + p.key(), gemm(p));
        }
        file(dir, "attention", attention());
        file(dir, "memory", memory());
        file(dir, "hostcopy", hostcopy());
        file(dir, "p2p", p2p());
        file(dir, "launch", launch());
        file(dir, "nccl", nccl());
    }

    private int sinceOutlier = OUTLIER_SPACING;

    /** Noise, and now and then a slow outlier (never two within {@value #OUTLIER_SPACING} points). */
    private double noisy(double t) {
        double v = t * Math.exp(NOISE * rnd.nextGaussian());
        boolean outlier = rnd.nextDouble() < OUTLIER_RATE;
        if (outlier && sinceOutlier >= OUTLIER_SPACING) {
            v *= 1.3 + 0.7 * rnd.nextDouble();
            sinceOutlier = 0;
        } else {
            sinceOutlier++;
        }
        return v;
    }

    private double memoryBw() {
        return spec.hbmBandwidthBytesPerS() * truth.memory().copy();
    }

    private double launchS() {
        return truth.launchLatencyNs() * 1e-9;
    }

    private static int outBytes(Precision p) {
        return p == Precision.FP8 ? 2 : p.bytesPerElement();
    }

    private List<ObjectNode> gemm(Precision p) {
        GemmCurve c = truth.gemm().get(p);
        double peak = spec.peakFlopsPerS(p);
        List<ObjectNode> out = new ArrayList<>();
        for (long[] s : SyntheticGrids.gemm(quick, p == Precision.FP32)) {
            double t = noisy(c.seconds(s[0], s[1], s[2], 1, peak, 132, memoryBw(), p.bytesPerElement(), outBytes(p), launchS()));
            out.add(gemmLine(p, s, p == Precision.FP8 ? "fast" : null, t));
            if (p == Precision.FP8) {
                // the split-accumulator twin of each shape, as the gemm-fp8 unit times it, with its own noise stream so the
                // other units' lines stay those of the runs before both modes were timed
                double split = c.seconds(s[0], s[1], s[2], 1, peak, 132, memoryBw(), p.bytesPerElement(), outBytes(p), launchS(), true);
                out.add(gemmLine(p, s, "split", split * Math.exp(NOISE * splitRnd.nextGaussian())));
            }
        }
        return out;
    }

    private ObjectNode gemmLine(Precision p, long[] s, String accumulation, double t) {
        ObjectNode o = node("gemm").put("device", 0).put("dtype", p.key()).put("m", s[0]).put("n", s[1]).put("k", s[2])
                .put("layout", "TN");
        if (accumulation != null) {
            o.put("accumulation", accumulation);
        }
        timing(o, t);
        return o.put("tflops", 2.0 * s[0] * s[1] * s[2] / t / 1e12);
    }

    private List<ObjectNode> attention() {
        AttentionCurve c = truth.attention().get(AttentionKernel.FLASH3).get(Precision.BF16);
        double peak = spec.peakFlopsPerS(Precision.BF16);
        List<ObjectNode> out = new ArrayList<>();
        for (long[] a : SyntheticGrids.attention(quick)) {
            long b = a[0], h = a[1], s = a[2], d = a[3];
            double flops = 4.0 * b * h * s * s * d;
            double fused = noisy(Math.max(launchS(), flops / (peak * c.forwardEfficiency(s, d))));
            // unfused: what the model charges (batched GEMMs and the softmax's score traffic), so the report's check is exact
            double unfused = noisy(Predictions.unfusedSeconds(truth, spec, new AttentionPoint("", 0, "unfused", Precision.BF16, b, h, s, d,
                    false, 1)));
            for (String impl : List.of("cudnn-sdpa", "unfused")) {
                double t = impl.equals("unfused") ? unfused : fused;
                ObjectNode o = node("attention").put("device", 0).put("impl", impl).put("dtype", "bf16").put("batch", b)
                        .put("heads", h).put("seq", s).put("headDim", d).put("causal", false);
                timing(o, t);
                out.add(o.put("tflops", flops / t / 1e12));
            }
        }
        return out;
    }

    private List<ObjectNode> memory() {
        List<ObjectNode> out = new ArrayList<>();
        long l2 = 50L << 20;
        for (long bytes : SyntheticGrids.memorySizes(quick)) {
            for (String op : List.of("copy", "read", "write", "triad", "memcpy")) {
                double moved = bytes * (op.equals("copy") || op.equals("memcpy") ? 2.0 : op.equals("triad") ? 3.0 : 1.0);
                double frac = switch (op) {
                    case "read" -> truth.memory().read();
                    case "write" -> truth.memory().write();
                    case "triad" -> truth.memory().triad();
                    default -> truth.memory().copy();
                };
                double bw = spec.hbmBandwidthBytesPerS() * frac * (bytes * 2 <= l2 ? 2.5 : 1.0);  // L2-resident sizes run faster
                double t = noisy(launchS() + moved / bw);
                ObjectNode o = node("memory").put("device", 0).put("op", op).put("bytes", bytes).put("movedBytes", moved);
                timing(o, t);
                out.add(o.put("bandwidthGBps", moved / t / 1e9));
            }
        }
        return out;
    }

    private List<ObjectNode> hostcopy() {
        List<ObjectNode> out = new ArrayList<>();
        for (int d = 0; d < (quick ? 1 : GPUS); d++) {
            for (long bytes : SyntheticGrids.hostSizes(quick)) {
                for (String memory : List.of("pinned", "pageable")) {
                    for (String dir : List.of("h2d", "d2h")) {
                        String cls = "pcie" + (dir.equals("h2d") ? "HostToDevice" : "DeviceToHost")
                                + (memory.equals("pinned") ? "Pinned" : "Pageable");
                        double t = noisy(truth.links().get(cls).seconds(bytes));
                        ObjectNode o = node("hostcopy").put("device", d).put("direction", dir).put("memory", memory).put("bytes", bytes);
                        timing(o, t);
                        out.add(o.put("bandwidthGBps", bytes / t / 1e9));
                    }
                }
            }
        }
        return out;
    }

    private List<ObjectNode> p2p() {
        List<ObjectNode> out = new ArrayList<>();
        LinkCurve nv = truth.links().get("nvlinkPeer");
        for (int src = 0; src < GPUS; src++) {
            for (int dst = 0; dst < GPUS; dst++) {
                if (src == dst) {
                    continue;
                }
                boolean degraded = src == DEGRADED_PAIR[0] && dst == DEGRADED_PAIR[1];
                for (long bytes : SyntheticGrids.p2pSizes(quick)) {
                    double t = noisy(nv.latencyNs() * 1e-9 + bytes / (nv.bandwidthBytesPerS() * (degraded ? DEGRADED_FACTOR : 1)));
                    ObjectNode o = node("p2p").put("src", src).put("dst", dst).put("peerAccess", true).put("bytes", bytes);
                    timing(o, t);
                    out.add(o.put("bandwidthGBps", bytes / t / 1e9));
                }
            }
        }
        return out;
    }

    private List<ObjectNode> launch() {
        List<ObjectNode> out = new ArrayList<>();
        double[][] modes = {{launchS(), 1000}, {launchS() * 3.6, 1}, {launchS() * 0.45, 10}};
        String[] names = {"back-to-back", "launch-and-sync", "graph"};
        for (int i = 0; i < 3; i++) {
            ObjectNode o = node("launch").put("device", 0).put("mode", names[i]).put("what", "synthetic");
            double t = modes[i][0] * Math.exp(NOISE * rnd.nextGaussian());
            o.put("timeUs", t * 1e6).put("minUs", t * 0.97e6).put("samples", 20).put("repeats", (int) modes[i][1]);
            out.add(o);
        }
        return out;
    }

    private List<ObjectNode> nccl() {
        List<ObjectNode> out = new ArrayList<>();
        for (String op : List.of("allReduce", "allGather", "reduceScatter", "allToAll", "sendRecv")) {
            CollectiveCurve c = truth.collectives().get(op).get("intraNode");
            double factor = op.equals("allReduce") ? 2.0 * (GPUS - 1) / GPUS : op.equals("sendRecv") ? 1.0 : (GPUS - 1.0) / GPUS;
            for (long requested : SyntheticGrids.ncclSizes(quick)) {
                long count = op.equals("allReduce") || op.equals("sendRecv") ? requested / 4 : requested / 4 / GPUS;
                if (count == 0) {
                    continue;
                }
                long bytes = op.equals("allReduce") || op.equals("sendRecv") ? count * 4 : count * 4 * GPUS;
                double t = noisy(c.latencyNs() * 1e-9 + factor * bytes / c.busBandwidthBytesPerS());
                double algbw = bytes / t / 1e9;
                out.add(node("nccl").put("op", op).put("scope", "intraNode").put("ranks", GPUS).put("nodes", 1)
                        .put("dtype", "float").put("redop", op.equals("allReduce") || op.equals("reduceScatter") ? "sum" : "none")
                        .put("bytes", bytes).put("count", count).put("timeUs", t * 1e6).put("algbwGBps", algbw)
                        .put("busbwGBps", algbw * factor));
            }
        }
        return out;
    }

    private static ObjectNode node(String kind) {
        return JSON.createObjectNode().put("kind", kind);
    }

    private static void timing(ObjectNode o, double t) {
        o.put("timeUs", t * 1e6).put("minUs", t * 0.98e6).put("samples", 20).put("repeats", 1);
    }

    private void file(Path dir, String benchmark, List<ObjectNode> points) {
        StringBuilder sb = new StringBuilder();
        sb.append(identity(benchmark)).append('\n');
        sb.append(JSON.createObjectNode().put("kind", "plan").put("benchmark", benchmark).put("points", points.size())).append('\n');
        for (ObjectNode p : points) {
            sb.append(p).append('\n');
        }
        sb.append(JSON.createObjectNode().put("kind", "end").put("format", "fleetsim-calibration-raw/1").put("benchmark", benchmark)
                .put("status", "ok").put("points", points.size()).put("wallS", 0.0)).append('\n');
        try {
            Files.writeString(dir.resolve(benchmark + ".jsonl"), sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String identity(String benchmark) {
        ObjectNode o = JSON.createObjectNode().put("kind", "identity").put("format", "fleetsim-calibration-raw/1")
                .put("benchmark", benchmark).put("host", "synthetic").put("measuredAt", "2026-12-01T00:00:00Z").put("quick", quick);
        o.putObject("synthetic").put("generator", SyntheticRun.class.getName()).put("seed", seed).put("noise", NOISE)
                .put("truth", "SyntheticTruth.h100()");
        o.putObject("versions").put("cudaDriver", "13.0").put("cudaRuntime", "13.0").put("driver", "580.65.06")
                .put("cublasLt", "13.0.2").put("cudnn", "9.13.0").put("nccl", "2.27.7");
        o.putObject("missingLibraries");
        ArrayNode devices = o.putArray("devices");
        for (int d = 0; d < GPUS; d++) {
            devices.addObject().put("index", d).put("name", "NVIDIA H100 80GB HBM3")
                    .put("uuid", String.format("GPU-00000000-0000-4000-8000-%012d", d)).put("pciBusId", String.format("00000000:%02X:00.0", 0x18 + d))
                    .put("computeCapability", "9.0").put("smCount", 132).put("maxSmClockMHz", 1980).put("maxMemClockMHz", 2619)
                    .put("memBusWidthBits", 5120).put("l2Bytes", 50L << 20).put("memoryBytes", 85520809984L)
                    .put("powerLimitW", 700.0).put("smClockMHz", 1980).put("memClockMHz", 2619).put("nvlinks", 18)
                    .put("pcieGen", 5).put("pcieWidth", 16);
        }
        return o.toString();
    }
}
