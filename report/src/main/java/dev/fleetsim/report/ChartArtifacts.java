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
 * queueing-time CDFs. All in {@link ChartTheme#DEFAULT}. The theme (AWT's colours and fonts) and
 * ImageIO are first touched when a chart is made, not when the façade finds this class: a command
 * that draws none ({@code run --no-charts}, {@code validate}) never loads them (docs/PERFORMANCE.md,
 * "Start-up: archived key lambdas, concatenation, charts").
 */
public final class ChartArtifacts implements ResultArtifacts {
    /** Null for {@link ChartTheme#DEFAULT}, taken at the first chart. */
    private final ChartTheme theme;

    public ChartArtifacts() {
        this.theme = null;
    }

    public ChartArtifacts(ChartTheme theme) {
        this.theme = java.util.Objects.requireNonNull(theme, "theme");
    }

    /** The theme, with ImageIO set up before the first image is written. */
    private ChartTheme theme() {
        NoImageCache.ready();
        return theme != null ? theme : ChartTheme.DEFAULT;
    }

    /**
     * No file cache for image streams: ImageIO's cache registers a JVM shutdown hook on first use, which throws
     * "Shutdown in progress" when charts are written while Ctrl-C is stopping the command.
     */
    private static final class NoImageCache {
        static {
            javax.imageio.ImageIO.setUseCache(false);
        }

        private NoImageCache() {
        }

        static void ready() {
            // the class initialiser did it
        }
    }

    @Override
    public String name() {
        return "charts";
    }

    @Override
    public Map<String, AtomicFiles.Content> forRun(RunResult result) {
        ChartTheme chartTheme = theme();
        String scenario = result.scenario().name();
        Map<String, AtomicFiles.Content> out = new LinkedHashMap<>(
                RunCharts.forRun(chartTheme, scenario, result.timeseries(), result.summary().gpus()));
        if (!result.links().isEmpty()) {
            out.put(RunCharts.LINKS, chartTheme.png(RunCharts.links(chartTheme, scenario, result.links())));
        }
        out.putAll(ServingCharts.forRun(chartTheme, scenario, result.services(), result.jobs(), result.summary().gpus()));
        return out;
    }

    @Override
    public Map<String, AtomicFiles.Content> forComparison(ComparisonResult result) {
        return CompareCharts.of(theme(), result);
    }

    @Override
    public Map<String, AtomicFiles.Content> forSweep(SweepResult result) {
        return SweepCharts.of(theme(), result);
    }
}
