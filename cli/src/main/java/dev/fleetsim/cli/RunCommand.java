package dev.fleetsim.cli;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.ResultFolder;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.report.SummaryText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code fleetsim run FILE}: validates, simulates with a progress bar (a progress line every few
 * seconds off a terminal), prints the headline figures and writes the run folder, all through the
 * façade. Ctrl-C stops the simulation between two events, or the writing between two files, and
 * writes nothing: the folder is swapped in whole or not at all.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Simulate a scenario and write its results.")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "scenario file (YAML or JSON)")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "results folder (default: runs/<scenario name>)")
    String out;

    @Option(names = "--seed", paramLabel = "N", description = "override simulation.seed")
    Long seed;

    @Option(names = "--no-charts", description = "skip the PNG charts")
    boolean noCharts;

    @Option(names = "--quiet", description = "no progress and no summary table")
    boolean quiet;

    @Override
    public Integer call() {
        // The scenario keys here while the façade (catalogue, policies) is built on the prefetch thread.
        Fleetsim.prepareScenarioReading();
        Fleetsim fleetsim = Prefetch.fleetsim();
        ScenarioSpec spec = ScenarioFiles.load(fleetsim, file);
        if (seed != null) {
            spec = spec.withSeed(seed);
        }
        Path dir = ResultDirs.of(out, spec.name(), "");
        ProgressBar bar = new ProgressBar(System.err, ProgressBar.mode(quiet));
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(bar::cancel)) {
            try {
                long startNs = System.nanoTime();
                RunResult result;
                try {
                    result = fleetsim.run(spec, bar);
                } finally {
                    bar.finish();
                }
                double wallS = (System.nanoTime() - startNs) / 1e9;
                List<String> files = fleetsim.writeResults(result, dir, spec.simulation().charts() && !noCharts,
                        bar::cancelled);
                if (!quiet) {
                    System.out.print(SummaryText.of(result.summary(), wallS));
                    System.out.println("Results in " + dir + ": " + String.join(", ", files));
                }
                return Main.EXIT_OK;
            } catch (RunCancelledException | ResultFolder.Cancelled e) {
                // Said before the interrupt hook is released: once it returns, the JVM may halt.
                System.err.println("cancelled: nothing was written");
                System.err.flush();
                return Main.EXIT_CANCELLED;
            } catch (IOException e) {
                throw ResultDirs.cannotWrite(dir, e);
            } catch (UncheckedIOException e) {
                throw ResultDirs.cannotWrite(dir, e.getCause());
            }
        }
    }
}
