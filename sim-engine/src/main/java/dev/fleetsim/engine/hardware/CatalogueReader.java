package dev.fleetsim.engine.hardware;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses the shipped catalogue ({@code hardware-catalog.json}): a map from GPU type to a
 * complete entry in the keys and unit strings of a scenario's {@code hardware} section, plus
 * {@code profile}, the entry's default profile resource beside the catalogue. A scenario's
 * section is read by the scenario package onto these entries; a test holds the two readers to
 * the same result on the shipped file.
 */
final class CatalogueReader {

    static final List<String> ENTRY_KEYS = List.of("description", "source", "efficiencySource", "peakTflops", "hbm",
            "hbmBandwidth", "nvlinkBandwidth", "pcieBandwidth", "tdp", "idlePower", "price", "efficiency", "profile");
    static final List<String> EFFICIENCY_KEYS = List.of("nvlink", "nic");

    private CatalogueReader() {
    }

    /** Every entry of {@code gpus}; {@code profiles} loads a profile by its resource name. */
    static Map<String, GpuSpec> read(JsonNode gpus, String sourceName, Function<String, HardwareProfile> profiles)
            throws HardwareDocumentException {
        List<HardwareProblem> problems = new ArrayList<>();
        DocCursor root = DocCursor.root(gpus, "gpus", problems);
        Map<String, GpuSpec> out = new LinkedHashMap<>();
        root.entries("a map from GPU type name to its entry").forEach((name, c) -> {
            GpuSpec spec = entry(name, c, profiles);
            if (spec != null) {
                out.put(name, spec);
            }
        });
        if (!problems.isEmpty()) {
            throw new HardwareDocumentException(sourceName, problems);
        }
        return out;
    }

    private static GpuSpec entry(String name, DocCursor c, Function<String, HardwareProfile> profiles) {
        if (!c.map(ENTRY_KEYS, "a catalogue entry")) {
            return null;
        }
        int mark = c.mark();
        Map<Precision, Double> peaks = new EnumMap<>(Precision.class);
        DocCursor p = c.require("peakTflops", "a map from precision to dense peak TFLOP/s");
        if (p != null && p.map(ProfileReader.precisionKeys(), "a map from precision to dense peak TFLOP/s")) {
            for (Precision precision : Precision.values()) {
                if (p.node().has(precision.key())) {
                    Double v = p.number(precision.key(), null, 0, true, Double.POSITIVE_INFINITY);
                    if (v != null) {
                        peaks.put(precision, v);
                    }
                }
            }
        }
        Long hbm = c.quantity("hbm", null, Quantities::bytes, Quantities.BYTES_UNITS, true);
        Double hbmBw = c.quantity("hbmBandwidth", null, Quantities::bandwidthBytesPerS, Quantities.BANDWIDTH_UNITS, true);
        Double nvlink = c.quantity("nvlinkBandwidth", null, Quantities::bandwidthBytesPerS, Quantities.BANDWIDTH_UNITS, false);
        Double pcie = c.quantity("pcieBandwidth", null, Quantities::bandwidthBytesPerS, Quantities.BANDWIDTH_UNITS, true);
        Double tdp = c.quantity("tdp", null, Quantities::watts, Quantities.POWER_UNITS, true);
        Double idle = c.quantity("idlePower", null, Quantities::watts, Quantities.POWER_UNITS, false);
        Double price = c.quantity("price", null, Quantities::usdPerHour, Quantities.PRICE_UNITS, false);
        Double nv = null;
        Double nic = null;
        DocCursor e = c.require("efficiency", "a map: nvlink, nic");
        if (e != null && e.map(EFFICIENCY_KEYS, "a map of achieved link fractions: nvlink, nic")) {
            nv = e.number("nvlink", null, 0, true, 1);
            nic = e.number("nic", null, 0, true, 1);
        }
        String profileName = c.requiredString("profile", "the name of its default profile resource, e.g. profiles/H100-SXM.yaml");
        c.optionalString("description", "a text");
        c.optionalString("source", "a text");
        c.optionalString("efficiencySource", "a text");
        HardwareProfile profile = null;
        if (profileName != null) {
            profile = profiles.apply(profileName);
            if (profile == null) {
                c.field("profile").problem(c.field("profile").found(), "a profile resource shipped beside the catalogue");
            } else if (!profile.gpuType().equals(name)) {
                c.field("profile").problem(c.field("profile").found() + " (describes " + profile.gpuType() + ")",
                        "the profile of " + name);
            }
        }
        if (!c.cleanSince(mark)) {
            return null;
        }
        // The single GEMM and memory figures are read off the profile, so the catalogue states each fact once.
        EfficiencySpec eff = new EfficiencySpec(profile.largeGemmEfficiency(peaks, hbmBw), profile.memory().copy(), nv, nic);
        return new GpuSpec(name, peaks, hbm, hbmBw, nvlink, pcie, tdp, idle, price, eff, profile, "shipped:" + name);
    }
}
