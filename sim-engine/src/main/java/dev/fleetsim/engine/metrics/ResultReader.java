package dev.fleetsim.engine.metrics;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads a results folder back: {@code summary.json}, {@code jobs.csv}, {@code timeseries.csv},
 * and, when present, {@code decisions.jsonl} and {@code links.csv}, into the records
 * {@link ResultWriter} wrote them from. The one reader of run folders (the desktop app opening a
 * past run, {@code fleetsim explain}). Times come back at the files' precision (milliseconds);
 * columns are found by name, so a reader of today opens folders with extra columns. A folder
 * without {@code summary.json} is not a complete run and is refused.
 */
public final class ResultReader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private ResultReader() {
    }

    /** What a run folder holds, as records. */
    public record ResultFiles(RunSummary summary, List<JobRecord> jobs, TimeSeriesTable timeseries,
                              List<DecisionRecord> decisions, List<LinkRecord> links) {
        public ResultFiles {
            jobs = List.copyOf(jobs);
            decisions = List.copyOf(decisions);
            links = List.copyOf(links);
        }
    }

    /** Reads every file of the folder a run wrote. */
    public static ResultFiles read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ResultFolderException(dir, Files.exists(dir) ? "a file" : "nothing", "a results folder written by a run");
        }
        Path summary = dir.resolve(ResultWriter.SUMMARY);
        if (!Files.isRegularFile(summary)) {
            throw new ResultFolderException(dir, "no " + ResultWriter.SUMMARY,
                    "a complete results folder (a run writes " + ResultWriter.SUMMARY + " last)");
        }
        Path decisions = dir.resolve(ResultWriter.DECISIONS);
        Path links = dir.resolve(ResultWriter.LINKS);
        return new ResultFiles(summary(summary), jobs(required(dir, ResultWriter.JOBS)),
                timeseries(required(dir, ResultWriter.TIMESERIES)),
                Files.isRegularFile(decisions) ? decisions(decisions) : List.of(),
                Files.isRegularFile(links) ? links(links) : List.of());
    }

    private static Path required(Path dir, String name) throws ResultFolderException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new ResultFolderException(dir, "no " + name, "a complete results folder");
        }
        return file;
    }

    public static RunSummary summary(Path file) throws IOException {
        try {
            RunSummary s = ResultWriter.readSummary(file);
            if (s.counts() == null || s.times() == null || s.utilisation() == null || s.cost() == null) {
                throw new ResultFolderException(file, "a summary without counts, times, utilisation or cost",
                        "the summary a run writes");
            }
            return s;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ResultFolderException(file, "text that is not a run summary (" + e.getOriginalMessage() + ")",
                    "the summary a run writes");
        }
    }

    /**
     * The rows of {@code jobs.csv} as job records; {@code kind} reads as training, the ideal time, interruptions and
     * checkpoint time as 0 when absent (a folder written before they were).
     */
    public static List<JobRecord> jobs(Path file) throws IOException {
        // Row by row: a million-job file is read without holding its text and every cell at once.
        try (java.io.Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Csv.Rows rows = new Csv.Rows(in);
            Table t = new Table(file, header(file, rows.next()), List.of());
            List<JobRecord> out = new ArrayList<>();
            int r = 0;
            for (String[] fields = rows.next(); fields != null; fields = rows.next()) {
                out.add(job(new Row(t, fields, r++)));
            }
            return out;
        }
    }

    private static JobRecord job(Row row) throws ResultFolderException {
        return new JobRecord(row.text("id"), row.textOr("kind", "training"), row.text("tenant"), row.text("state"),
                row.integer("gpus"), row.text("gpu_type"), row.ns("submit_s"), row.optionalNs("start_s"),
                row.optionalNs("end_s"), row.text("placement"), row.longValue("iterations"),
                row.number("iterations_done"), row.numberOr("tokens", 0), row.number("iteration_time_s"), row.numberOr("ideal_iteration_time_s", 0),
                row.number("model_tflops_per_gpu"), row.number("mfu"), row.number("cost_usd"), row.number("energy_kwh"),
                row.integer("preemptions"), row.text("reason"), row.ns("run_s"), row.number("lost_work_s") * 1e9,
                row.ns("restart_s"), (int) row.numberOr("interruptions", 0), row.numberOr("checkpoint_s", 0) * 1e9,
                row.optionalNsOrEmpty("queueing_s"));
    }

    public static TimeSeriesTable timeseries(Path file) throws IOException {
        Table t = table(file);
        double[][] rows = new double[t.rows.size()][];
        for (int r = 0; r < rows.length; r++) {
            Row row = t.row(r);
            rows[r] = new double[t.header.length];
            for (int c = 0; c < t.header.length; c++) {
                rows[r][c] = row.number(t.header[c]);
            }
        }
        return new TimeSeriesTable(List.of(t.header), rows);
    }

    public static List<LinkRecord> links(Path file) throws IOException {
        Table t = table(file);
        List<LinkRecord> out = new ArrayList<>(t.rows.size());
        for (int r = 0; r < t.rows.size(); r++) {
            Row row = t.row(r);
            String name = row.text("name");
            out.add(new LinkRecord(row.integer("link"), name, row.textOr("label", name), row.text("kind"),
                    row.number("capacity_gbytes_per_s") * 1e9, row.number("gbytes") * 1e9, row.number("mean_utilisation"),
                    row.number("peak_utilisation")));
        }
        return out;
    }

    public static List<DecisionRecord> decisions(Path file) throws IOException {
        List<DecisionRecord> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode d;
            try {
                d = JSON.readTree(line);
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new ResultFolderException(file, "text that is not JSON at line " + lineNo,
                        "one decision per line as a run writes it");
            }
            Map<String, Object> details = d.path("details").isObject()
                    ? JSON.convertValue(d.get("details"), DETAILS) : Map.of();
            out.add(new DecisionRecord(d.path("timeNs").asLong(), d.path("jobId").asText(), d.path("outcome").asText(),
                    d.path("reason").asText(), details));
        }
        return out;
    }

    private static Table table(Path file) throws IOException {
        List<String[]> rows = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
        return new Table(file, header(file, rows.isEmpty() ? null : rows.get(0)), rows.subList(Math.min(1, rows.size()), rows.size()));
    }

    private static String[] header(Path file, String[] first) throws ResultFolderException {
        if (first == null) {
            throw new ResultFolderException(file, "an empty file", "a header line and one row per record");
        }
        return first;
    }

    /** A CSV file's rows with its columns by name. */
    private static final class Table {
        final Path file;
        final String[] header;
        final List<String[]> rows;
        final Map<String, Integer> index = new HashMap<>();

        Table(Path file, String[] header, List<String[]> rows) {
            this.file = file;
            this.header = header;
            this.rows = rows;
            for (int i = 0; i < header.length; i++) {
                index.put(header[i], i);
            }
        }

        Row row(int r) {
            return new Row(this, rows.get(r), r);
        }
    }

    /** One row, read by column name; a wrong value names the file, the line and the column. */
    private record Row(Table table, String[] fields, int r) {
        String text(String column) throws ResultFolderException {
            Integer i = table.index.get(column);
            if (i == null) {
                throw new ResultFolderException(table.file, "no column " + column, "the columns a run writes");
            }
            return i < fields.length ? fields[i] : "";
        }

        String textOr(String column, String fallback) throws ResultFolderException {
            return table.index.containsKey(column) ? text(column) : fallback;
        }

        double number(String column) throws ResultFolderException {
            String s = text(column);
            try {
                return s.isEmpty() ? 0 : Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new ResultFolderException(table.file, "\"" + s + "\" in column " + column + " of line " + (r + 2),
                        "a number");
            }
        }

        double numberOr(String column, double fallback) throws ResultFolderException {
            return table.index.containsKey(column) ? number(column) : fallback;
        }

        int integer(String column) throws ResultFolderException {
            return (int) Math.round(number(column));
        }

        long longValue(String column) throws ResultFolderException {
            return Math.round(number(column));
        }

        long ns(String column) throws ResultFolderException {
            return Math.round(number(column) * 1e9);
        }

        /** An optional time of a column older folders lack (they read as without it). */
        OptionalLong optionalNsOrEmpty(String column) throws ResultFolderException {
            return table.index.containsKey(column) ? optionalNs(column) : OptionalLong.empty();
        }

        OptionalLong optionalNs(String column) throws ResultFolderException {
            return text(column).isEmpty() ? OptionalLong.empty() : OptionalLong.of(ns(column));
        }
    }
}
