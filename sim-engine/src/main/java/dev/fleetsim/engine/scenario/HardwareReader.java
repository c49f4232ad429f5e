package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.hardware.DefaultProfiles;
import dev.fleetsim.engine.hardware.EfficiencySpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.Precision;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scenario's {@code hardware} section onto the shipped catalogue (which
 * {@code hardware.HardwareCatalog} parses, in the same keys and unit strings). An
 * entry is read onto a base: a complete entry has none; an override of a shipped type starts
 * from it and replaces what it names, field by field (inside {@code peakTflops} and
 * {@code efficiency} too; {@code fp8: null} removes a precision); a new type names its base
 * with {@code basedOn}, a shipped type or another entry of the same section.
 */
public final class HardwareReader {

    static final List<String> ENTRY_KEYS = List.of("description", "source", "efficiencySource", "basedOn", "peakTflops", "hbm",
            "hbmBandwidth", "nvlinkBandwidth", "pcieBandwidth", "tdp", "idlePower", "price", "efficiency");
    /** The keys a complete entry (one with no base) must have. */
    private static final List<String> REQUIRED_KEYS = List.of("peakTflops", "hbm", "hbmBandwidth",
            "nvlinkBandwidth", "pcieBandwidth", "tdp", "idlePower", "price", "efficiency");
    private static final List<String> EFFICIENCY_KEYS = List.of("matmul", "memory", "nvlink", "nic");
    private static final List<String> PRECISION_KEYS = precisionKeys();

    /** Stands in for the base of an entry already reported incomplete, so reading can go on. */
    private static final GpuSpec STAND_IN_BASE = new GpuSpec("stand-in", Map.of(Precision.BF16, 1.0), 1, 1, 0, 1, 1,
            0, 0, new EfficiencySpec(1, 1, 1, 1));

    private HardwareReader() {
    }

    /**
     * The resolved catalogue of a scenario: every shipped entry, with the section's overrides
     * applied and its new types added. An absent section is the shipped catalogue unchanged.
     */
    static Map<String, GpuSpec> readSection(Cursor section, Map<String, GpuSpec> shipped) {
        Map<String, GpuSpec> out = new LinkedHashMap<>(shipped);
        if (!section.present()) {
            return out;
        }
        Map<String, Cursor> entries = section.entries("a map from GPU type name to its entry");
        new Resolver(entries, shipped).resolveAll().forEach(out::put);
        return out;
    }

    /** Resolves {@code basedOn} chains in any order, each entry once, reporting cycles. */
    private static final class Resolver {
        private final Map<String, Cursor> entries;
        private final Map<String, GpuSpec> shipped;
        private final Map<String, GpuSpec> resolved = new LinkedHashMap<>();
        private final Set<String> done = new HashSet<>();
        private final Set<String> visiting = new LinkedHashSet<>();

        Resolver(Map<String, Cursor> entries, Map<String, GpuSpec> shipped) {
            this.entries = entries;
            this.shipped = shipped;
        }

        Map<String, GpuSpec> resolveAll() {
            entries.keySet().forEach(this::resolve);
            return resolved;
        }

        private GpuSpec resolve(String name) {
            if (done.contains(name)) {
                return resolved.get(name);
            }
            visiting.add(name);
            Cursor c = entries.get(name);
            GpuSpec base = shipped.get(name);
            boolean baseOk = true;
            Cursor basedOn = c.field("basedOn");
            if (c.node() != null && c.node().isObject() && basedOn.present()) {
                String baseName = basedOn.string("the name of a GPU type to start from");
                if (baseName == null) {
                    baseOk = false;
                } else if (!baseName.equals(name) && entries.containsKey(baseName)) {
                    if (visiting.contains(baseName)) {
                        basedOn.problem(basedOn.found() + ", which makes a cycle " + String.join(" -> ", visiting)
                                + " -> " + baseName, "a GPU type that is not based, directly or not, on " + name);
                        baseOk = false;
                    } else {
                        base = resolve(baseName);
                        // A failed base has reported its own problems; this entry just cannot be built.
                        baseOk = base != null;
                    }
                } else if (shipped.containsKey(baseName)) {
                    base = shipped.get(baseName);
                } else {
                    Set<String> names = new LinkedHashSet<>(shipped.keySet());
                    names.addAll(entries.keySet());
                    names.remove(name);
                    basedOn.problem(basedOn.found(), "a shipped or defined GPU type: " + Suggestions.oneOf(baseName, names));
                    baseOk = false;
                }
            }
            if (!baseOk) {
                // The base is wrong, not this entry's completeness: check only what the entry says.
                base = STAND_IN_BASE;
            }
            GpuSpec spec = readEntry(c, name, base, shippedHint());
            visiting.remove(name);
            done.add(name);
            if (spec != null && baseOk) {
                resolved.put(name, spec);
                return spec;
            }
            return null;
        }

        private String shippedHint() {
            return " (a type not in the shipped catalogue needs every field, or basedOn: one of "
                    + String.join(", ", shipped.keySet()) + ")";
        }
    }

