package dev.fleetsim.calibration.raw;

import dev.fleetsim.engine.files.Suggestions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.metrics.IoMessages;
import dev.fleetsim.engine.files.Echo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Reads raw measurement files (JSON lines, format {@value #FORMAT}; docs/CALIBRATION.md):
 * files, or folders whose {@code *.jsonl} files are read in name order. Every problem is
 * reported with its file and line, all at once; a file must start with an identity line and
 * end with an end line (a benchmark that was killed leaves neither a complete file nor a
 * partial one that looks complete, because the runner renames only finished files).
 */
public final class RawReader {

    /** The format name and version the identity and end lines carry. */
    public static final String FORMAT = "fleetsim-calibration-raw/1";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a raw path must be, said after every problem with one. */
    private static final String EXPECTED = "a raw calibration run: the folder `fleetsim calibrate run` writes "
            + "(*.jsonl measurement files) or one such file";

    private static final double MAX_TIME_US = 3.6e9; // the longest one measured call may take: an hour

    private RawReader() {
    }

    /** Reads every given file and folder; throws {@link RawFormatException} listing every problem. */
    public static RawData read(List<Path> paths) {
        List<String> problems = new ArrayList<>();
        List<RawFile> files = new ArrayList<>();
        List<Path> expanded = expand(paths, problems);
        for (Path p : expanded) {
            RawFile f = readFile(p, problems);
            if (f != null) {
                files.add(f);
            }
        }
        if (problems.isEmpty() && files.isEmpty()) {
            problems.add("raw measurements: found none; expected " + EXPECTED);
        }
        if (!problems.isEmpty()) {
            // a scenario or a YAML document given as measurements: one line saying so, not a problem per line of it
            Optional<String> other = RawFileKinds.otherKind(expanded);
            throw other.map(RawFormatException::wrongKind).orElseGet(() -> new RawFormatException(problems));
        }
        return new RawData(files);
    }

    private static List<Path> expand(List<Path> paths, List<String> problems) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    List<Path> found = s.filter(f -> f.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(f))
                            .sorted().toList();
                    if (found.isEmpty()) {
                        problems.add(p + ": found a folder without raw measurement files (*.jsonl); expected " + EXPECTED);
                    }
                    out.addAll(found);
                } catch (IOException e) {
                    problems.add(p + ": found a folder that cannot be listed (" + IoMessages.describe(e) + "); expected " + EXPECTED);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                problems.add(p + ": found no file or folder at " + p.toAbsolutePath().normalize() + "; expected " + EXPECTED);
            }
        }
        return out;
    }

    private static RawFile readFile(Path path, List<String> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(path + ": found " + dev.fleetsim.engine.files.FileErrors.describe(path, e)
                    + "; expected a raw measurement file (JSON lines, *.jsonl)");
            return null;
        }
        String name = path.getFileName().toString();
        int before = problems.size();
        RunIdentity identity = null;
        List<Measurement> points = new ArrayList<>();
        List<SkippedNote> skipped = new ArrayList<>();
        String status = null;
        double wallS = 0;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            Line line = new Line(name + ":" + (i + 1), problems);
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                line.problem("found text that is not JSON at column " + e.getLocation().getColumnNr() + "; expected one JSON object"
                        + " per line");
                continue;
            }
            if (node == null || !node.isObject()) {
                line.problem("found " + shown(node) + "; expected one JSON object per line");
                continue;
            }
            line.node = node;
            String kind = line.text("kind");
            if (kind == null) {
                continue;
            }
            if (identity == null && !kind.equals("identity")) {
                line.problem("kind: found " + Echo.quoted(kind) + " on the first line; expected the identity line (kind \"identity\")");
                return null;
            }
            if (status != null) {
                line.problem("found a line after the end line; expected the end line last");
                continue;
            }
            switch (kind) {
                case "identity" -> {
                    if (identity != null) {
                        line.problem("kind: found a second identity line; expected one, the first line");
                    } else {
                        identity = identity(line);
                        if (identity == null) {
                            return null;
                        }
                    }
                }
                case "plan" -> {
                    // the planned point count, for the progress bar only
                }
                case "skipped" -> skipped.add(new SkippedNote(line.where, line.textOr("benchmark", identity.benchmark()),
                        line.textOr("what", ""), line.textOr("reason", "")));
                case "end" -> {
                    status = line.oneOf("status", List.of("ok", "truncated", "skipped", "failed"));
                    wallS = line.number("wallS", 0, Double.MAX_VALUE);
                }
                default -> {
                    Measurement m = measurement(kind, line);
                    if (m != null) {
                        points.add(m);
                    }
                }
            }
        }
        if (identity == null && problems.size() == before) {
            problems.add(name + ": found an empty file; expected a raw measurement file: the identity line, the"
                    + " measurements and the end line, one JSON object per line");
        } else if (status == null && problems.size() == before) {
            problems.add(name + ": found no end line: the benchmark did not finish (a file copied while it was being"
                    + " written?); expected the end line {\"kind\": \"end\", ...} a finished benchmark writes last");
        }
        if (problems.size() > before) {
            return null;
        }
        return new RawFile(path, identity, points, skipped, status, wallS);
    }

    private static RunIdentity identity(Line l) {
        int before = l.problems.size();
        String format = l.text("format");
        if (format != null && !format.equals(FORMAT)) {
            l.problem("format: found " + Echo.quoted(format) + "; expected " + FORMAT + ", the format this version of fleetsim reads");
            return null;
        }
        String benchmark = l.text("benchmark");
        String host = l.textOr("host", "");
        Instant at = null;
        String when = l.text("measuredAt");
        if (when != null) {
            try {
                at = Instant.parse(when);
            } catch (DateTimeParseException e) {
                l.problem("measuredAt: found " + Echo.quoted(when) + "; expected an ISO-8601 UTC time such as 2026-12-01T10:00:00Z");
            }
        }
        Map<String, String> versions = l.stringMap("versions");
        Map<String, String> missing = l.stringMap("missingLibraries");
        JsonNode devs = l.node.get("devices");
        List<DeviceInfo> devices = new ArrayList<>();
        if (devs == null || !devs.isArray() || devs.isEmpty()) {
            l.problem("devices: found " + shown(devs) + "; expected a non-empty list of devices");
        } else {
            for (int i = 0; i < devs.size(); i++) {
                Line d = l.child(devs.get(i), "devices[" + i + "].");
                devices.add(new DeviceInfo((int) d.integer("index", 0, 1024), d.textOr("name", ""), d.textOr("uuid", ""),
                        d.textOr("pciBusId", ""), d.textOr("computeCapability", "0.0"), (int) d.integer("smCount", 1, 100000),
                        d.optionalInt("smClockMHz"), d.optionalInt("memClockMHz"), d.optionalInt("maxSmClockMHz"),
                        d.integerOr("l2Bytes", 0), d.integerOr("memoryBytes", 0), d.optionalDouble("powerLimitW"),
                        d.optionalInt("nvlinks")));
            }
        }
        Optional<String> synthetic = Optional.ofNullable(l.node.get("synthetic")).map(JsonNode::toString);
        if (benchmark == null || at == null || l.problems.size() > before) {
            return null;
        }
        return new RunIdentity(benchmark, host, at, l.node.path("quick").asBoolean(false), versions, missing, devices, synthetic);
    }

    private static Measurement measurement(String kind, Line l) {
        Measurement m = switch (kind) {
            case "gemm" -> new GemmPoint(l.where, (int) l.integer("device", 0, 1024), l.precision("dtype"),
                    l.integer("m", 1, Long.MAX_VALUE), l.integer("n", 1, Long.MAX_VALUE), l.integer("k", 1, Long.MAX_VALUE),
                    l.micros("timeUs"), l.node.has("accumulation") && l.oneOf("accumulation", GemmPoint.ACCUMULATIONS).equals(GemmPoint.FAST));
            case "attention" -> new AttentionPoint(l.where, (int) l.integer("device", 0, 1024),
                    l.oneOf("impl", List.of(AttentionPoint.FUSED, AttentionPoint.UNFUSED)), l.precision("dtype"),
                    l.integer("batch", 1, Long.MAX_VALUE), l.integer("heads", 1, Long.MAX_VALUE),
                    l.integer("seq", 1, Long.MAX_VALUE), l.integer("headDim", 1, 100000), l.node.path("causal").asBoolean(false),
                    l.micros("timeUs"));
            case "memory" -> new MemoryPoint(l.where, (int) l.integer("device", 0, 1024),
                    l.oneOf("op", List.of("copy", "read", "write", "triad", "memcpy")), l.integer("bytes", 1, Long.MAX_VALUE),
                    l.number("movedBytes", 1, Double.MAX_VALUE), l.micros("timeUs"));
            case "hostcopy" -> new HostCopyPoint(l.where, (int) l.integer("device", 0, 1024),
                    l.oneOf("direction", List.of("h2d", "d2h")), l.oneOf("memory", List.of("pinned", "pageable")),
                    l.integer("bytes", 1, Long.MAX_VALUE), l.micros("timeUs"));
            case "p2p" -> new P2pPoint(l.where, (int) l.integer("src", 0, 1024), (int) l.integer("dst", 0, 1024),
                    l.node.path("peerAccess").asBoolean(false), l.integer("bytes", 1, Long.MAX_VALUE), l.micros("timeUs"));
            case "launch" -> new LaunchPoint(l.where, (int) l.integer("device", 0, 1024), l.textOr("mode", LaunchPoint.BACK_TO_BACK),
                    l.micros("timeUs"));
            case "nccl" -> new CollectivePoint(l.where,
                    l.oneOf("op", List.of("allReduce", "allGather", "reduceScatter", "allToAll", "sendRecv")),
                    l.oneOf("scope", List.of("intraNode", "interNode")), (int) l.integer("ranks", 2, 1 << 20),
                    (int) l.integer("nodes", 1, 1 << 20), l.integer("bytes", 1, Long.MAX_VALUE), l.micros("timeUs"));
            default -> {
                l.problem("kind: found " + Echo.quoted(kind) + "; expected identity, plan, gemm, attention, memory, hostcopy, p2p, launch, nccl, skipped or end");
                yield null;
            }
        };
        return l.failed ? null : m;
    }

    /** One line being read: field accessors that record a problem (with the path) and return a placeholder. */
    private static final class Line {
        final String where;
        final List<String> problems;
        final String prefix;
        JsonNode node;
        boolean failed;

        Line(String where, List<String> problems) {
            this(where, problems, "");
        }

        private Line(String where, List<String> problems, String prefix) {
            this.where = where;
            this.problems = problems;
            this.prefix = prefix;
        }

        Line child(JsonNode n, String childPrefix) {
            Line c = new Line(where, problems, prefix + childPrefix);
            c.node = n;
            return c;
        }

        void problem(String message) {
            failed = true;
            problems.add(where + ": " + prefix + message);
        }

        String text(String key) {
            JsonNode v = node.get(key);
            if (v == null || !v.isTextual()) {
                problem(key + ": found " + shown(v) + "; expected a string");
                return null;
            }
            return v.asText();
        }

        String textOr(String key, String fallback) {
            JsonNode v = node.get(key);
            return v != null && v.isTextual() ? v.asText() : fallback;
        }

        String oneOf(String key, List<String> allowed) {
            String v = text(key);
            if (v != null && !allowed.contains(v)) {
                problem(key + ": found " + Echo.quoted(v) + "; expected " + Suggestions.oneOf(v, allowed));
                return allowed.get(0);
            }
            return v == null ? allowed.get(0) : v;
        }

        Precision precision(String key) {
            String v = text(key);
            if (v == null) {
                return Precision.BF16;
            }
            for (Precision p : Precision.values()) {
                if (p.key().equals(v.toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
            problem(key + ": found " + Echo.quoted(v) + "; expected "
                    + Suggestions.oneOf(v, Arrays.stream(Precision.values()).map(Precision::key).toList()));
            return Precision.BF16;
        }

        long integer(String key, long min, long max) {
            JsonNode v = node.get(key);
            if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
                problem(key + ": found " + shown(v) + (v != null && v.isNumber() ? " (not a whole number)" : "")
                        + "; expected an integer from " + min + " to " + max);
                return Math.max(min, 1);
            }
            long x = v.asLong();
            if (x < min || x > max) {
                problem(key + ": found " + x + "; expected an integer from " + min + " to " + max);
                return Math.max(min, 1);
            }
            return x;
        }

        long integerOr(String key, long fallback) {
            JsonNode v = node.get(key);
            return v != null && v.isIntegralNumber() ? v.asLong() : fallback;
        }

        OptionalInt optionalInt(String key) {
            JsonNode v = node.get(key);
            return v != null && v.isIntegralNumber() ? OptionalInt.of(v.asInt()) : OptionalInt.empty();
        }

        OptionalDouble optionalDouble(String key) {
            JsonNode v = node.get(key);
            return v != null && v.isNumber() ? OptionalDouble.of(v.asDouble()) : OptionalDouble.empty();
        }

        double number(String key, double min, double max) {
            JsonNode v = node.get(key);
            if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
                problem(key + ": found " + shown(v) + "; expected a number");
                return Math.max(min, 1);
            }
            double x = v.asDouble();
            if (x < min || x > max) {
                problem(key + ": found " + x + "; expected a number from " + min + " to " + max);
                return Math.max(min, 1);
            }
            return x;
        }

        /** A time in microseconds (must be positive), returned in seconds. */
        double micros(String key) {
            JsonNode v = node.get(key);
            if (v == null || !v.isNumber() || !(v.asDouble() > 0) || !(v.asDouble() <= MAX_TIME_US)) {
                problem(key + ": found " + shown(v) + "; expected a time in microseconds above 0, at most " + (long) MAX_TIME_US
                        + " (an hour: one benchmark call takes microseconds to seconds)");
                return 1e-6;
            }
            return v.asDouble() * 1e-6;
        }

        Map<String, String> stringMap(String key) {
            Map<String, String> out = new LinkedHashMap<>();
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isObject()) {
                problem(key + ": found " + shown(v) + "; expected an object of strings");
                return out;
            }
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                out.put(e.getKey(), e.getValue().asText());
            }
            return out;
        }
    }

    /** A JSON value as a message shows it: "nothing", or its text escaped and cut. */
    static String shown(JsonNode v) {
        return v == null || v.isMissingNode() ? "nothing" : v.isTextual() ? Echo.quoted(v.asText()) : Echo.plain(v.toString());
    }
}
