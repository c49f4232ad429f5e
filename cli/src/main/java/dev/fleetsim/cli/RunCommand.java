package dev.fleetsim.cli;

import dev.fleetsim.cli.report.SummaryText;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code fleetsim run FILE}: validates, simulates with a progress bar, prints the headline
 * figures and writes the run folder, all through the façade. Ctrl-C stops the simulation
 * between two events and writes nothing.
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
        Fleetsim fleetsim = Fleetsim.create();
        ScenarioSpec spec = ScenarioFiles.load(fleetsim, file);
        if (seed != null) {
            spec = spec.withSeed(seed);
        }
        Path dir = out != null ? out : Path.of("runs", spec.name());
        ProgressBar bar = new ProgressBar(System.err, !quiet && ProgressBar.onTerminal());
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(bar::cancel)) {
            long startMs = System.nanoTime();
            RunResult result;
            try {
                result = fleetsim.run(spec, bar);
            } finally {
                bar.finish();
            }
            double wallS = (System.nanoTime() - startMs) / 1e9;
            List<String> files = fleetsim.writeResults(result, dir, spec.simulation().charts() && !noCharts);
            if (!quiet) {
                System.out.print(SummaryText.of(result.summary(), wallS));
                System.out.println("Results in " + dir + ": " + String.join(", ", files));
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
