package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.scenario.HardwareKeys.Efficiency;
import dev.fleetsim.engine.scenario.HardwareKeys.Gpu;
import dev.fleetsim.engine.hardware.DefaultProfiles;
import dev.fleetsim.engine.hardware.EfficiencySpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.Precision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a scenario's {@code hardware} section onto the shipped catalogue (which
 * {@code hardware.HardwareCatalog} parses, in the same keys and unit strings). An
 * entry is read onto a base: a complete entry has none; an override of a shipped type starts
 * from it and replaces what it names, field by field (inside {@code peakTflops} and
 * {@code efficiency} too; {@code fp8: null} removes a precision); a new type names its base
 * with {@code basedOn}, a shipped type or another entry of the same section.
 */
public final class HardwareReader {

    /**
     * The keys a complete entry (one with no base) must have: those the writer writes, since a
     * written entry is complete and must read back alone.
     */
    private static final List<Key<GpuSpec, ?>> REQUIRED_KEYS = Gpu.SECTION.keys().stream().filter(Key::written)
            .filter(k -> k != Gpu.PROFILE).collect(Collectors.toUnmodifiableList());
    private static final List<String> PRECISION_KEYS = HardwareKeys.PeakTflops.SECTION.names();

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
        return readSection(section, shipped, Path.of(""));
    }

    /** As {@link #readSection(Cursor, Map)}, profile files resolved against {@code baseDir}. */
    static Map<String, GpuSpec> readSection(Cursor section, Map<String, GpuSpec> shipped, Path baseDir) {
        Map<String, GpuSpec> out = new LinkedHashMap<>(shipped);
        if (!section.present()) {
            return out;
        }
        Map<String, Cursor> entries = section.entries("a map from GPU type name to its entry");
        new Resolver(entries, shipped, baseDir).resolveAll().forEach(out::put);
        return out;
    }

    /** Resolves {@code basedOn} chains in any order, each entry once, reporting cycles. */
    private static final class Resolver {
        private final Map<String, Cursor> entries;
        private final Map<String, GpuSpec> shipped;
        private final Map<String, GpuSpec> resolved = new LinkedHashMap<>();
        private final Set<String> done = new HashSet<>();
        private final Set<String> visiting = new LinkedHashSet<>();

        private final Path baseDir;

        Resolver(Map<String, Cursor> entries, Map<String, GpuSpec> shipped, Path baseDir) {
            this.entries = entries;
            this.shipped = shipped;
            this.baseDir = baseDir;
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
            Cursor basedOn = Gpu.BASED_ON.at(c);
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
            GpuSpec spec = readEntry(c, name, base, shippedHint(), baseDir);
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
    static GpuSpec readEntry(Cursor c, String name, GpuSpec base, String missingHint, Path baseDir) {
        int mark = c.mark();
        if (!c.map(Gpu.SECTION)) {
            return null;
        }
        boolean complete = base == null;
        if (complete) {
            for (Key<GpuSpec, ?> key : REQUIRED_KEYS) {
                Cursor f = key.at(c);
                if (!f.present()) {
                    f.problem(f.found(), "a value for " + key.name() + missingHint);
                }
            }
            base = STAND_IN_BASE;
        }
        // A complete entry has only the precisions it lists (the stand-in base's bf16 is not one of them).
        Map<Precision, Double> peaks = readPeaks(Gpu.PEAK_TFLOPS.at(c), complete ? Map.of() : base.peakDenseTflops());
        Long hbm = Gpu.HBM.read(c, base.hbmBytes());
        Double hbmBandwidth = Gpu.HBM_BANDWIDTH.read(c, base.hbmBandwidthBytesPerS());
        Double nvlink = Gpu.NVLINK_BANDWIDTH.read(c, base.nvlinkBandwidthBytesPerS());
        Double pcie = Gpu.PCIE_BANDWIDTH.read(c, base.pcieBandwidthBytesPerS());
        Double tdp = Gpu.TDP.read(c, base.tdpWatts());
        Double idle = Gpu.IDLE_POWER.read(c, base.idleWatts());
        Double price = Gpu.PRICE.read(c, base.priceUsdPerGpuHour());
        EfficiencySpec efficiency = readEfficiency(Gpu.EFFICIENCY.at(c), complete ? null : base.efficiency());
        Cursor profileAt = Gpu.PROFILE.at(c);
        // A profile file describes one GPU type: this one, or the type it is based on (a re-calibrated base).
        Set<String> describable = new LinkedHashSet<>(List.of(name));
        if (!complete) {
            describable.add(base.name());
            describable.add(base.profile().gpuType());
        }
        ProfileRefs.Ref profileRef = profileAt.present() ? ProfileRefs.read(profileAt, name, describable, baseDir) : null;
        Gpu.DESCRIPTION.read(c);
        Gpu.SOURCE.read(c);
        Gpu.EFFICIENCY_SOURCE.read(c);
        if (tdp != null && idle != null && idle > tdp) {
            Gpu.IDLE_POWER.at(c).problem(Gpu.IDLE_POWER.at(c).found(),
                    "at most the tdp (" + QuantityFormat.watts(tdp) + ")");
        }
        if (!c.cleanSince(mark)) {
            return null;
        }
        // A named profile; else an override keeps its base's, and a new complete entry gets the generic one.
        HardwareProfile profile = profileRef != null ? profileRef.profile()
                : complete ? DefaultProfiles.generic(name) : base.profile();
        String origin = profileRef != null ? profileRef.origin() : complete ? "generic" : base.profileOrigin();
        // efficiency.matmul / .memory given here scale the profile's curves to them (one fact, the profile).
        Cursor eff = Gpu.EFFICIENCY.at(c);
        if (eff.present() && efficiency != null) {
            if (Efficiency.MATMUL.at(eff).present()) {
                double factor = efficiency.matmul() / profile.largeGemmEfficiency(peaks, hbmBandwidth);
                profile = Math.abs(factor - 1) > 1e-9 ? profile.withGemmScaled(factor) : profile;
            }
            if (Efficiency.MEMORY.at(eff).present()) {
                double factor = efficiency.memory() / profile.memory().copy();
                profile = Math.abs(factor - 1) > 1e-9 ? profile.withMemoryScaled(factor) : profile;
            }
        }
        if (profileRef != null && ProfileRefs.hashProblem(profileAt, profileRef, profile)) {
            return null;
        }
        if (profileRef != null && efficiency != null) {
            // A named profile (a calibration, say) is the fact: the summary GEMM and memory figures follow
            // it, so the resolved scenario's efficiency scales it by exactly 1 when read back.
            efficiency = new EfficiencySpec(profile.largeGemmEfficiency(peaks, hbmBandwidth), profile.memory().copy(),
                    efficiency.nvlink(), efficiency.nic());
        }
        return new GpuSpec(name, peaks, hbm, hbmBandwidth, nvlink, pcie, tdp, idle, price, efficiency, profile, origin);
    }

    private static Map<Precision, Double> readPeaks(Cursor p, Map<Precision, Double> base) {
        Map<Precision, Double> peaks = new EnumMap<>(Precision.class);
        peaks.putAll(base);
        if (!p.present() || !p.map(HardwareKeys.PeakTflops.SECTION)) {
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
                Double tflops = HardwareKeys.PeakTflops.of(precision).read(p, null);
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
        if (!e.map(Efficiency.SECTION)) {
            return null;
        }
        Double matmul = Efficiency.MATMUL.read(e, base == null ? null : base.matmul());
        Double memory = Efficiency.MEMORY.read(e, base == null ? null : base.memory());
        Double nvlink = Efficiency.NVLINK.read(e, base == null ? null : base.nvlink());
        Double nic = Efficiency.NIC.read(e, base == null ? null : base.nic());
        if (matmul == null || memory == null || nvlink == null || nic == null) {
            return null;
        }
        return new EfficiencySpec(matmul, memory, nvlink, nic);
    }
}
