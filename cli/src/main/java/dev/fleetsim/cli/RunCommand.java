package dev.fleetsim.cli;

import dev.fleetsim.cli.report.Charts;
import dev.fleetsim.cli.report.SummaryText;
import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.run.ScenarioRunner;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.ScenarioWriter;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code fleetsim run FILE}: validates, simulates with a progress bar, prints the headline
 * figures and writes the run folder. Ctrl-C stops the simulation between two events and
 * writes nothing.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Simulate a scenario and write its results.")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "scenario file (YAML or JSON)")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "results folder (default: runs/<scenario name>)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "override simulation.seed")
    Long seed;

    @Option(names = "--no-charts", description = "skip the PNG charts")
    boolean noCharts;

    @Option(names = "--quiet", description = "no progress bar and no summary table")
    boolean quiet;

    @Override
    public Integer call() {
        PolicyRegistry policies = PolicyRegistry.load();
        ScenarioSpec spec = ScenarioFiles.load(file, policies);
        if (seed != null) {
            spec = spec.withSeed(seed);
        }
        Path dir = out != null ? out : Path.of("runs", spec.name());
        ProgressBar bar = new ProgressBar(System.err, !quiet && ProgressBar.onTerminal());
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(bar::cancel)) {
            long startMs = System.nanoTime();
            RunResult result;
            try {
                result = ScenarioRunner.run(spec, policies, bar);
            } finally {
                bar.finish();
            }
            double wallS = (System.nanoTime() - startMs) / 1e9;
            Map<String, AtomicFiles.Content> charts = new LinkedHashMap<>();
            if (spec.simulation().charts() && !noCharts) {
                charts.putAll(Charts.forRun(spec.name(), result.timeseries(), result.summary().gpus()));
                if (!result.links().isEmpty()) {
                    charts.put("links.png", Charts.png(Charts.links(spec.name(), result.links())));
                }
            }
            if (!result.links().isEmpty()) {
                String links = ResultWriter.linksCsv(result.links());
                charts.put(ResultWriter.LINKS, out -> out.write(links.getBytes(StandardCharsets.UTF_8)));
            }
            ResultWriter.write(dir, result.summary(), result.jobs(), result.timeseries(), result.decisions(),
                    new ScenarioWriter().write(spec), charts);
            if (!quiet) {
                System.out.print(SummaryText.of(result.summary(), wallS));
                System.out.println("Results in " + dir + ": " + ResultWriter.SUMMARY + ", " + ResultWriter.JOBS + ", "
                        + ResultWriter.TIMESERIES + ", " + ResultWriter.SCENARIO
                        + (result.decisions().isEmpty() ? "" : ", " + ResultWriter.DECISIONS)
                        + (charts.isEmpty() ? "" : ", " + String.join(", ", charts.keySet())));
            }
            return Main.EXIT_OK;
        } catch (RunCancelledException e) {
            System.err.println("cancelled: nothing was written");
            return Main.EXIT_CANCELLED;
        } catch (IOException e) {
            throw new UserError("cannot write results to " + dir + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new UserError("cannot write results to " + dir + ": " + e.getCause().getMessage());
        }
    }
}
