package dev.fleetsim.engine.hardware;

import java.util.Optional;

/**
 * The profiles a GPU type gets when no calibration names one: the shipped profile of each
 * catalogue type ({@code profiles/<type>.yaml}, every curve naming its source), and the generic
 * profile of a type the catalogue does not know.
 */
public final class DefaultProfiles {

    /** The shipped profile the generic one copies: the one measured Hopper GPU of the references. */
    static final String GENERIC_BASE = "profiles/H100-SXM.yaml";

    private DefaultProfiles() {
    }

    /** The shipped default profile of catalogue type {@code gpuType}, if it has one. */
    public static Optional<HardwareProfile> shipped(String gpuType) {
        GpuSpec spec = HardwareCatalog.defaults().get(gpuType);
        return spec == null ? Optional.empty() : Optional.of(spec.profile());
    }

    /**
     * The profile of a GPU type with no profile of its own: the H100-SXM default curves (as
     * fractions of the type's own peaks and bandwidth), marked {@code source: generic} so the
     * resolved scenario shows that nothing was measured for it.
     */
    public static HardwareProfile generic(String gpuType) {
        HardwareProfile base = Generic.BASE;
        ProfileIdentity id = ProfileIdentity.defaults("unknown device", base.identity().smCount(),
                "no profile given for this GPU type: the H100-SXM default curves as fractions of its own peaks");
        ProfileIdentity generic = new ProfileIdentity("generic", id.device(), id.uuids(), id.smCount(), id.smClockMHz(),
                id.memClockMHz(), id.versions(), id.powerLimitW(), id.measuredAt(), id.notes());
        return new HardwareProfile(gpuType, generic, base.gemm(), base.attention(), base.memory(), base.links(),
                base.collectives(), base.launchLatencyNs(), base.fit());
    }

    /** Read separately from the catalogue, so building a catalogue entry never needs the catalogue. */
    private static final class Generic {
        static final HardwareProfile BASE = HardwareCatalog.shippedProfile(GENERIC_BASE);
    }
}
