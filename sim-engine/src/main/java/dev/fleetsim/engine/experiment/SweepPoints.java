package dev.fleetsim.engine.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.metrics.ResultFolder;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.AxisSpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One point of a sweep as a pure function of the point to its files: the point's scenario is run
 * and its folder {@code points/<id>/} written whole ({@link ResultFolder}: a fresh sibling swapped
 * in, {@code summary.json} last): {@code point.json} (its id, values and fingerprint),
 * {@code scenario.yaml}, {@code summary.json}, and with {@code fullOutputs} the run's
 * {@code jobs.csv}, {@code timeseries.csv}, {@code links.csv} and {@code decisions.jsonl}. A
 * folder already holding the point's fingerprint and a readable summary is the point's result:
 * it is read, not run again. Nothing here depends on other points or on the order they run in,
 * which is what lets a Spark job run the same points as tasks and write the same files.
 */
public final class SweepPoints {
    public static final String POINTS = "points";
    public static final String POINT = "point.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** How a point's scenario is run: the façade's own run. */
    @FunctionalInterface
    public interface Runner {
        RunResult run(ScenarioSpec scenario, SimulationObserver observer);
    }

    /** A point's summary, and whether it was read from an earlier sweep's folder rather than run. */
    public record Outcome(RunSummary summary, boolean reused) {
    }

    private SweepPoints() {
    }

    /** The folder of a point under a sweep's folder. */
    public static Path folder(Path sweepDir, Point p) {
        return sweepDir.resolve(POINTS).resolve(p.id());
    }

    /**
     * The point's result: read from {@code sweepDir/points/<id>/} when its fingerprint is there, else
     * run with {@code observer} and written there.
     */
    public static Outcome compute(ExperimentPlan plan, Point p, Path sweepDir, Runner runner, SimulationObserver observer)
            throws IOException {
        return compute(plan, p, sweepDir, runner, observer, SweepPoints::write);
    }

    /** Where a point's folder is written: now, or handed to a writer thread ({@link FolderWriter}). */
    @FunctionalInterface
    interface FolderWrites {
        void write(Path dir, Map<String, AtomicFiles.Content> files) throws IOException;
    }

    /** {@link #compute}, the folder's write handed to {@code writes}. */
    static Outcome compute(ExperimentPlan plan, Point p, Path sweepDir, Runner runner, SimulationObserver observer,
                           FolderWrites writes) throws IOException {
        Path dir = folder(sweepDir, p);
        String yaml = plan.scenarioYaml(p);
        String fingerprint = plan.fingerprint(yaml);
        RunSummary done = finished(dir, fingerprint);
        if (done != null) {
            return new Outcome(done, true);
        }
        RunResult result = runner.run(plan.scenario(p), observer);
        writes.write(dir, files(plan, p, result, yaml, fingerprint));
        return new Outcome(result.summary(), false);
    }

    /**
     * The point's summary when {@code sweepDir} already holds its finished folder (its fingerprint and a
     * readable summary), else empty: the point must run. What {@link #compute} checks first; a runner
     * that runs points elsewhere (a Spark job) asks it to leave finished points out.
     */
    public static Optional<RunSummary> finished(ExperimentPlan plan, Point p, Path sweepDir) {
        return Optional.ofNullable(finished(folder(sweepDir, p), plan.fingerprint(p)));
    }

    /**
     * Runs the point and returns its folder's files as bytes, by name in the order {@link #compute}
     * writes them ({@code summary.json} last), without touching the disk: the same bytes
     * {@code compute} writes, for a runner whose points run on other machines and whose files are
     * written by one process ({@link #write(Path, Point, Map)}).
     */
    public static Map<String, byte[]> render(ExperimentPlan plan, Point p, Runner runner, SimulationObserver observer)
            throws IOException {
        String yaml = plan.scenarioYaml(p);
        RunResult result = runner.run(plan.scenario(p), observer);
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, AtomicFiles.Content> e : files(plan, p, result, yaml, plan.fingerprint(yaml)).entrySet()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            e.getValue().writeTo(bytes);
            out.put(e.getKey(), bytes.toByteArray());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Writes a point's files ({@link #render}'s) as its folder under {@code sweepDir}, whole: into a
     * fresh sibling swapped into place, in the given order.
     */
    public static void write(Path sweepDir, Point p, Map<String, byte[]> files) throws IOException {
        Map<String, AtomicFiles.Content> contents = new LinkedHashMap<>();
        files.forEach((name, bytes) -> contents.put(name, out -> out.write(bytes)));
        write(folder(sweepDir, p), contents);
    }

    static void write(Path dir, Map<String, AtomicFiles.Content> files) throws IOException {
        ResultFolder.replace(dir, into -> {
            for (Map.Entry<String, AtomicFiles.Content> e : files.entrySet()) {
                AtomicFiles.write(into.resolve(e.getKey()), e.getValue());
            }
        }, () -> false);
    }

    /** The files of a point's folder by name, in the order they are written: {@code point.json} first, the summary last. */
    private static Map<String, AtomicFiles.Content> files(ExperimentPlan plan, Point p, RunResult result, String yaml,
                                                          String fingerprint) throws IOException {
        String pointJson = pointJson(plan, p, fingerprint);
        Map<String, AtomicFiles.Content> files = new LinkedHashMap<>();
        files.put(POINT, out -> out.write(pointJson.getBytes(StandardCharsets.UTF_8)));
        if (plan.spec().fullOutputs()) {
            Map<String, AtomicFiles.Content> extras = new LinkedHashMap<>();
            if (!result.links().isEmpty()) {
                byte[] links = ResultWriter.linksCsv(result.links()).getBytes(StandardCharsets.UTF_8);
                extras.put(ResultWriter.LINKS, out -> out.write(links));
            }
            files.putAll(ResultWriter.files(result.summary(), result.jobs(), result.timeseries(), result.decisions(), yaml,
                    extras));
        } else {
            byte[] scenario = yaml.getBytes(StandardCharsets.UTF_8);
            files.put(ResultWriter.SCENARIO, out -> out.write(scenario));
            String summary = ResultWriter.summaryJson(result.summary());
            files.put(ResultWriter.SUMMARY, out -> out.write(summary.getBytes(StandardCharsets.UTF_8)));
        }
        return files;
    }

    /** The summary in {@code dir} when its {@code point.json} has this fingerprint; null when the point must run. */
    static RunSummary finished(Path dir, String fingerprint) {
        Path summary = dir.resolve(ResultWriter.SUMMARY);
        Path point = dir.resolve(POINT);
        if (!Files.isRegularFile(summary) || !Files.isRegularFile(point)) {
            return null;
        }
        try {
            JsonNode p = JSON.readTree(Files.readString(point, StandardCharsets.UTF_8));
            if (!fingerprint.equals(p.path("fingerprint").asText())) {
                return null;
            }
            return ResultWriter.readSummary(summary);
        } catch (IOException | RuntimeException e) {
            // A damaged or older folder is not an error: the point runs again and replaces it.
            return null;
        }
    }

    static String pointJson(ExperimentPlan plan, Point p, String fingerprint) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", p.id());
        root.put("index", p.index());
        ObjectNode values = root.putObject("values");
        List<String> names = plan.axisNames();
        List<AxisSpec> axes = plan.spec().axes();
        for (int a = 0; a < axes.size(); a++) {
            values.set(names.get(a), TreePaths.node(p.values().get(a)));
        }
        root.put("fingerprint", fingerprint);
        return JSON.writeValueAsString(root) + "\n";
    }
}
