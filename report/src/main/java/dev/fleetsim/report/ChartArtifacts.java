package dev.fleetsim.report;

import dev.fleetsim.engine.ResultArtifacts;
import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.experiment.SweepResult;
import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.run.RunResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PNG charts as result artifacts: the engine's façade finds this class with
 * {@code ServiceLoader} and writes its files into every results folder, so the engine itself
 * never depends on JFreeChart. A run gets {@code utilisation.png}, {@code queue.png},
 * {@code cost.png}, with the flow network {@code links.png}, with inference deployments the
 * serving charts ({@link ServingCharts}); a comparison its JCT, wait and
 * queueing-time CDFs. All in {@link ChartTheme#DEFAULT}.
 */
public final class ChartArtifacts implements ResultArtifacts {
    private final ChartTheme theme;

    public ChartArtifacts() {
        this(ChartTheme.DEFAULT);
    }

    public ChartArtifacts(ChartTheme theme) {
        this.theme = theme;
        // No file cache for image streams: ImageIO's cache registers a JVM shutdown hook on first use, which throws
        // "Shutdown in progress" when charts are written while Ctrl-C is stopping the command.
        javax.imageio.ImageIO.setUseCache(false);
    }

    @Override
    public String name() {
        return "charts";
    }

    @Override
    public Map<String, AtomicFiles.Content> forRun(RunResult result) {
        String scenario = result.scenario().name();
        Map<String, AtomicFiles.Content> out = new LinkedHashMap<>(
                RunCharts.forRun(theme, scenario, result.timeseries(), result.summary().gpus()));
        if (!result.links().isEmpty()) {
            out.put(RunCharts.LINKS, theme.png(RunCharts.links(theme, scenario, result.links())));
        }
        out.putAll(ServingCharts.forRun(theme, scenario, result.services(), result.jobs(), result.summary().gpus()));
        return out;
    }

    @Override
    public Map<String, AtomicFiles.Content> forComparison(ComparisonResult result) {
        return CompareCharts.of(theme, result);
    }

    @Override
    public Map<String, AtomicFiles.Content> forSweep(SweepResult result) {
        return SweepCharts.of(theme, result);
    }
}
