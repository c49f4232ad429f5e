package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.scenario.ServiceKeys.Lengths;
import dev.fleetsim.engine.scenario.ServiceKeys.Trace;
import dev.fleetsim.engine.workload.serving.ArrivalSpec;
import dev.fleetsim.engine.workload.serving.LengthDistribution;
import dev.fleetsim.engine.workload.serving.LengthSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files a request stream names, read at validation so that a bad row is reported (with its
 * line) before anything runs: a trace (CSV: {@code timestamp,input_tokens,output_tokens}, then
 * any columns; timestamps in seconds, non-decreasing) and an empirical length distribution (CSV:
 * {@code tokens[,weight]}). A trace is only checked and counted here (a run streams it again);
 * an empirical distribution is kept in the spec.
 */
final class RequestFiles {
    static final List<String> TRACE_COLUMNS = List.of("timestamp", "input_tokens", "output_tokens");
    private static final int MAX_ROW_PROBLEMS = 5;

    private RequestFiles() {
    }

    /** {@code requests.trace}: the file checked row by row; null (reported) when it is missing or bad. */
    static ArrivalSpec.TraceFileSpec trace(Cursor c, Path baseDir, int maxTokens) {
        int mark = c.mark();
        if (!c.present()) {
            c.problem("nothing", "a trace {file, speedup} with arrival: trace");
            return null;
        }
        if (!c.map(Trace.SECTION)) {
            return null;
        }
        String name = Trace.FILE.read(c);
        Double speedup = Trace.SPEEDUP.read(c);
        if (!c.cleanSince(mark)) {
            return null;
        }
        Cursor at = Trace.FILE.at(c);
        Path file = resolve(at, baseDir, name);
        if (file == null) {
            return null;
        }
        long rows = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        int bad = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            List<String> columns = header == null ? List.of() : split(header);
            if (columns.size() < 3 || !columns.subList(0, 3).equals(TRACE_COLUMNS)) {
                at.problem(at.found() + " (header " + (header == null ? "missing" : "\"" + shortened(header) + "\"") + ")",
                        "a CSV whose header starts with " + String.join(",", TRACE_COLUMNS));
                return null;
            }
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String problem = traceRow(split(line), last, maxTokens);
                if (problem != null) {
                    if (bad++ < MAX_ROW_PROBLEMS) {
                        at.problem(at.found() + " line " + lineNo + ": \"" + shortened(line) + "\"", problem);
                    }
                    continue;
                }
                double ts = Double.parseDouble(split(line).get(0));
                if (Double.isNaN(first)) {
                    first = ts;
                }
                last = ts;
                rows++;
            }
        } catch (IOException e) {
            String why = Files.exists(file) ? "unreadable: " + e.getMessage() : "no file at " + Echo.plain(file.toString());
            at.problem(at.found() + " (" + why + ")", "a readable UTF-8 CSV file, relative to the scenario file");
            return null;
        }
        if (bad > MAX_ROW_PROBLEMS) {
            at.problem(at.found() + ": " + (bad - MAX_ROW_PROBLEMS) + " more bad rows", "rows as above");
        }
        if (rows == 0 && bad == 0) {
            at.problem(at.found() + " (no rows)", "a trace with at least one request");
        }
        return c.cleanSince(mark) ? new ArrivalSpec.TraceFileSpec(file, rows, last - first, speedup) : null;
    }

    private static String traceRow(List<String> cells, double previous, int maxTokens) {
        if (cells.size() < 3) {
            return "three values: timestamp (s), input_tokens, output_tokens";
        }
        double ts;
        long in;
        long out;
        try {
            ts = Double.parseDouble(cells.get(0));
            in = Long.parseLong(cells.get(1));
            out = Long.parseLong(cells.get(2));
        } catch (NumberFormatException e) {
            return "a timestamp in seconds and two whole token counts";
        }
        if (!Double.isFinite(ts) || ts < 0) {
            return "a timestamp of 0 s or more";
        }
        if (!Double.isNaN(previous) && ts < previous) {
            return "timestamps in order (this one is before the row above's " + previous + " s)";
        }
        if (in < 1 || out < 1) {
            return "at least one input and one output token";
        }
        if (in + out > maxTokens) {
            return "input + output within the context length (" + maxTokens + " tokens)";
        }
        return null;
    }

    /** {@code requests.input} / {@code output}: a number, or a distribution map; null (reported) when bad. */
    static LengthSpec lengths(Cursor c, Path baseDir, int maxTokens) {
        if (!c.present()) {
            c.problem("nothing", "a token count or a distribution " + Lengths.SECTION.braced());
            return null;
        }
        if (c.node().isNumber()) {
            Long n = c.integer(1, Math.max(1, maxTokens));
            return n == null ? null : LengthSpec.fixed(n.intValue());
        }
        int mark = c.mark();
        if (!c.map(Lengths.SECTION)) {
            return null;
        }
        LengthDistribution kind = Lengths.DISTRIBUTION.read(c);
        Double mean = Lengths.MEAN.read(c);
        Double cv = Lengths.CV.read(c);
        Integer min = Lengths.MIN.read(c);
        Integer max = Lengths.MAX.read(c, Math.max(1, maxTokens));
        String file = Lengths.FILE.read(c);
        if (!c.cleanSince(mark)) {
            return null;
        }
        if (max < min) {
            Lengths.MAX.at(c).problem(Lengths.MAX.at(c).found(), "at least min (" + min + ")");
            return null;
        }
        if (max > maxTokens) {
            Lengths.MAX.at(c).problem(Lengths.MAX.at(c).present() ? Lengths.MAX.at(c).found() : max + "",
                    "at most " + maxTokens + " tokens: what the context length leaves");
            return null;
        }
        switch (kind) {
            case FIXED:
                if (mean == null) {
                    Lengths.MEAN.at(c).problem("nothing", "the fixed length");
                    return null;
                }
                return LengthSpec.fixed((int) Math.max(1, Math.min(maxTokens, Math.round(mean))));
            case UNIFORM:
                return LengthSpec.uniform(min, max);
            case LOGNORMAL:
                if (mean == null || mean < min || mean > max) {
                    Lengths.MEAN.at(c).problem(Lengths.MEAN.at(c).found(), "a mean between min and max (" + min + ", "
                            + max + ")");
                    return null;
                }
                return LengthSpec.lognormal(mean, cv, min, max);
            default:
                if (file == null) {
                    Lengths.FILE.at(c).problem("nothing", "a CSV file of lengths for an empirical distribution");
                    return null;
                }
                Path path = resolve(Lengths.FILE.at(c), baseDir, file);
                return path == null ? null : empirical(Lengths.FILE.at(c), path, maxTokens);
        }
    }

    private static LengthSpec empirical(Cursor at, Path file, int maxTokens) {
        List<Integer> values = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                List<String> cells = split(line);
                if (line.isBlank() || lineNo == 1 && cells.get(0).equals("tokens")) {
                    continue;
                }
                try {
                    int v = Integer.parseInt(cells.get(0));
                    double w = cells.size() > 1 ? Double.parseDouble(cells.get(1)) : 1;
                    if (v < 1 || v > maxTokens || !(w >= 0) || Double.isInfinite(w)) {
                        throw new NumberFormatException();
                    }
                    values.add(v);
                    weights.add(w);
                } catch (NumberFormatException e) {
                    at.problem(at.found() + " line " + lineNo + ": \"" + shortened(line) + "\"", "tokens from 1 to "
                            + maxTokens + " and an optional weight >= 0");
                    return null;
                }
            }
        } catch (IOException e) {
            String why = Files.exists(file) ? "unreadable" : "no file at " + Echo.plain(file.toString());
            at.problem(at.found() + " (" + why + ")",
                    "a readable CSV file of lengths, relative to the scenario file");
            return null;
        }
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        if (values.isEmpty() || !(total > 0)) {
            at.problem(at.found() + " (no weighted values)", "at least one length with a positive weight");
            return null;
        }
        return LengthSpec.empirical(file, values.stream().mapToInt(Integer::intValue).toArray(),
                weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The file {@code name} names, or null (reported at {@code at}) when no path can hold it (a NUL in it). */
    private static Path resolve(Cursor at, Path baseDir, String name) {
        try {
            Path p = Path.of(name);
            return (p.isAbsolute() ? p : baseDir.resolve(p)).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            at.problem(at.found(), "a file path (this one holds a character no path may hold)");
            return null;
        }
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        for (String s : line.split(",", -1)) {
            out.add(s.trim().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static String shortened(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
