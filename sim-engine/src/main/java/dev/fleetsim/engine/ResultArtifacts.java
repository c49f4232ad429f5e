package dev.fleetsim.engine;

import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.experiment.SweepResult;
import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.run.RunResult;

import java.util.Map;

/**
 * Files a front end adds to a results folder that the engine does not make itself: charts and
 * reports, which need a chart library the engine must not depend on. Implementations are found
 * with {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/dev.fleetsim.engine.ResultArtifacts}; today the command line's
 * charts, later the report module), and {@link Fleetsim#writeResults} writes what they return
 * into the folder, atomically, before {@code summary.json}. The dependency points one way: the
 * engine calls this interface and never names a chart type.
 */
public interface ResultArtifacts {

    /** A short name for listings and messages, e.g. {@code charts}; providers run in name order. */
    String name();

    /** The files for a run's folder, by file name, in the order they should be written. */
    Map<String, AtomicFiles.Content> forRun(RunResult result);

    /** The files for a comparison's folder, by file name. */
    default Map<String, AtomicFiles.Content> forComparison(ComparisonResult result) {
        return Map.of();
    }

    /** The files for a sweep's folder, by file name (beside sweep.csv; the points keep their own). */
    default Map<String, AtomicFiles.Content> forSweep(SweepResult result) {
        return Map.of();
    }
}
