package dev.fleetsim.engine.hardware;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One GPU type as the performance, cost and power models see it: datasheet peaks, memory,
 * links, power and price, the link efficiencies the network model uses, and the hardware
 * profile (GEMM, attention and memory-bound curves) the compute model reads.
 *
 * @param name catalogue key, e.g. {@code H100-SXM}
 * @param peakDenseTflops dense peak TFLOP/s per precision; a missing precision is unsupported
 * @param hbmBytes device memory capacity
 * @param hbmBandwidthBytesPerS device memory bandwidth
 * @param nvlinkBandwidthBytesPerS NVLink bandwidth per direction per GPU (0 when the GPU has none)
 * @param pcieBandwidthBytesPerS host link bandwidth per direction
 * @param tdpWatts board power at full load
 * @param idleWatts board power when allocated to nothing
 * @param priceUsdPerGpuHour default on-demand price
 * @param efficiency achieved fractions of the link peaks (and the legacy single GEMM and memory figures)
 * @param profile the curves the compute model costs kernels with
 * @param profileOrigin where the profile came from: {@code shipped:<type>} (a catalogue default),
 *        {@code file:<absolute path>}, {@code generic}, or empty when built in code; the resolved
 *        scenario records it
 */
public record GpuSpec(
        String name,
        Map<Precision, Double> peakDenseTflops,
        long hbmBytes,
        double hbmBandwidthBytesPerS,
        double nvlinkBandwidthBytesPerS,
        double pcieBandwidthBytesPerS,
        double tdpWatts,
        double idleWatts,
        double priceUsdPerGpuHour,
        EfficiencySpec efficiency,
        HardwareProfile profile,
        String profileOrigin) {

    public GpuSpec {
        EnumMap<Precision, Double> copy = new EnumMap<>(Precision.class);
        copy.putAll(peakDenseTflops);
        peakDenseTflops = Collections.unmodifiableMap(copy);
        profile = profile.forGpuType(name);
        profileOrigin = profileOrigin == null ? "" : profileOrigin;
    }

    /** A GPU type with a profile built in code (no origin to record). */
    public GpuSpec(String name, Map<Precision, Double> peakDenseTflops, long hbmBytes, double hbmBandwidthBytesPerS,
                   double nvlinkBandwidthBytesPerS, double pcieBandwidthBytesPerS, double tdpWatts, double idleWatts,
                   double priceUsdPerGpuHour, EfficiencySpec efficiency, HardwareProfile profile) {
        this(name, peakDenseTflops, hbmBytes, hbmBandwidthBytesPerS, nvlinkBandwidthBytesPerS, pcieBandwidthBytesPerS,
                tdpWatts, idleWatts, priceUsdPerGpuHour, efficiency, profile, "");
    }

    /**
     * A GPU type without a profile of its own: it gets the generic curves
     * ({@link DefaultProfiles#generic}), which a scenario replaces with {@code profile:}.
     */
    public GpuSpec(String name, Map<Precision, Double> peakDenseTflops, long hbmBytes, double hbmBandwidthBytesPerS,
                   double nvlinkBandwidthBytesPerS, double pcieBandwidthBytesPerS, double tdpWatts, double idleWatts,
                   double priceUsdPerGpuHour, EfficiencySpec efficiency) {
        this(name, peakDenseTflops, hbmBytes, hbmBandwidthBytesPerS, nvlinkBandwidthBytesPerS, pcieBandwidthBytesPerS,
                tdpWatts, idleWatts, priceUsdPerGpuHour, efficiency, DefaultProfiles.generic(name), "generic");
    }

    /** Peak dense FLOP/s for a precision, or 0 when this GPU does not support it. */
    public double peakFlopsPerS(Precision precision) {
        Double tflops = peakDenseTflops.get(precision);
        return tflops == null ? 0.0 : tflops * 1e12;
    }

    public boolean supports(Precision precision) {
        return peakDenseTflops.containsKey(precision);
    }

    /** The same GPU type with another profile built in code. */
    public GpuSpec withProfile(HardwareProfile newProfile) {
        return withProfile(newProfile, "");
    }

    /** The same GPU type with another profile from {@code origin} (see {@link #profileOrigin}). */
    public GpuSpec withProfile(HardwareProfile newProfile, String origin) {
        return new GpuSpec(name, peakDenseTflops, hbmBytes, hbmBandwidthBytesPerS, nvlinkBandwidthBytesPerS,
                pcieBandwidthBytesPerS, tdpWatts, idleWatts, priceUsdPerGpuHour, efficiency, newProfile, origin);
    }

    /** The same GPU type with other link and summary efficiencies. */
    public GpuSpec withEfficiency(EfficiencySpec newEfficiency) {
        return new GpuSpec(name, peakDenseTflops, hbmBytes, hbmBandwidthBytesPerS, nvlinkBandwidthBytesPerS,
                pcieBandwidthBytesPerS, tdpWatts, idleWatts, priceUsdPerGpuHour, newEfficiency, profile, profileOrigin);
    }
}
