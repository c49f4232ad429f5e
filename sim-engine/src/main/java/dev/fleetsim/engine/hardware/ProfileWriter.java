package dev.fleetsim.engine.hardware;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link HardwareProfile} as the document {@link ProfileReader} reads: keys in the
 * documented order, quantities as the shortest unit string that reads back to the same value,
 * optional parts left out when empty. Reading what it writes gives an equal profile.
 */
public final class ProfileWriter {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProfileWriter() {
    }

    /** The profile as YAML. */
    public static String yaml(HardwareProfile p) {
        try {
            return YAML.writeValueAsString(tree(p));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The profile as indented JSON. */
    public static String json(HardwareProfile p) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(p)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compact JSON in document order: the form {@link HardwareProfile#contentHash()} hashes. */
    static String canonicalJson(HardwareProfile p) {
        try {
            return JSON.writeValueAsString(tree(p));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the profile to {@code file} (JSON for {@code .json}, else YAML) through a temporary file and a rename. */
    public static void write(HardwareProfile p, Path file) {
        String text = file.getFileName().toString().endsWith(".json") ? json(p) : yaml(p);
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(HardwareProfile p) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", HardwareProfile.FORMAT);
        root.put("gpuType", p.gpuType());
        root.set("identity", identity(p.identity()));
        ObjectNode gemm = root.putObject("gemm");
        p.gemm().forEach((precision, g) -> {
            ObjectNode o = gemm.putObject(precision.key());
            o.put("maxEfficiency", g.maxEfficiency());
            o.put("kHalf", g.kHalf());
            if (g.splitAccumulation() != 1.0) {
                o.put("splitAccumulation", g.splitAccumulation());
            }
            ArrayNode tiles = o.putArray("tiles");
            for (GemmTile t : g.tiles()) {
                ObjectNode to = tiles.addObject();
                to.put("m", t.m());
                to.put("n", t.n());
                to.put("k", t.k());
                to.put("efficiency", t.efficiency());
            }
            source(o, g.source());
        });
        if (!p.attention().isEmpty()) {
            ObjectNode attention = root.putObject("attention");
            p.attention().forEach((kernel, byPrecision) -> {
                ObjectNode k = attention.putObject(kernel.key());
                byPrecision.forEach((precision, a) -> {
                    ObjectNode o = k.putObject(precision.key());
                    o.put("maxEfficiency", a.maxEfficiency());
                    o.put("seqHalf", a.seqHalf());
                    o.put("headDimRef", a.headDimRef());
                    o.put("headDimHalf", a.headDimHalf());
                    o.put("backwardRatio", a.backwardRatio());
                    source(o, a.source());
                });
            });
        }
        MemoryCurve m = p.memory();
        ObjectNode memory = root.putObject("memory");
        memory.put("copy", m.copy());
        memory.put("read", m.read());
        memory.put("write", m.write());
        memory.put("triad", m.triad());
        memory.put("elementwise", m.elementwise());
        memory.put("reduction", m.reduction());
        source(memory, m.source());
        if (!p.links().isEmpty()) {
            ObjectNode links = root.putObject("links");
            p.links().forEach((name, l) -> {
                ObjectNode o = links.putObject(name);
                o.put("latency", duration(l.latencyNs()));
                o.put("bandwidth", bandwidth(l.bandwidthBytesPerS()));
                source(o, l.source());
            });
        }
        if (!p.collectives().isEmpty()) {
            ObjectNode collectives = root.putObject("collectives");
            p.collectives().forEach((op, byScope) -> {
                ObjectNode o = collectives.putObject(op);
                byScope.forEach((scope, c) -> {
                    ObjectNode s = o.putObject(scope);
                    s.put("latency", duration(c.latencyNs()));
                    s.put("busBandwidth", bandwidth(c.busBandwidthBytesPerS()));
                    c.gpus().ifPresent(n -> s.put("gpus", n));
                    source(s, c.source());
                });
            });
        }
        root.put("launchLatency", duration(p.launchLatencyNs()));
        // Written only when measured, so a profile without a spread keeps its content hash.
        if (p.gemmSpread() > 0) {
            root.put("gemmSpread", p.gemmSpread());
        }
        if (!p.fit().isEmpty()) {
            ObjectNode fit = root.putObject("fit");
            p.fit().forEach((name, f) -> {
                ObjectNode o = fit.putObject(name);
                o.put("r2", f.r2());
                o.put("points", f.points());
                o.put("rejected", f.rejected());
                o.put("rmsRelativeResidual", f.rmsRelativeResidual());
            });
        }
        return root;
    }

    private static ObjectNode identity(ProfileIdentity id) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("source", id.source());
        id.device().ifPresent(d -> o.put("device", d));
        if (!id.uuids().isEmpty()) {
            ArrayNode u = o.putArray("uuids");
            id.uuids().forEach(u::add);
        }
        o.put("smCount", id.smCount());
        if (id.smClockMHz().isPresent() || id.memClockMHz().isPresent()) {
            ObjectNode clocks = o.putObject("clocks");
            id.smClockMHz().ifPresent(v -> clocks.put("smMHz", v));
            id.memClockMHz().ifPresent(v -> clocks.put("memMHz", v));
        }
        if (!id.versions().isEmpty()) {
            ObjectNode v = o.putObject("versions");
            id.versions().forEach(v::put);
        }
        id.powerLimitW().ifPresent(w -> o.put("powerLimit", plain(w) + " W"));
        id.measuredAt().ifPresent(t -> o.put("measuredAt", t.toString()));
        id.notes().ifPresent(n -> o.put("notes", n));
        return o;
    }

    private static void source(ObjectNode o, String source) {
        if (!source.isEmpty()) {
            o.put("source", source);
        }
    }

    /** The largest of us / ns that holds the latency exactly. */
    static String duration(long ns) {
        if (ns % 1000 == 0) {
            return ns / 1000 + " us";
        }
        return BigDecimal.valueOf(ns).movePointLeft(3).stripTrailingZeros().toPlainString() + " us";
    }

    /** The shortest of TB/s, GB/s, MB/s, B/s that reads back to exactly {@code bytesPerS}. */
    static String bandwidth(double bytesPerS) {
        return shortestExact(bytesPerS, List.of("TB/s", "GB/s", "MB/s", "B/s"),
                Map.of("TB/s", 1e12, "GB/s", 1e9, "MB/s", 1e6, "B/s", 1.0), Quantities::bandwidthBytesPerS);
    }

    private static String shortestExact(double value, List<String> units, Map<String, Double> factors,
                                        java.util.function.Function<String, Double> parser) {
        String best = null;
        for (String unit : units) {
            double scaled = value / factors.get(unit);
            if (Math.abs(scaled) < 1) {
                continue;
            }
            String candidate = plain(scaled) + " " + unit;
            if (Double.compare(parser.apply(candidate), value) == 0 && (best == null || candidate.length() < best.length())) {
                best = candidate;
            }
        }
        return best != null ? best : plain(value) + " B/s";
    }

    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

}
