package dev.fleetsim.calibration.fit;

import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.Precision;

import java.util.ArrayList;
import java.util.List;

/**
 * What every curve fit of one calibration shares: the GPU type's datasheet (peaks, HBM
 * bandwidth), its shipped default profile (for the curves that are not measured), the device's
 * SM count, L2 size and compute capability, the curves fitted first that later ones depend on
 * (memory fraction, launch latency), and the curves the user keeps at their defaults.
 *
 * @param spec the catalogue entry of the GPU type
 * @param defaults the shipped default profile of the type
 * @param smCount SMs of the measured device
 * @param l2Bytes L2 cache of the measured device (0 if unknown)
 * @param computeCapability 10 * major + minor
 * @param nvlinks active NVLinks per GPU (-1 if unknown)
 * @param keepDefault curve paths (or prefixes such as {@code attention}) not to fit
 */
public record FitContext(GpuSpec spec, HardwareProfile defaults, int smCount, long l2Bytes, int computeCapability,
                         int nvlinks, List<String> keepDefault) {

    public FitContext {
        keepDefault = List.copyOf(keepDefault);
    }

    /** Every curve path a fit can produce (and {@code --keep-default} can name, whole or by a prefix). */
    public static List<String> curvePaths() {
        List<String> paths = new ArrayList<>(List.of("launchLatency", "memory.copy", "memory.read", "memory.write", "memory.triad",
                SpreadFitter.PATH));
        for (Precision p : Precision.values()) {
            paths.add("gemm." + p.key());
        }
        paths.add("gemm." + Precision.FP8.key() + "." + SplitAccumulationFitter.PARAMETER);
        for (AttentionKernel k : AttentionKernel.values()) {
            for (Precision p : Precision.values()) {
                paths.add("attention." + k.key() + "." + p.key());
            }
        }
        HardwareProfile.LINK_CLASSES.forEach(c -> paths.add("links." + c));
        for (String op : HardwareProfile.COLLECTIVE_OPS) {
            for (String scope : HardwareProfile.COLLECTIVE_SCOPES) {
                paths.add("collectives." + op + "." + scope);
            }
        }
        return paths;
    }

    /**
     * Refuses a {@code --keep-default} entry that names no curve (a typo would otherwise fit the
     * curve the user meant to keep, silently).
     */
    static void checkKeepDefault(List<String> keepDefault) {
        List<String> paths = curvePaths();
        for (String k : keepDefault) {
            if (paths.stream().noneMatch(p -> p.equals(k) || p.startsWith(k + "."))) {
                throw new FitInputException("--keep-default: found \"" + k + "\"; expected a curve or a prefix of curves"
                        + " (gemm, attention, memory, links, collectives, launchLatency, gemmSpread), one of " + String.join(", ", paths));
            }
        }
    }

    /** Whether the user asked to keep curve {@code path} at its default. */
    public boolean keeps(String path) {
        for (String k : keepDefault) {
            if (path.equals(k) || path.startsWith(k + ".")) {
                return true;
            }
        }
        return false;
    }

    /** The smallest per-array size that streams from HBM rather than L2: four times L2 (256 MiB if L2 is unknown). */
    public long hbmResidentBytes() {
        return l2Bytes > 0 ? 4 * l2Bytes : 256L << 20;
    }
}