    /**
     * Reads one entry onto {@code base} (null = the entry must be complete, and a missing key is
     * reported with {@code missingHint} appended). Returns null when anything in it is wrong.
     */
    static GpuSpec readEntry(Cursor c, String name, GpuSpec base, String missingHint) {
        int mark = c.mark();
        if (!c.map(ENTRY_KEYS, "a hardware entry")) {
            return null;
        }
        boolean complete = base == null;
        if (complete) {
            for (String key : REQUIRED_KEYS) {
                Cursor f = c.field(key);
                if (!f.present()) {
                    f.problem(f.found(), "a value for " + key + missingHint);
                }
            }
            base = STAND_IN_BASE;
        }
        Map<Precision, Double> peaks = readPeaks(c.field("peakTflops"), base.peakDenseTflops());
        Long hbm = c.quantity("hbm", base.hbmBytes(), Units::bytes, Units.BYTES_UNITS, true);
        Double hbmBandwidth = c.quantity("hbmBandwidth", base.hbmBandwidthBytesPerS(), Units::bandwidthBytesPerS,
                Units.BANDWIDTH_UNITS, true);
        // Zero NVLink bandwidth is how a PCIe-only card (L40S) says it has no NVLink.
        Double nvlink = c.quantity("nvlinkBandwidth", base.nvlinkBandwidthBytesPerS(), Units::bandwidthBytesPerS,
                Units.BANDWIDTH_UNITS, false);
        Double pcie = c.quantity("pcieBandwidth", base.pcieBandwidthBytesPerS(), Units::bandwidthBytesPerS,
                Units.BANDWIDTH_UNITS, true);
        Double tdp = c.quantity("tdp", base.tdpWatts(), Units::watts, Units.POWER_UNITS, true);
        Double idle = c.quantity("idlePower", base.idleWatts(), Units::watts, Units.POWER_UNITS, false);
        Double price = c.quantity("price", base.priceUsdPerGpuHour(), t -> Units.usdPer(t, "USD/h"),
                "a price such as \"2.5 USD/h\" (US dollars per GPU-hour)", false);
        EfficiencySpec efficiency = readEfficiency(c.field("efficiency"), complete ? null : base.efficiency());
        c.optionalString("description", null, "a text");
        c.optionalString("source", null, "a text");
        c.optionalString("efficiencySource", null, "a text");
        if (tdp != null && idle != null && idle > tdp) {
            c.field("idlePower").problem(c.field("idlePower").found(),
                    "at most the tdp (" + QuantityFormat.watts(tdp) + ")");
        }
        if (!c.cleanSince(mark)) {
            return null;
        }
        // An override keeps its base's profile; a new complete entry gets the generic one.
        HardwareProfile profile = complete ? DefaultProfiles.generic(name) : base.profile();
        return new GpuSpec(name, peaks, hbm, hbmBandwidth, nvlink, pcie, tdp, idle, price, efficiency, profile);
    }

    private static Map<Precision, Double> readPeaks(Cursor p, Map<Precision, Double> base) {
        Map<Precision, Double> peaks = new EnumMap<>(Precision.class);
        peaks.putAll(base);
        if (!p.present() || !p.map(PRECISION_KEYS, "a map from precision to dense peak TFLOP/s")) {
            return peaks;
        }
        for (Precision precision : Precision.values()) {
            String key = precision.key();
            if (!p.node().has(key)) {
                continue;
            }
            if (p.node().get(key).isNull()) {
                peaks.remove(precision);
            } else {
                Double tflops = p.number(key, null, 0, true, Double.POSITIVE_INFINITY, false);
                if (tflops != null) {
                    peaks.put(precision, tflops);
                }
            }
        }
        if (peaks.isEmpty()) {
            p.problem(p.found(), "dense peak TFLOP/s for at least one of " + String.join(", ", PRECISION_KEYS));
        }
        return peaks;
    }

    /** Efficiencies onto a base, or all four required when {@code base} is null (a complete entry). */
    private static EfficiencySpec readEfficiency(Cursor e, EfficiencySpec base) {
        if (!e.present()) {
            return base;
        }
        if (!e.map(EFFICIENCY_KEYS, "a map of achieved fractions of peak: matmul, memory, nvlink, nic")) {
            return null;
        }
        Double matmul = e.number("matmul", base == null ? null : base.matmul(), 0, true, 1, false);
        Double memory = e.number("memory", base == null ? null : base.memory(), 0, true, 1, false);
        Double nvlink = e.number("nvlink", base == null ? null : base.nvlink(), 0, true, 1, false);
        Double nic = e.number("nic", base == null ? null : base.nic(), 0, true, 1, false);
        if (matmul == null || memory == null || nvlink == null || nic == null) {
            return null;
        }
        return new EfficiencySpec(matmul, memory, nvlink, nic);
    }

    private static List<String> precisionKeys() {
        List<String> keys = new ArrayList<>();
        for (Precision p : Precision.values()) {
            keys.add(p.key());
        }
        return List.copyOf(keys);
    }
}
