package dev.fleetsim.engine;

import dev.fleetsim.engine.compare.ComparisonCsv;
import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.experiment.SweepCsv;
import dev.fleetsim.engine.experiment.SweepJson;
import dev.fleetsim.engine.experiment.SweepResult;
import dev.fleetsim.engine.experiment.Sweeps;
import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.metrics.ResultFolder;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.metrics.ServingCsv;
import dev.fleetsim.engine.metrics.SummaryMetric;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.ScenarioWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * How the façade lays out its results folders: a run's, a comparison's (each written whole by
 * {@link ResultFolder}) and a sweep's own files beside its points. {@link Fleetsim}'s
 * {@code write*} calls are the public face; this keeps the assembly in one place.
 */
final class ResultFolders {
    private ResultFolders() {
    }

    /** A run's folder; {@code artifacts} empty = no charts. */
    static List<String> run(RunResult result, Path dir, List<ResultArtifacts> artifacts, ScenarioWriter writer,
                            BooleanSupplier cancelled) throws IOException {
        Map<String, AtomicFiles.Content> extras = new LinkedHashMap<>();
        for (ResultArtifacts a : artifacts) {
            extras.putAll(a.forRun(result));
        }
        if (!result.links().isEmpty()) {
            byte[] links = ResultWriter.linksCsv(result.links()).getBytes(StandardCharsets.UTF_8);
            extras.put(ResultWriter.LINKS, out -> out.write(links));
        }
        if (!result.services().isEmpty()) {
            byte[] requests = ServingCsv.requests(result.services()).getBytes(StandardCharsets.UTF_8);
            byte[] series = ServingCsv.series(result.services()).getBytes(StandardCharsets.UTF_8);
            extras.put(ServingCsv.REQUESTS, out -> out.write(requests));
            extras.put(ServingCsv.SERIES, out -> out.write(series));
        }
        String scenarioYaml = writer.write(result.scenario());
        ResultFolder.replace(dir, into -> ResultWriter.write(into, result.summary(), result.jobs(), result.timeseries(),
                result.decisions(), scenarioYaml, extras, cancelled), cancelled);
        List<String> names = new ArrayList<>(List.of(ResultWriter.SUMMARY, ResultWriter.JOBS, ResultWriter.TIMESERIES,
                ResultWriter.SCENARIO));
        if (!result.decisions().isEmpty()) {
            names.add(ResultWriter.DECISIONS);
        }
        names.addAll(extras.keySet());
        return names;
    }

    /** A comparison's folder. */
    static List<String> comparison(ComparisonResult result, Path dir, List<ResultArtifacts> artifacts,
                                   BooleanSupplier cancelled) throws IOException {
        List<String> names = new ArrayList<>(List.of(ComparisonCsv.RUNS, ComparisonCsv.SUMMARY, ComparisonCsv.TENANTS,
                ComparisonCsv.POLICIES));
        Map<String, AtomicFiles.Content> charts = new LinkedHashMap<>();
        for (ResultArtifacts a : artifacts) {
            charts.putAll(a.forComparison(result));
        }
        names.addAll(charts.keySet());
        ResultFolder.replace(dir, into -> {
            AtomicFiles.writeString(into.resolve(ComparisonCsv.RUNS), ComparisonCsv.runs(result));
            AtomicFiles.writeString(into.resolve(ComparisonCsv.SUMMARY), ComparisonCsv.summary(result));
            AtomicFiles.writeString(into.resolve(ComparisonCsv.TENANTS), ComparisonCsv.tenants(result));
            AtomicFiles.writeString(into.resolve(ComparisonCsv.POLICIES), ComparisonCsv.policies(result));
            writeAll(into, charts, cancelled);
        }, cancelled);
        return names;
    }

    /** A sweep's own files beside its points, {@code sweep.json} last. */
    static List<String> sweep(SweepResult result, Path dir, List<ResultArtifacts> artifacts, BooleanSupplier cancelled)
            throws IOException {
        List<String> names = new ArrayList<>(List.of(SweepCsv.POINTS, SweepCsv.SUMMARY));
        result.estimateAll(SummaryMetric.ALL);
        AtomicFiles.writeString(dir.resolve(SweepCsv.POINTS), SweepCsv.points(result));
        AtomicFiles.writeString(dir.resolve(SweepCsv.SUMMARY), SweepCsv.summary(result));
        Map<String, AtomicFiles.Content> charts = new LinkedHashMap<>();
        for (ResultArtifacts a : artifacts) {
            charts.putAll(a.forSweep(result));
        }
        writeAll(dir, charts, cancelled);
        names.addAll(charts.keySet());
        AtomicFiles.writeString(dir.resolve(Sweeps.DONE), SweepJson.of(result, names));
        names.add(Sweeps.DONE);
        return names;
    }

    private static void writeAll(Path dir, Map<String, AtomicFiles.Content> files, BooleanSupplier cancelled)
            throws IOException {
        for (Map.Entry<String, AtomicFiles.Content> file : files.entrySet()) {
            if (cancelled.getAsBoolean()) {
                throw new ResultFolder.Cancelled();
            }
            AtomicFiles.write(dir.resolve(file.getKey()), file.getValue());
        }
    }
}
