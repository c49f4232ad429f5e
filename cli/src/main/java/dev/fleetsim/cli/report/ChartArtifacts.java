package dev.fleetsim.cli.report;

import dev.fleetsim.engine.ResultArtifacts;
import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.run.RunResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line's PNG charts as result artifacts: the engine's façade finds this class with
 * {@code ServiceLoader} and writes its files into every results folder, so the engine itself
 * never depends on JFreeChart. A run gets {@code utilisation.png}, {@code queue.png},
 * {@code cost.png}, with the flow network {@code links.png}, with inference deployments the serving
 * charts ({@link ServingCharts}); a comparison its JCT and wait CDFs.
 */
public final class ChartArtifacts implements ResultArtifacts {

    @Override
    public String name() {
        return "charts";
    }

    @Override
    public Map<String, AtomicFiles.Content> forRun(RunResult result) {
        String scenario = result.scenario().name();
        Map<String, AtomicFiles.Content> out = new LinkedHashMap<>(
                Charts.forRun(scenario, result.timeseries(), result.summary().gpus()));
        if (!result.links().isEmpty()) {
            out.put("links.png", Charts.png(Charts.links(scenario, result.links())));
        }
        out.putAll(ServingCharts.forRun(scenario, result.services(), result.jobs(), result.summary().gpus()));
        return out;
    }

    @Override
    public Map<String, AtomicFiles.Content> forComparison(ComparisonResult result) {
        return CompareCharts.of(result);
    }
}
