package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.hardware.Quantities;
import dev.fleetsim.engine.scenario.Section.Listing;
import dev.fleetsim.engine.hardware.EfficiencySpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.Precision;

import java.util.EnumMap;
import java.util.Map;

/**
 * The keys of a GPU entry, as the shipped catalogue and a scenario's {@code hardware} section
 * both write them. An entry is read onto a base (the shipped entry of its name, or its
 * {@code basedOn}), so every value key defaults to the base's: its presence is
 * {@code computed}. The keys the writer writes are exactly the ones an entry without a base
 * must give. See {@link ScenarioKeys} for how to add one.
 */
final class HardwareKeys {

    private static final String BASE = "the base type's";

    private HardwareKeys() {
    }

    /** {@code hardware.<type>}. */
    static final class Gpu {
        static final Section<GpuSpec> SECTION = Section.of("gpu", "a hardware entry", Listing.LABEL);
        // Kept for people; not used by the model, and not written back.
        static final Key<GpuSpec, String> DESCRIPTION = SECTION.key("description", Types.prose("a text", false))
                .optional("none").doc("what the entry is, for people");
        static final Key<GpuSpec, String> SOURCE = SECTION.key("source", Types.prose("a text", false)).optional("none")
                .doc("where the figures come from");
        static final Key<GpuSpec, String> EFFICIENCY_SOURCE = SECTION.key("efficiencySource", Types.prose("a text", false))
                .optional("none").doc("where the efficiencies come from");
        // Not written: the resolved scenario writes every entry in full.
        static final Key<GpuSpec, String> BASED_ON = SECTION.key("basedOn",
                Types.name("the name of a GPU type to start from", context -> HardwareCatalog.defaults().keySet()))
                .optional("none").doc("a shipped type, or another entry of this section, to start from");
        static final Key<GpuSpec, Map<Precision, Double>> PEAK_TFLOPS = SECTION.key("peakTflops",
                Types.map(PeakTflops.SECTION)).computed(BASE).get(GpuSpec::peakDenseTflops)
                .doc("dense peak TFLOP/s by precision; a precision not listed (or null) is unsupported");
        static final Key<GpuSpec, Long> HBM = SECTION.key("hbm", QuantityTypes.size(1_000_000L, 100_000_000_000_000L)).computed(BASE).get(GpuSpec::hbmBytes)
                .doc("HBM capacity");
        static final Key<GpuSpec, Double> HBM_BANDWIDTH = SECTION.key("hbmBandwidth",
                QuantityTypes.memoryBandwidth(1e9, QuantityTypes.MAX_BANDWIDTH_BYTES_PER_S, false))
                .computed(BASE).get(GpuSpec::hbmBandwidthBytesPerS).doc("HBM bandwidth");
        // Zero NVLink bandwidth is how a PCIe-only card (L40S) says it has no NVLink.
        static final Key<GpuSpec, Double> NVLINK_BANDWIDTH = SECTION.key("nvlinkBandwidth",
                QuantityTypes.memoryBandwidth(1e9, QuantityTypes.MAX_BANDWIDTH_BYTES_PER_S, true))
                .computed(BASE).get(GpuSpec::nvlinkBandwidthBytesPerS)
                .doc("per direction per GPU; 0 GB/s = no NVLink");
        static final Key<GpuSpec, Double> PCIE_BANDWIDTH = SECTION.key("pcieBandwidth",
                QuantityTypes.memoryBandwidth(1e8, QuantityTypes.MAX_BANDWIDTH_BYTES_PER_S, false))
                .computed(BASE).get(GpuSpec::pcieBandwidthBytesPerS).doc("per direction");
        static final Key<GpuSpec, Double> TDP = SECTION.key("tdp",
                QuantityTypes.power(1, Quantities.MAX_GPU_POWER_W, Quantities.GPU_POWER_BOUND)).computed(BASE)
                .get(GpuSpec::tdpWatts).doc("board power at full load");
        static final Key<GpuSpec, Double> IDLE_POWER = SECTION.key("idlePower",
                QuantityTypes.power(0, Quantities.MAX_GPU_POWER_W, Quantities.GPU_POWER_BOUND)).computed(BASE)
                .get(GpuSpec::idleWatts).doc("power when idle, at most the tdp");
        static final Key<GpuSpec, Double> PRICE = SECTION.key("price",
                QuantityTypes.price("USD/h", "a price such as \"2.5 USD/h\" (US dollars per GPU-hour)", 10_000)).computed(BASE)
                .get(GpuSpec::priceUsdPerGpuHour).doc("per GPU-hour");
        static final Key<GpuSpec, EfficiencySpec> EFFICIENCY = SECTION.key("efficiency", Types.map(Efficiency.SECTION))
                .computed(BASE).get(GpuSpec::efficiency).doc("achieved fractions of the peaks; matmul and memory "
                        + "scale the profile's GEMM curves and memory fractions");
        static final Key<GpuSpec, GpuSpec> PROFILE = SECTION.key("profile", Types.<GpuSpec>container(ProfileRefs.ALLOWED,
                ProfileRefs::write, ProfileRefs::schema)).computed("the base type's; the generic profile for a new type")
                .get(g -> g).doc("the hardware profile the compute is costed with (docs/HARDWARE-PROFILE.md)");

        private Gpu() {
        }
    }

    /** {@code peakTflops}: one key per precision, in {@link Precision} order. */
    static final class PeakTflops {
        static final Section<Map<Precision, Double>> SECTION = Section.of("peakTflops",
                "a map from precision to dense peak TFLOP/s", Listing.LABEL);
        private static final Map<Precision, Key<Map<Precision, Double>, Double>> KEYS = new EnumMap<>(Precision.class);

        static {
            for (Precision p : Precision.values()) {
                KEYS.put(p, SECTION.key(p.key(), Types.orNull(Types.number(0.001, false, 1e6, false)))
                        .optional("the base type's").get(peaks -> peaks.get(p))
                        .doc("dense peak TFLOP/s in " + p.key() + "; null removes the base type's"));
            }
        }

        private PeakTflops() {
        }

        /** The key of one precision. */
        static Key<Map<Precision, Double>, Double> of(Precision precision) {
            return KEYS.get(precision);
        }
    }

    /** {@code efficiency}. */
    static final class Efficiency {
        static final Section<EfficiencySpec> SECTION = Section.of("efficiency", "a map of achieved fractions of peak",
                Listing.COLON);
        static final Key<EfficiencySpec, Double> MATMUL = SECTION.key("matmul", fraction()).computed(BASE)
                .get(EfficiencySpec::matmul).doc("of the matmul peak");
        static final Key<EfficiencySpec, Double> MEMORY = SECTION.key("memory", fraction()).computed(BASE)
                .get(EfficiencySpec::memory).doc("of the HBM bandwidth");
        static final Key<EfficiencySpec, Double> NVLINK = SECTION.key("nvlink", fraction()).computed(BASE)
                .get(EfficiencySpec::nvlink).doc("of the NVLink bandwidth");
        static final Key<EfficiencySpec, Double> NIC = SECTION.key("nic", fraction()).computed(BASE)
                .get(EfficiencySpec::nic).doc("of the NIC line rate");

        private Efficiency() {
        }

        private static ValueType.Scalar<Double> fraction() {
            return Types.number(0.01, false, 1, false);
        }
    }
}
