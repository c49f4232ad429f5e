package dev.fleetsim.engine.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a run folder's serving files back into each deployment's {@link ServiceResult}: its
 * summary (from {@code summary.json}), its series ({@code serving.csv}), the request records kept
 * ({@code requests.csv}) and its latency CDFs ({@code latency-cdf.csv}, the points the run drew
 * from its histograms). A folder written before {@code latency-cdf.csv} existed gets the CDFs
 * of its request records (every request up to {@code sampleRequests}, a seeded sample beyond;
 * no inter-token gaps). Times come back at the files' precision (microseconds). A folder
 * without {@code serving.csv} has no serving results to show.
 */
public final class ServingReader {
    /** Points of a CDF made from request records, as many as the run's own. */
    private static final int CDF_POINTS = 200;

    private ServingReader() {
    }

    public static List<ServiceResult> read(Path dir, List<ServiceSummary> summaries) throws IOException {
        Path seriesFile = dir.resolve(ServingCsv.SERIES);
        if (summaries.isEmpty() || !Files.isRegularFile(seriesFile)) {
            return List.of();
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>();
        for (Row r : rows(seriesFile)) {
            if (columns.isEmpty()) {
                columns.addAll(Arrays.asList(r.header).subList(1, r.header.length));
            }
            double[] values = new double[columns.size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = r.number(c + 1, Double.NaN);
            }
            series.computeIfAbsent(r.text(0), k -> new ArrayList<>()).add(values);
        }
        Map<String, List<RequestRecord>> requests = new HashMap<>();
        Path requestsFile = dir.resolve(ServingCsv.REQUESTS);
        if (Files.isRegularFile(requestsFile)) {
            for (Row r : rows(requestsFile)) {
                requests.computeIfAbsent(r.text("service"), k -> new ArrayList<>()).add(new RequestRecord(r.text("service"),
                        r.whole("id"), r.text("replica"), r.ns("arrival_s"), r.ns("scheduled_s"), r.ns("first_token_s"),
                        r.ns("end_s"), (int) r.whole("prompt_tokens"), (int) r.whole("output_tokens"),
                        (int) r.whole("cached_tokens"), (int) r.whole("preemptions"), Boolean.parseBoolean(r.text("slo_met"))));
            }
        }
        Map<String, List<double[]>> cdfs = new HashMap<>();
        Path latencyFile = dir.resolve(ServingCsv.LATENCY);
        boolean drawn = Files.isRegularFile(latencyFile);
        if (drawn) {
            for (Row r : rows(latencyFile)) {
                cdfs.computeIfAbsent(r.text("service") + "/" + r.text("latency"), k -> new ArrayList<>())
                        .add(new double[] {r.number("seconds"), r.number("fraction")});
            }
        }
        List<ServiceResult> out = new ArrayList<>();
        for (ServiceSummary s : summaries) {
            String n = s.name();
            List<RequestRecord> kept = requests.getOrDefault(n, List.of());
            TimeSeriesTable table = new TimeSeriesTable(columns, series.getOrDefault(n, List.of()).toArray(new double[0][]));
            double[][][] c = new double[4][][];
            for (int k = 0; k < 4; k++) {
                c[k] = drawn ? cdfs.getOrDefault(n + "/" + ServingCsv.LATENCIES.get(k), List.of()).toArray(new double[0][])
                        : k == 3 ? new double[0][] : cdf(kept, k);
            }
            out.add(new ServiceResult(s, table, kept, s.requests().finished(), c[0], c[1], c[2], c[3]));
        }
        return out;
    }

    /** The empirical CDF of the records' TTFT (0), TPOT (1) or E2E (2), at most {@value #CDF_POINTS} points. */
    static double[][] cdf(List<RequestRecord> records, int latency) {
        double[] v = new double[records.size()];
        for (int i = 0; i < v.length; i++) {
            RequestRecord r = records.get(i);
            v[i] = (latency == 0 ? r.ttftNs() : latency == 1 ? r.tpotNs() : r.e2eNs()) / 1e9;
        }
        Arrays.sort(v);
        List<double[]> out = new ArrayList<>();
        double next = 1.0 / CDF_POINTS;
        for (int i = 0; i < v.length; i++) {
            double fraction = (i + 1.0) / v.length;
            boolean lastOfValue = i + 1 == v.length || v[i + 1] > v[i];
            if (lastOfValue && (fraction >= next || i + 1 == v.length)) {
                out.add(new double[] {v[i], fraction});
                while (next <= fraction) {
                    next += 1.0 / CDF_POINTS;
                }
            }
        }
        return out.toArray(new double[0][]);
    }

    private static List<Row> rows(Path file) throws IOException {
        List<String[]> all = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
        if (all.isEmpty()) {
            throw new ResultFolderException(file, "an empty file", "a header line and one row per record");
        }
        String[] header = all.get(0);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            index.put(header[i], i);
        }
        List<Row> out = new ArrayList<>(all.size() - 1);
        for (int r = 1; r < all.size(); r++) {
            out.add(new Row(file, header, index, all.get(r), r + 1));
        }
        return out;
    }

    /** One row, read by column; a wrong value names the file, the line and the column. */
    private record Row(Path file, String[] header, Map<String, Integer> index, String[] fields, int line) {
        String text(int i) {
            return i < fields.length ? fields[i] : "";
        }

        String text(String column) throws ResultFolderException {
            Integer i = index.get(column);
            if (i == null) {
                throw new ResultFolderException(file, "no column " + column, "the columns a run writes");
            }
            return text(i);
        }

        double number(int i, double empty) throws ResultFolderException {
            String s = text(i);
            try {
                return s.isEmpty() ? empty : Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new ResultFolderException(file, "\"" + s + "\" in column " + header[i] + " of line " + line, "a number");
            }
        }

        double number(String column) throws ResultFolderException {
            text(column);
            return number(index.get(column), 0);
        }

        long whole(String column) throws ResultFolderException {
            return Math.round(number(column));
        }

        long ns(String column) throws ResultFolderException {
            return Math.round(number(column) * 1e9);
        }
    }
}
