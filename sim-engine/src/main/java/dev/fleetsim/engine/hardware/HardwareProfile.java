package dev.fleetsim.engine.hardware;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The measured (or default) behaviour of one GPU type that the compute model reads: GEMM
 * curves per precision, fused-attention curves per kernel and precision, memory-bound
 * fractions of HBM bandwidth, alpha-beta models of links and collectives, the kernel launch
 * latency, and the fit quality of a calibrated profile. One versioned YAML/JSON document
 * ({@value #FORMAT}, docs/HARDWARE-PROFILE.md); calibration writes it, scenarios point a GPU
 * type at it, the catalogue ships a default per type.
 *
 * @param gpuType the catalogue GPU type it describes
 * @param identity where the numbers come from
 * @param gemm GEMM curve per precision; a precision without a curve uses the nearest one (see {@link #gemm(Precision)})
 * @param attention fused-attention curve per kernel and precision
 * @param memory memory-bound fractions
 * @param links alpha-beta per link class ({@link #LINK_CLASSES})
 * @param collectives alpha-beta per collective ({@link #COLLECTIVE_OPS}) and scope ({@link #COLLECTIVE_SCOPES})
 * @param launchLatencyNs the least time any kernel takes (host launch latency)
 * @param fit fit quality per curve path (e.g. {@code gemm.bf16}); empty for defaults
 * @param gemmSpread the spread of dense GEMM throughput between GPUs of this type: the relative
 *        standard deviation (σ / mean) of per-GPU rates, which calibration measures on every GPU of a
 *        node ({@code gemm-devices}); 0 (every GPU alike) unless measured: the one published figure
 *        (Sinha et al., SC'22: about 8 % on V100 / MI60) is not Hopper's, so no default is taken from it.
 *        A synchronous job runs at its slowest GPU's pace ({@link #slowestGpuSlowdown(int)})
 */
public record HardwareProfile(String gpuType, ProfileIdentity identity, Map<Precision, GemmCurve> gemm,
                              Map<AttentionKernel, Map<Precision, AttentionCurve>> attention, MemoryCurve memory,
                              Map<String, LinkCurve> links, Map<String, Map<String, CollectiveCurve>> collectives,
                              long launchLatencyNs, Map<String, FitQuality> fit, double gemmSpread) {

    /** The format name and version every profile document starts with. */
    public static final String FORMAT = "fleetsim-hardware-profile/1";
    /** Link classes a profile may describe, in document order. */
    public static final java.util.List<String> LINK_CLASSES = java.util.List.of("nvlinkPeer", "pcieHostToDevicePinned",
            "pcieDeviceToHostPinned", "pcieHostToDevicePageable", "pcieDeviceToHostPageable", "nic");
    /** Collective operations a profile may describe. */
    public static final java.util.List<String> COLLECTIVE_OPS = java.util.List.of("allReduce", "allGather",
            "reduceScatter", "allToAll", "sendRecv", "broadcast");
    /** Where a collective ran: inside one NVLink domain, or across nodes. */
    public static final java.util.List<String> COLLECTIVE_SCOPES = java.util.List.of("intraNode", "interNode");

    /** The largest {@link #gemmSpread} a profile may give: well beyond any fleet, below where the slowest GPU would stop. */
    public static final double MAX_GEMM_SPREAD = 0.2;

    /** A profile with every GPU alike ({@code gemmSpread} 0). */
    public HardwareProfile(String gpuType, ProfileIdentity identity, Map<Precision, GemmCurve> gemm,
                           Map<AttentionKernel, Map<Precision, AttentionCurve>> attention, MemoryCurve memory,
                           Map<String, LinkCurve> links, Map<String, Map<String, CollectiveCurve>> collectives,
                           long launchLatencyNs, Map<String, FitQuality> fit) {
        this(gpuType, identity, gemm, attention, memory, links, collectives, launchLatencyNs, fit, 0.0);
    }

    public HardwareProfile {
        if (!(gemmSpread >= 0 && gemmSpread <= MAX_GEMM_SPREAD)) {
            throw new IllegalArgumentException("gemmSpread must be in [0, " + MAX_GEMM_SPREAD + "]");
        }
        if (gemm.isEmpty()) {
            throw new IllegalArgumentException("a profile needs a GEMM curve for at least one precision");
        }
        if (launchLatencyNs < 0) {
            throw new IllegalArgumentException("launch latency must be >= 0");
        }
        gemm = Collections.unmodifiableMap(new EnumMap<>(gemm));
        EnumMap<AttentionKernel, Map<Precision, AttentionCurve>> a = new EnumMap<>(AttentionKernel.class);
        attention.forEach((k, v) -> {
            if (!v.isEmpty()) {
                a.put(k, Collections.unmodifiableMap(new EnumMap<>(v)));
            }
        });
        attention = Collections.unmodifiableMap(a);
        links = Collections.unmodifiableMap(new LinkedHashMap<>(links));
        Map<String, Map<String, CollectiveCurve>> c = new LinkedHashMap<>();
        collectives.forEach((k, v) -> c.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        collectives = Collections.unmodifiableMap(c);
        fit = Collections.unmodifiableMap(new LinkedHashMap<>(fit));
    }

    /**
     * The GEMM curve of {@code precision}; without one, fp16 and bf16 stand in for each other
     * and any other precision falls back to bf16 (then to any curve), so a profile measured
     * in fewer dtypes still costs every GEMM.
     */
    public GemmCurve gemm(Precision precision) {
        GemmCurve c = gemm.get(precision);
        if (c != null) {
            return c;
        }
        if (precision == Precision.BF16 && gemm.containsKey(Precision.FP16)) {
            return gemm.get(Precision.FP16);
        }
        if (gemm.containsKey(Precision.BF16)) {
            return gemm.get(Precision.BF16);
        }
        return gemm.values().iterator().next();
    }

    /** The fused-attention curve of {@code kernel} in {@code precision} (fp16 and bf16 stand in for each other). */
    public Optional<AttentionCurve> attention(AttentionKernel kernel, Precision precision) {
        Map<Precision, AttentionCurve> byPrecision = attention.get(kernel);
        if (byPrecision == null) {
            return Optional.empty();
        }
        AttentionCurve c = byPrecision.get(precision);
        if (c == null && precision == Precision.FP16) {
            c = byPrecision.get(Precision.BF16);
        } else if (c == null && precision == Precision.BF16) {
            c = byPrecision.get(Precision.FP16);
        }
        return Optional.ofNullable(c);
    }

    /** The best fused kernel this profile has a curve for in {@code precision}: FlashAttention-3, else -2. */
    public Optional<AttentionKernel> bestFusedAttention(Precision precision) {
        if (attention(AttentionKernel.FLASH3, precision).isPresent()) {
            return Optional.of(AttentionKernel.FLASH3);
        }
        if (attention(AttentionKernel.FLASH2, precision).isPresent()) {
            return Optional.of(AttentionKernel.FLASH2);
        }
        return Optional.empty();
    }

    /** The square shape at which {@link #largeGemmEfficiency} is quoted (the measured 8192^3 of kernels.json). */
    public static final int LARGE_GEMM = 8192;

    /**
     * The efficiency of a large square GEMM ({@value #LARGE_GEMM}^3) in bf16 (else the first
     * precision with a peak): the one-number summary that {@code EfficiencySpec.matmul} reports.
     */
    public double largeGemmEfficiency(Map<Precision, Double> peakTflops, double hbmBytesPerS) {
        Precision p = peakTflops.containsKey(Precision.BF16) ? Precision.BF16 : peakTflops.keySet().iterator().next();
        double peak = peakTflops.get(p) * 1e12;
        double n = LARGE_GEMM;
        return gemm(p).efficiency(n, n, n, peak, identity.smCount(), hbmBytesPerS * memory.copy(), p.bytesPerElement(),
                2, launchLatencyNs * 1e-9);
    }

    /**
     * The profile with every GEMM curve's {@code maxEfficiency} scaled by {@code factor} (capped at 1):
     * what a scenario's {@code efficiency.matmul} override does to a profile.
     */
    public HardwareProfile withGemmScaled(double factor) {
        java.util.EnumMap<Precision, GemmCurve> g = new java.util.EnumMap<>(Precision.class);
        gemm.forEach((p, c) -> g.put(p, c.withMaxEfficiency(Math.min(1.0, c.maxEfficiency() * factor), c.source())));
        return new HardwareProfile(gpuType, identity, g, attention, memory, links, collectives, launchLatencyNs, fit, gemmSpread);
    }

    /** The profile with every memory-bound fraction scaled by {@code factor} (capped at 1): {@code efficiency.memory}. */
    public HardwareProfile withMemoryScaled(double factor) {
        MemoryCurve m = memory;
        MemoryCurve scaled = new MemoryCurve(Math.min(1, m.copy() * factor), Math.min(1, m.read() * factor),
                Math.min(1, m.write() * factor), Math.min(1, m.triad() * factor), Math.min(1, m.elementwise() * factor),
                Math.min(1, m.reduction() * factor), m.source());
        return new HardwareProfile(gpuType, identity, gemm, attention, scaled, links, collectives, launchLatencyNs, fit,
                gemmSpread);
    }

    /** The same profile describing {@code type} (a catalogue entry based on another type inherits its profile). */
    public HardwareProfile forGpuType(String type) {
        return type.equals(gpuType) ? this
                : new HardwareProfile(type, identity, gemm, attention, memory, links, collectives, launchLatencyNs, fit,
                gemmSpread);
    }

    /** The same profile with {@code spread} as its {@link #gemmSpread}. */
    public HardwareProfile withGemmSpread(double spread) {
        return new HardwareProfile(gpuType, identity, gemm, attention, memory, links, collectives, launchLatencyNs, fit, spread);
    }

    /**
     * How much longer the tensor-core work of a synchronous step on {@code gpus} GPUs of this type
     * takes than on a typical one, because the step waits for the slowest: {@code 1 / (1 − w (n − 1) /
     * (2 (n + 1)))} with {@code w = √12 · gemmSpread}. Per-GPU rates are taken as evenly spread over a
     * band of relative width {@code w} around the mean (the uniform law of that standard deviation):
     * binning and the power and clock caps bound a SKU's rates on both sides, so the slowest of many
     * GPUs approaches the band's lower edge rather than a normal law's ever-longer tail; the expected
     * slowest of {@code n} uniform rates lies {@code w / (n + 1)} above it. 1 for one GPU or a spread
     * of 0 (exactly); grows with {@code n}; bounded by {@code 1 / (1 − √3 · gemmSpread)}.
     */
    public double slowestGpuSlowdown(int gpus) {
        return slowestGpuSlowdown(gemmSpread, gpus);
    }

    /** {@link #slowestGpuSlowdown(int)} of a profile with {@code spread} as its {@link #gemmSpread}. */
    public static double slowestGpuSlowdown(double spread, int gpus) {
        if (spread == 0 || gpus <= 1) {
            return 1.0;
        }
        double width = Math.sqrt(12) * spread;
        double n = gpus;
        return 1.0 / (1.0 - width * (n - 1) / (2.0 * (n + 1)));
    }

    /**
     * SHA-256 of the profile's canonical JSON form ({@link ProfileWriter#canonicalJson}), as
     * {@code sha256:<hex>}: the same numbers give the same hash whatever the file's layout.
     */
    public String contentHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(ProfileWriter.canonicalJson(this).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
