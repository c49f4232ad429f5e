package dev.fleetsim.engine.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.kernel.Beside;

import dev.fleetsim.engine.workload.JobKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * Writes a run's files: {@code jobs.csv}, {@code timeseries.csv}, the resolved scenario, any
 * extra files (charts), and {@code summary.json} last, each atomically, into a fresh folder that
 * {@link ResultFolder} swaps into place, so a folder with a summary is a complete run and no file
 * of an older run survives beside it.
 * Numbers are formatted with fixed precision as {@code %.Nf} in {@link Locale#ROOT} writes them
 * ({@link Decimals}): same run, same bytes.
 */
public final class ResultWriter {
    public static final String SUMMARY = "summary.json";
    public static final String JOBS = "jobs.csv";
    public static final String TIMESERIES = "timeseries.csv";
    public static final String SCENARIO = "scenario.yaml";
    public static final String DECISIONS = "decisions.jsonl";
    public static final String LINKS = "links.csv";

    private static final String JOBS_HEADER = "id,tenant,state,gpus,gpu_type,submit_s,start_s,end_s,wait_s,queueing_s,jct_s,"
            + "slowdown,iterations,iterations_done,tokens,iteration_time_s,ideal_iteration_time_s,model_tflops_per_gpu,mfu,"
            + "cost_usd,energy_kwh,preemptions,run_s,lost_work_s,restart_s,interruptions,checkpoint_s,goodput,placement,reason";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ResultWriter() {
    }

    /**
     * Writes the run's files into {@code dir}, a fresh folder ({@link ResultFolder} swaps it into place).
     *
     * @param extras further files by name (charts), written before the summary
     * @param cancelled polled between files: when it turns true, writing stops with {@link ResultFolder.Cancelled}
     */
    public static void write(Path dir, RunSummary summary, List<JobRecord> jobs, TimeSeriesTable series,
                             List<DecisionRecord> decisions, String resolvedScenarioYaml,
                             Map<String, AtomicFiles.Content> extras, BooleanSupplier cancelled) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(SUMMARY));
        Map<String, AtomicFiles.Content> files = files(summary, jobs, series, decisions, resolvedScenarioYaml, extras);
        int plain = files.size() - extras.size() - 1;
        int n = 0;
        for (Map.Entry<String, AtomicFiles.Content> e : files.entrySet()) {
            // Polled before each extra (a chart can be slow) and before the summary, which marks the run complete.
            if (n++ >= plain && cancelled.getAsBoolean()) {
                throw new ResultFolder.Cancelled();
            }
            AtomicFiles.write(dir.resolve(e.getKey()), e.getValue());
        }
    }

    /**
     * The run's files by name, in the order {@link #write} writes them: {@code jobs.csv},
     * {@code timeseries.csv}, the scenario, {@code decisions.jsonl} (when there are decisions), the
     * extras, and {@code summary.json} last. Each content is produced when it is written, so a caller
     * that writes the files one by one never holds more than one of them.
     */
    public static Map<String, AtomicFiles.Content> files(RunSummary summary, List<JobRecord> jobs, TimeSeriesTable series,
                                                         List<DecisionRecord> decisions, String resolvedScenarioYaml,
                                                         Map<String, AtomicFiles.Content> extras) {
        Map<String, AtomicFiles.Content> files = new LinkedHashMap<>();
        files.put(JOBS, out -> writeJobsCsv(out, jobs));
        files.put(TIMESERIES, text(() -> timeseriesCsv(series)));
        files.put(SCENARIO, text(() -> resolvedScenarioYaml));
        if (!decisions.isEmpty()) {
            files.put(DECISIONS, text(() -> decisionsJsonl(decisions)));
        }
        files.putAll(extras);
        files.put(SUMMARY, text(() -> summaryJson(summary)));
        return Collections.unmodifiableMap(files);
    }

    /** Text made when it is written. */
    @FunctionalInterface
    private interface Text {
        String get() throws IOException;
    }

    private static AtomicFiles.Content text(Text text) {
        return out -> out.write(text.get().getBytes(StandardCharsets.UTF_8));
    }

    public static String summaryJson(RunSummary summary) throws IOException {
        ObjectNode root = JSON.valueToTree(summary);
        return JSON.writeValueAsString(root) + "\n";
    }

    /** A summary as {@link #summaryJson} wrote it; a file of another shape (an older version's) is an IOException. */
    public static RunSummary readSummary(Path file) throws IOException {
        return JSON.readValue(Files.readString(file, java.nio.charset.StandardCharsets.UTF_8), RunSummary.class);
    }

    /** One JSON object per line: time, job, outcome, reason and details of each explained decision. */
    public static String decisionsJsonl(List<DecisionRecord> decisions) throws IOException {
        ObjectMapper compact = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        StringBuilder sb = new StringBuilder();
        for (DecisionRecord d : decisions) {
            sb.append(compact.writeValueAsString(d)).append('\n');
        }
        return sb.toString();
    }

    public static String jobsCsv(List<JobRecord> records) {
        List<JobRecord> jobs = records instanceof java.util.RandomAccess ? records : List.copyOf(records);
        boolean kinds = mixedKinds(jobs);
        return rows(header(new StringBuilder(128 * (jobs.size() + 1)), kinds), jobs, 0, jobs.size(), kinds).toString();
    }

    /**
     * Whether the rows say each job's kind: only a run with serving replicas has a {@code kind} column
     * (last), so its replicas read as replicas, while a training run's file is what it always was.
     */
    private static boolean mixedKinds(List<JobRecord> jobs) {
        for (JobRecord r : jobs) {
            if (!JobKind.TRAINING.key().equals(r.kind())) {
                return true;
            }
        }
        return false;
    }

    private static StringBuilder header(StringBuilder sb, boolean kinds) {
        return sb.append(JOBS_HEADER).append(kinds ? ",kind\n" : "\n");
    }

    /**
     * {@link #jobsCsv} into {@code out}, the same bytes: on a large run the second half of the rows
     * is formatted on a helper thread while this one formats and writes the first ({@link Beside}).
     */
    static void writeJobsCsv(OutputStream out, List<JobRecord> records) throws IOException {
        List<JobRecord> jobs = records instanceof java.util.RandomAccess ? records : List.copyOf(records);
        int n = jobs.size();
        int half = n / 2;
        boolean kinds = mixedKinds(jobs);
        Beside<byte[]> tail = Beside.of(n, () -> rows(new StringBuilder(128 * (n - half)), jobs, half, n, kinds)
                .toString().getBytes(StandardCharsets.UTF_8));
        out.write(rows(header(new StringBuilder(128 * (half + 1)), kinds), jobs, 0, half, kinds)
                .toString().getBytes(StandardCharsets.UTF_8));
        out.write(tail.join());
    }

    /** Rows {@code from} to {@code to} (exclusive) of a random-access list. */
    private static StringBuilder rows(StringBuilder sb, List<JobRecord> jobs, int from, int to, boolean kinds) {
        for (int i = from; i < to; i++) {
            jobRow(sb, jobs.get(i), kinds);
        }
        return sb;
    }

    /**
     * One row of {@code jobs.csv}, numbers appended in place ({@link Decimals#append}); a method of
     * its own so that the JIT compiles it after a few hundred rows instead of replacing a long loop
     * on the stack after tens of thousands.
     */
    private static void jobRow(StringBuilder sb, JobRecord r, boolean kinds) {
        sb.append(csv(r.id())).append(',').append(csv(r.tenant())).append(',').append(r.state()).append(',')
                .append(r.gpus()).append(',').append(csv(r.gpuType())).append(',');
        seconds(sb, r.submitNs()).append(',');
        seconds(sb, r.startNs()).append(',');
        seconds(sb, r.endNs()).append(',');
        seconds(sb, r.waitNs()).append(',');
        seconds(sb, r.queueingNs()).append(',');
        seconds(sb, r.jctNs()).append(',');
        OptionalDouble slowdown = r.slowdown();
        if (slowdown.isPresent()) {
            Decimals.append(sb, slowdown.getAsDouble(), 4);
        }
        sb.append(',').append(r.iterations()).append(',');
        Decimals.append(sb, r.iterationsDone(), 1).append(',');
        Decimals.append(sb, r.tokens(), 0).append(',');
        Decimals.append(sb, r.iterationTimeS(), 6).append(',');
        Decimals.append(sb, r.idealIterationTimeS(), 6).append(',');
        Decimals.append(sb, r.modelTflopsPerGpu(), 2).append(',');
        Decimals.append(sb, r.mfu(), 4).append(',');
        Decimals.append(sb, r.costUsd(), 4).append(',');
        Decimals.append(sb, r.energyKWh(), 4).append(',').append(r.preemptions()).append(',');
        seconds(sb, r.runNs()).append(',');
        Decimals.append(sb, r.lostWorkNs() / 1e9, 3).append(',');
        seconds(sb, r.restartNs()).append(',').append(r.interruptions()).append(',');
        Decimals.append(sb, r.checkpointNs() / 1e9, 3).append(',');
        OptionalDouble goodput = r.goodput();
        if (goodput.isPresent()) {
            Decimals.append(sb, goodput.getAsDouble(), 4);
        }
        sb.append(',').append(csv(r.placement())).append(',').append(csv(r.reason()));
        if (kinds) {
            sb.append(',').append(r.kind());
        }
        sb.append('\n');
    }

    /** One row per link that carried traffic: what it connects, capacity, bytes, mean and peak utilisation. */
    public static String linksCsv(List<LinkRecord> links) {
        StringBuilder sb = new StringBuilder(96 * (links.size() + 1));
        sb.append("link,label,name,kind,capacity_gbytes_per_s,gbytes,mean_utilisation,peak_utilisation\n");
        for (LinkRecord l : links) {
            sb.append(l.link()).append(',').append(csv(l.label())).append(',').append(csv(l.name())).append(',').append(l.kind()).append(',')
                    .append(fmt(l.capacityBytesPerS() / 1e9, 3)).append(',').append(fmt(l.bytes() / 1e9, 3))
                    .append(',').append(fmt(l.meanUtilisation(), 6)).append(',')
                    .append(fmt(l.peakUtilisation(), 6)).append('\n');
        }
        return sb.toString();
    }

    public static String timeseriesCsv(TimeSeriesTable t) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", t.columns())).append('\n');
        for (double[] row : t.rows()) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                Decimals.append(sb, row[i], 3);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static StringBuilder seconds(StringBuilder sb, long ns) {
        return Decimals.append(sb, ns / 1e9, 3);
    }

    private static StringBuilder seconds(StringBuilder sb, OptionalLong ns) {
        return ns.isPresent() ? seconds(sb, ns.getAsLong()) : sb;
    }

    private static String fmt(double v, int decimals) {
        return Decimals.format(v, decimals);
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
