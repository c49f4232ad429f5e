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
import dev.fleetsim.engine.metrics.SummaryMetric;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.ScenarioWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BooleanSupplier;

/**
 * How the façade lays out its results folders: a run's, a comparison's (each written whole by
 * {@link ResultFolder}) and a sweep's own files beside its points. {@link Fleetsim}'s
 * {@code write*} calls are the public face; this keeps the assembly in one place.
 */
final class ResultFolders {
    private ResultFolders() {
    }

    /** The result-artifact writers in name order: {@code given}, or those {@link ServiceLoader} finds through {@code loader}. */
    static List<ResultArtifacts> writers(List<ResultArtifacts> given, ClassLoader loader) {
        List<ResultArtifacts> found = new ArrayList<>(given != null ? given
                : ServiceLoader.load(ResultArtifacts.class, loader).stream().map(ServiceLoader.Provider::get).toList());
        found.sort(Comparator.comparing(ResultArtifacts::name));
        return List.copyOf(found);
    }

    /**
     * A run's folder: {@code jobs.csv}, {@code timeseries.csv}, the resolved {@code scenario.yaml},
     * {@code decisions.jsonl} (when the policy explained), {@code links.csv} (flow network),
     * {@code requests.csv} and {@code serving.csv} (deployments), the artifacts' files (charts;
     * {@code artifacts} empty = none) and {@code summary.json} last. All of it goes into a fresh
     * folder beside {@code dir} that then replaces it: an old run's files never survive beside the
     * new ones, and a cancel ({@code cancelled} turning true while writing) or a failure leaves the
     * old folder as it was and no new file anywhere.
     */
    static List<String> run(RunResult result, Path dir, List<ResultArtifacts> artifacts, ScenarioWriter writer,
                            BooleanSupplier cancelled) throws IOException {
        Map<String, AtomicFiles.Content> extras = new LinkedHashMap<>();
        for (ResultArtifacts a : artifacts) {
            extras.putAll(a.forRun(result));
        }
        extras.putAll(result.modelFiles());
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
