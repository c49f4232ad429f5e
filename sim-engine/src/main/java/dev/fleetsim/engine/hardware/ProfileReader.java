package dev.fleetsim.engine.hardware;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Reads a hardware profile document (YAML, or JSON for a {@code .json} file) into a
 * {@link HardwareProfile}, reporting every problem with its path
 * ({@code gemm.bf16.tiles[0].efficiency: found 1.3; expected a number in (0, 1]}). The format
 * is docs/HARDWARE-PROFILE.md; the JSON Schema beside this class says the same.
 */
public final class ProfileReader {

    static final List<String> TOP_KEYS = List.of("format", "gpuType", "identity", "gemm", "attention", "memory",
            "links", "collectives", "launchLatency", "gemmSpread", "fit");
    static final List<String> IDENTITY_KEYS = List.of("source", "device", "uuids", "smCount", "clocks", "versions",
            "powerLimit", "measuredAt", "notes");
    static final List<String> GEMM_KEYS = List.of("maxEfficiency", "tiles", "kHalf", "splitAccumulation", "source");
    static final List<String> TILE_KEYS = List.of("m", "n", "k", "efficiency");
    static final List<String> ATTENTION_KEYS = List.of("maxEfficiency", "seqHalf", "headDimRef", "headDimHalf",
            "backwardRatio", "source");
    static final List<String> MEMORY_KEYS = List.of("copy", "read", "write", "triad", "elementwise", "reduction", "source");
    static final List<String> LINK_KEYS = List.of("latency", "bandwidth", "source");
    static final List<String> COLLECTIVE_KEYS = List.of("latency", "busBandwidth", "gpus", "source");
    static final List<String> FIT_KEYS = List.of("r2", "points", "rejected", "rmsRelativeResidual");

    private ProfileReader() {
    }

