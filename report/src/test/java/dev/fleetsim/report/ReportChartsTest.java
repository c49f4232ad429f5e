package dev.fleetsim.report;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.experiment.SweepObserver;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberTickUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The charts a user reads: time axes in the unit of the span, whole-number ticks for counts,
 * duration ticks on log axes, and PNGs that render for runs and comparisons, including the
 * comparison in which no job waits (which once threw "A positive range length is required").
 */
class ReportChartsTest {
    private static final ModelSpec GPT = ModelCatalog.find("gpt-1.3b").orElseThrow();
    private static final Fleetsim FLEETSIM = Fleetsim.builder().artifacts(List.of()).build();
    private static RunResult run;

    /** One 8-GPU node, two 4-GPU jobs that start together: nobody waits. */
    private static ScenarioSpec idle() {
        List<TrainingJobSpec> jobs = List.of(
                Scenarios.dataParallelJob("j1", GPT, 4, 16, 500, 0, "a"),
                Scenarios.dataParallelJob("j2", GPT, 4, 16, 500, 0, "b"));
        return Scenarios.of("idle", 1, Scenarios.homogeneous("H100-SXM", 1, 8, Scenarios.DEFAULT_FABRIC), jobs, List.of(),
                new PolicySpec("fifo", Map.of()));
    }

    @BeforeAll
    static void runIt() {
        run = FLEETSIM.run(idle(), SimulationObserver.NONE);
    }

    @Test
    void theTimeUnitFitsTheSpan() {
        assertEquals(TimeScale.SECONDS, TimeScale.forSpan(90));
        assertEquals(TimeScale.MINUTES, TimeScale.forSpan(1_800));
        assertEquals(TimeScale.HOURS, TimeScale.forSpan(20 * 3_600));
        assertEquals(TimeScale.DAYS, TimeScale.forSpan(3.3 * 86_400));
        assertEquals("3.30 d", TimeScale.DAYS.format(3.3 * 86_400, 2));
        JFreeChart chart = RunCharts.queue(ChartTheme.DEFAULT, "x", run.timeseries());
        String label = chart.getXYPlot().getDomainAxis().getLabel();
        assertEquals("simulated time (" + RunCharts.scale(run.timeseries()).unit() + ")", label);
    }

    @Test
    void countAxesTickAtWholeNumbersOnly() {
        NumberAxis jobs = (NumberAxis) RunCharts.queue(ChartTheme.DEFAULT, "x", run.timeseries()).getXYPlot().getRangeAxis();
        jobs.setRange(0, 2);
        NumberTickUnit unit = (NumberTickUnit) jobs.getStandardTickUnits().getCeilingTickUnit(0.3);
        assertEquals(1.0, unit.getSize(), 0, "never a tick at 0.5 jobs");
    }

    @Test
    void durationTicksAreDurations() {
        List<NumberTick> ticks = DurationLogAxis.ticks(1, 200_000);
        assertEquals(List.of("1 s", "10 s", "1 min", "10 min", "1 h", "10 h", "1 d"),
                ticks.stream().map(NumberTick::getText).toList());
    }

    @Test
    void aRunsChartsRender() throws Exception {
        ChartArtifacts charts = new ChartArtifacts();
        Map<String, dev.fleetsim.engine.metrics.AtomicFiles.Content> files = charts.forRun(run);
        assertEquals(List.of("utilisation.png", "queue.png", "cost.png"), List.copyOf(files.keySet()));
        for (var f : files.entrySet()) {
            assertPng(f.getValue(), f.getKey());
        }
    }

    @Test
    void aComparisonInWhichNoJobWaitsStillDrawsItsCdfs() throws Exception {
        ComparisonResult r = FLEETSIM.compare(idle(), List.of("fifo", "fifo:spread"), List.of(1L, 2L), 1, SweepObserver.NONE);
        for (double w : r.pooledWaitS("fifo")) {
            assertEquals(0, w, 0, "nobody waits");
        }
        Map<String, dev.fleetsim.engine.metrics.AtomicFiles.Content> files = CompareCharts.of(ChartTheme.DEFAULT, r);
        assertEquals(List.of("jct-cdf.png", "wait-cdf.png", "queueing-cdf.png"), List.copyOf(files.keySet()));
        for (var f : files.entrySet()) {
            assertPng(f.getValue(), f.getKey());
        }
        JFreeChart wait = CompareCharts.cdf(ChartTheme.DEFAULT, r, CompareCharts.Sample.WAIT);
        assertTrue(wait.getSubtitle(0).toString() != null);
        // the line is drawn across the chart at 1.0, not collapsed into a point
        assertTrue(wait.getXYPlot().getDataset().getItemCount(0) >= 2);
        assertTrue(wait.getXYPlot().getRangeAxis().getLowerBound() < 1.0);
    }

    @Test
    void anEmptySampleAndAHugeTitleAreFine() throws Exception {
        Map<String, double[]> samples = new LinkedHashMap<>();
        samples.put("none", new double[0]);
        JFreeChart chart = CompareCharts.cdf(ChartTheme.DEFAULT, "t", "wait", "x".repeat(100_000), samples);
        assertTrue(chart.getSubtitle(0).toString().length() < 1_000);
        long start = System.nanoTime();
        assertPng(ChartTheme.DEFAULT.png(chart), "empty");
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "a long name does not stall the title layout");
    }

    private static void assertPng(dev.fleetsim.engine.metrics.AtomicFiles.Content content, String name) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        content.writeTo(out);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertNotNull(img, name);
        assertEquals(ChartTheme.DEFAULT.widthPx(), img.getWidth(), name);
        assertEquals(ChartTheme.DEFAULT.heightPx(), img.getHeight(), name);
    }
}