    /** Reads a profile file; {@code .json} files are strict JSON, others YAML. */
    public static HardwareProfile read(Path file) throws HardwareDocumentException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new HardwareDocumentException(file.toString(), List.of(new HardwareProblem("(document)",
                    dev.fleetsim.engine.files.FileErrors.describe(file, e),
                    "a readable hardware profile file")));
        }
        return read(text, file.toString());
    }

    /** Reads profile text; {@code sourceName} ending in {@code .json} selects strict JSON. */
    public static HardwareProfile read(String text, String sourceName) throws HardwareDocumentException {
        boolean json = sourceName.toLowerCase(Locale.ROOT).endsWith(".json");
        JsonNode tree;
        try {
            tree = ProfileTree.read(text, json);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage() == null ? e.getMessage() : e.getOriginalMessage();
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new HardwareDocumentException(sourceName, List.of(new HardwareProblem("(document)",
                    "text that does not parse" + where + " (" + reason.lines().findFirst().orElse("") + ")",
                    "well-formed " + (json ? "JSON" : "YAML"))));
        } catch (IOException e) { // text in memory: not a read that can fail, but said as a problem all the same
            throw new HardwareDocumentException(sourceName, List.of(new HardwareProblem("(document)",
                    "text that does not parse (" + e.getMessage() + ")", "well-formed " + (json ? "JSON" : "YAML"))));
        }
        return read(tree, "", sourceName);
    }

    /**
     * Reads a parsed profile; problems' paths start with {@code pathPrefix} (empty for a file of
     * its own, or e.g. {@code hardware.H100-SXM.profile} for one inlined in a scenario).
     */
    public static HardwareProfile read(JsonNode tree, String pathPrefix, String sourceName) throws HardwareDocumentException {
        List<HardwareProblem> problems = new ArrayList<>();
        HardwareProfile profile = read(DocCursor.root(tree, pathPrefix, problems));
        if (!problems.isEmpty() || profile == null) {
            throw new HardwareDocumentException(sourceName, problems);
        }
        return profile;
    }

    private static HardwareProfile read(DocCursor c) {
        int mark = c.mark();
        if (!c.map(TOP_KEYS, "a hardware profile")) {
            return null;
        }
        DocCursor format = c.require("format", "\"" + HardwareProfile.FORMAT + "\"");
        if (format != null) {
            String f = format.string("\"" + HardwareProfile.FORMAT + "\"");
            if (f != null && !f.equals(HardwareProfile.FORMAT)) {
                format.problem(format.found(), "\"" + HardwareProfile.FORMAT + "\" (the version this Fleetsim reads)");
            }
        }
        String gpuType = c.requiredString("gpuType", "the catalogue GPU type this profile describes, e.g. \"H100-SXM\"");
        ProfileIdentity identity = identity(c.require("identity", "a map: source, smCount and optionally device, "
                + "uuids, clocks, versions, powerLimit, measuredAt, notes"));
        Map<Precision, GemmCurve> gemm = gemm(c.require("gemm", "a map from precision to a GEMM curve"));
        Map<AttentionKernel, Map<Precision, AttentionCurve>> attention = attention(c.field("attention"));
        MemoryCurve memory = memory(c.require("memory", "a map of HBM bandwidth fractions: " + String.join(", ", MEMORY_KEYS)));
        Map<String, LinkCurve> links = links(c.field("links"));
        Map<String, Map<String, CollectiveCurve>> collectives = collectives(c.field("collectives"));
        Long launch = c.quantity("launchLatency", 0L, Quantities::durationNs, Quantities.DURATION_UNITS + " (a kernel"
                + " launch takes microseconds)", 0, Quantities.MAX_LAUNCH_LATENCY_NS, "0 s to 1 ms");
        Double spread = c.number("gemmSpread", 0.0, 0, false, HardwareProfile.MAX_GEMM_SPREAD);
        Map<String, FitQuality> fit = fit(c.field("fit"));
        if (!c.cleanSince(mark)) {
            return null;
        }
        return new HardwareProfile(gpuType, identity, gemm, attention, memory, links, collectives, launch, fit, spread);
    }

    private static ProfileIdentity identity(DocCursor c) {
        if (c == null || !c.map(IDENTITY_KEYS, "a profile identity")) {
            return null;
        }
        int mark = c.mark();
        String source = c.requiredString("source", "where the numbers come from: defaults, calibration or a word of yours");
        Optional<String> device = Optional.ofNullable(c.optionalString("device", "the device name, a text"));
        List<String> uuids = new ArrayList<>();
        DocCursor u = c.field("uuids");
        if (u.present()) {
            for (DocCursor item : u.list("a list of GPU UUIDs")) {
                String s = item.string("a GPU UUID, a text");
                if (s != null) {
                    uuids.add(s);
                }
            }
        }
        Long sm = c.integer("smCount", null, 1, 100_000);
        OptionalInt smClock = OptionalInt.empty();
        OptionalInt memClock = OptionalInt.empty();
        DocCursor clocks = c.field("clocks");
        if (clocks.present() && clocks.map(List.of("smMHz", "memMHz"), "clocks: smMHz, memMHz")) {
            Long s = clocks.integer("smMHz", -1L, 1, 100_000);
            Long m = clocks.integer("memMHz", -1L, 1, 100_000);
            smClock = s != null && s > 0 ? OptionalInt.of(s.intValue()) : OptionalInt.empty();
            memClock = m != null && m > 0 ? OptionalInt.of(m.intValue()) : OptionalInt.empty();
        }
        Map<String, String> versions = new LinkedHashMap<>();
        DocCursor v = c.field("versions");
        if (v.present()) {
            v.entries("a map from software name to its version").forEach((name, vc) -> {
                String s = vc.node() != null && vc.node().isNumber() ? vc.node().asText() : vc.string("a version, a text");
                if (s != null) {
                    versions.put(name, s);
                }
            });
        }
        Double power = c.quantity("powerLimit", -1.0, Quantities::watts, Quantities.POWER_UNITS + " ("
                + Quantities.GPU_POWER_BOUND + ")", 1, Quantities.MAX_GPU_POWER_W, "1 W to 5 kW");
        Optional<Instant> measuredAt = Optional.empty();
        DocCursor at = c.field("measuredAt");
        if (at.present()) {
            String s = at.string("an ISO-8601 instant such as \"2026-12-01T10:00:00Z\"");
            if (s != null) {
                try {
                    measuredAt = Optional.of(Instant.parse(s));
                } catch (DateTimeParseException e) {
                    at.problem(at.found(), "an ISO-8601 instant such as \"2026-12-01T10:00:00Z\"");
                }
            }
        }
        Optional<String> notes = Optional.ofNullable(c.optionalString("notes", "a text"));
        if (!c.cleanSince(mark)) {
            return null;
        }
        return new ProfileIdentity(source, device, uuids, sm.intValue(), smClock, memClock, versions,
                power > 0 ? OptionalDouble.of(power) : OptionalDouble.empty(), measuredAt, notes);
    }

    private static Map<Precision, GemmCurve> gemm(DocCursor c) {
        Map<Precision, GemmCurve> out = new EnumMap<>(Precision.class);
        if (c == null || !c.map(precisionKeys(), "a map from precision to a GEMM curve")) {
            return out;
        }
        int start = c.mark();
        for (Precision p : Precision.values()) {
            DocCursor g = c.field(p.key());
            if (!g.present() || !g.map(GEMM_KEYS, "a GEMM curve")) {
                continue;
            }
            int mark = g.mark();
            Double max = g.number("maxEfficiency", null, 0, true, 1);
            Double kHalf = g.number("kHalf", 0.0, 0, false, 1e6);
            Double split = g.number("splitAccumulation", 1.0, 1, false, 10);
            List<GemmTile> tiles = new ArrayList<>();
            DocCursor list = g.require("tiles", "a list of tiles {m, n, k, efficiency}");
            if (list != null) {
                List<DocCursor> items = list.list("a list of tiles {m, n, k, efficiency}");
                if (items.isEmpty() && list.node() != null && list.node().isArray()) {
                    list.problem(list.found(), "at least one tile {m, n, k, efficiency}");
                }
                for (DocCursor t : items) {
                    if (!t.map(TILE_KEYS, "a tile")) {
                        continue;
                    }
                    int tm = t.mark();
                    Long m = t.integer("m", null, 1, 4096);
                    Long n = t.integer("n", null, 1, 4096);
                    Long k = t.integer("k", null, 1, 4096);
                    Double e = t.number("efficiency", 1.0, 0, true, 1);
                    if (t.cleanSince(tm)) {
                        tiles.add(new GemmTile(m.intValue(), n.intValue(), k.intValue(), e));
                    }
                }
            }
            String source = g.optionalString("source", "a text");
            if (g.cleanSince(mark)) {
                out.put(p, new GemmCurve(max, tiles, kHalf, source, split));
            }
        }
        if (out.isEmpty() && c.cleanSince(start)) {
            c.problem(c.found(), "a GEMM curve for at least one of " + String.join(", ", precisionKeys()));
        }
        return out;
    }

    private static Map<AttentionKernel, Map<Precision, AttentionCurve>> attention(DocCursor c) {
        Map<AttentionKernel, Map<Precision, AttentionCurve>> out = new EnumMap<>(AttentionKernel.class);
        List<String> kernels = new ArrayList<>();
        for (AttentionKernel k : AttentionKernel.values()) {
            if (k != AttentionKernel.UNFUSED) {
                kernels.add(k.key());
            }
        }
        if (!c.present()) {
            return out;
        }
        if (c.node().isObject() && c.node().has(AttentionKernel.UNFUSED.key())) {
            c.field(AttentionKernel.UNFUSED.key()).problem("key \"unfused\"", "a fused kernel: unfused attention "
                    + "is costed from the gemm curves and the memory fractions, so it has no curve of its own");
            return out;
        }
        if (!c.map(kernels, "a map from fused attention kernel to its curves by precision")) {
            return out;
        }
        for (AttentionKernel kernel : AttentionKernel.values()) {
            DocCursor k = c.field(kernel.key());
            if (kernel == AttentionKernel.UNFUSED || !k.present()
                    || !k.map(precisionKeys(), "a map from precision to an attention curve")) {
                continue;
            }
            Map<Precision, AttentionCurve> byPrecision = new EnumMap<>(Precision.class);
            for (Precision p : Precision.values()) {
                DocCursor a = k.field(p.key());
                if (!a.present() || !a.map(ATTENTION_KEYS, "an attention curve")) {
                    continue;
                }
                int mark = a.mark();
                Double max = a.number("maxEfficiency", null, 0, true, 1);
                Double seqHalf = a.number("seqHalf", 0.0, 0, false, 1e7);
                Double ref = a.number("headDimRef", 128.0, 0, true, 4096);
                Double dHalf = a.number("headDimHalf", 0.0, 0, false, 4096);
                Double bwd = a.number("backwardRatio", 1.0, 0, true, 1);
                String source = a.optionalString("source", "a text");
                if (a.cleanSince(mark)) {
                    byPrecision.put(p, new AttentionCurve(max, seqHalf, ref, dHalf, bwd, source));
                }
            }
            out.put(kernel, byPrecision);
        }
        return out;
    }

    private static MemoryCurve memory(DocCursor c) {
        if (c == null || !c.map(MEMORY_KEYS, "a map of HBM bandwidth fractions")) {
            return null;
        }
        int mark = c.mark();
        Double copy = c.number("copy", null, 0, true, 1);
        double base = copy == null ? 1.0 : copy;
        // What a calibration did not measure separately reads at the copy fraction.
        Double read = c.number("read", base, 0, true, 1);
        Double write = c.number("write", base, 0, true, 1);
        Double triad = c.number("triad", base, 0, true, 1);
        Double elementwise = c.number("elementwise", base, 0, true, 1);
        Double reduction = c.number("reduction", base, 0, true, 1);
        String source = c.optionalString("source", "a text");
        if (!c.cleanSince(mark)) {
            return null;
        }
        return new MemoryCurve(copy, read, write, triad, elementwise, reduction, source);
    }

    private static Map<String, LinkCurve> links(DocCursor c) {
        Map<String, LinkCurve> out = new LinkedHashMap<>();
        if (!c.present() || !c.map(HardwareProfile.LINK_CLASSES, "a map from link class to its latency and bandwidth")) {
            return out;
        }
        for (String name : HardwareProfile.LINK_CLASSES) {
            DocCursor l = c.field(name);
            if (!l.present() || !l.map(LINK_KEYS, "a link: latency, bandwidth, source")) {
                continue;
            }
            int mark = l.mark();
            Long latency = latency(l, "latency");
            Double bw = bandwidth(l, "bandwidth");
            String source = l.optionalString("source", "a text");
            if (l.cleanSince(mark)) {
                out.put(name, new LinkCurve(latency, bw, source));
            }
        }
        return out;
    }

    /** A link's or collective's latency: 0 s to 1 s (a second is a WAN link or a unit slip). */
    private static Long latency(DocCursor c, String key) {
        return c.quantity(key, null, Quantities::durationNs, Quantities.DURATION_UNITS, 0, Quantities.MAX_LATENCY_NS,
                "0 s to 1 s");
    }

    /** A link's or collective's bandwidth: 1 MB/s to 1000 TB/s (NVLink 5 is 0.9 TB/s a direction). */
    private static Double bandwidth(DocCursor c, String key) {
        return c.quantity(key, null, Quantities::bandwidthBytesPerS, Quantities.BANDWIDTH_UNITS, 1e6,
                Quantities.MAX_BANDWIDTH_BYTES_PER_S, "1 MB/s to 1000 TB/s");
    }

    private static Map<String, Map<String, CollectiveCurve>> collectives(DocCursor c) {
        Map<String, Map<String, CollectiveCurve>> out = new LinkedHashMap<>();
        if (!c.present() || !c.map(HardwareProfile.COLLECTIVE_OPS, "a map from collective to its curves by scope")) {
            return out;
        }
        for (String op : HardwareProfile.COLLECTIVE_OPS) {
            DocCursor o = c.field(op);
            if (!o.present() || !o.map(HardwareProfile.COLLECTIVE_SCOPES, "a map from scope to a collective curve")) {
                continue;
            }
            Map<String, CollectiveCurve> byScope = new LinkedHashMap<>();
            for (String scope : HardwareProfile.COLLECTIVE_SCOPES) {
                DocCursor s = o.field(scope);
                if (!s.present() || !s.map(COLLECTIVE_KEYS, "a collective curve: latency, busBandwidth, gpus, source")) {
                    continue;
                }
                int mark = s.mark();
                Long latency = latency(s, "latency");
                Double bw = bandwidth(s, "busBandwidth");
                Long gpus = s.integer("gpus", -1L, 2, 1_000_000);
                String source = s.optionalString("source", "a text");
                if (s.cleanSince(mark)) {
                    byScope.put(scope, new CollectiveCurve(latency, bw,
                            gpus > 0 ? OptionalInt.of(gpus.intValue()) : OptionalInt.empty(), source));
                }
            }
            out.put(op, byScope);
        }
        return out;
    }

    private static Map<String, FitQuality> fit(DocCursor c) {
        Map<String, FitQuality> out = new LinkedHashMap<>();
        if (!c.present()) {
            return out;
        }
        c.entries("a map from curve path (such as gemm.bf16) to its fit quality").forEach((name, f) -> {
            if (!f.map(FIT_KEYS, "a fit quality: r2, points, rejected, rmsRelativeResidual")) {
                return;
            }
            int mark = f.mark();
            Double r2 = f.number("r2", null, -1000, false, 1);
            Long points = f.integer("points", null, 0, Integer.MAX_VALUE);
            Long rejected = f.integer("rejected", 0L, 0, Integer.MAX_VALUE);
            Double rms = f.number("rmsRelativeResidual", null, 0, false, Double.POSITIVE_INFINITY);
            if (f.cleanSince(mark)) {
                out.put(name, new FitQuality(r2, points.intValue(), rejected.intValue(), rms));
            }
        });
        return out;
    }

    static List<String> precisionKeys() {
        List<String> keys = new ArrayList<>();
        for (Precision p : Precision.values()) {
            keys.add(p.key());
        }
        return keys;
    }
}
