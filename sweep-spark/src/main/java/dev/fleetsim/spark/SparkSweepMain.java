package dev.fleetsim.spark;

import dev.fleetsim.engine.ExperimentValidation;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.experiment.ExperimentPlan;
import dev.fleetsim.engine.experiment.SweepObserver;
import dev.fleetsim.engine.experiment.SweepPoints;
import dev.fleetsim.engine.experiment.SweepProgress;
import dev.fleetsim.engine.experiment.SweepResult;
import dev.fleetsim.engine.metrics.ResultFolder;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.report.SweepTable;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code spark-submit --class dev.fleetsim.spark.SparkSweepMain fleetsim-spark.jar FILE}: the
 * experiment validated on the driver (every problem at once, as {@code fleetsim sweep} reports
 * them, before any Spark work), its points run as one Spark task each ({@link SparkSweep}), then
 * the sweep's table and files written into {@code --out} on the driver's file system. Without a
 * master from {@code spark-submit} or {@code --master} it runs on {@code local[*]}. Exit codes as
 * {@code fleetsim}'s: 0 done, 1 internal or cluster failure, 2 bad input, 130 cancelled.
 */
@Command(name = "fleetsim-spark", mixinStandardHelpOptions = true,
        description = {"Run an experiment (docs/SWEEPS.md) as a Spark job, one task per point; writes the same files as"
                + " 'fleetsim sweep'. A killed run resumes where it stopped when run again."})
public final class SparkSweepMain implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_CANCELLED = 130;

    @Parameters(paramLabel = "FILE", description = "experiment file (YAML or JSON), read on the driver")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "results folder on the driver (default: runs/<experiment name>)")
    String out;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not started by spark-submit (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "a Spark setting, as spark-submit's --conf (repeatable)")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--fresh", description = "run every point again, ignoring results of an earlier run in the folder")
    boolean fresh;

    @Option(names = "--no-charts", description = "skip the PNG charts")
    boolean noCharts;

    @Option(names = "--quiet", description = "no progress and no table")
    boolean quiet;

    /** A mistake of the user's, printed as one message. */
    static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new SparkSweepMain());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof BadInput) {
                commandLine.getErr().println("error: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof SparkException) {
                commandLine.getErr().println("error: the Spark job failed: " + firstLine(ex.getMessage()));
                return EXIT_FAILED;
            }
            commandLine.getErr().println("internal error (please report it with the experiment file):");
            ex.printStackTrace(commandLine.getErr());
            return EXIT_FAILED;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws IOException, SparkException {
        Fleetsim fleetsim = Fleetsim.create();
        ExperimentPlan plan = load(fleetsim, file);
        Path dir = outDir(out, plan.spec().name());
        SparkConf conf = new SparkConf().setAppName("fleetsim sweep " + plan.spec().name());
        sparkConf.forEach(conf::set);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        PrintStream err = System.err;
        ProgressLine bar = new ProgressLine(err, quiet);
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.setLogLevel("WARN");
            if (fresh) {
                ResultFolder.checkReplaceable(dir.toAbsolutePath().normalize());
                ResultFolder.deleteTree(dir.resolve(SweepPoints.POINTS));
            }
            long start = System.nanoTime();
            SweepResult result = SparkSweep.run(spark, fleetsim, plan, dir, bar);
            bar.finish();
            double wallS = (System.nanoTime() - start) / 1e9;
            List<String> files = fleetsim.writeSweep(result, dir, plan.spec().charts() && !noCharts, () -> false);
            if (!quiet) {
                System.out.print(SweepTable.of(result, wallS, spark.defaultParallelism()));
                System.out.println("Results in " + dir + ": " + String.join(", ", files) + ", points/ ("
                        + plan.points().size() + " folders)");
            }
            return EXIT_OK;
        } catch (RunCancelledException e) {
            bar.finish();
            err.printf(Locale.ROOT, "cancelled: the points finished so far are in %s; run the same command again to"
                    + " resume them%n", dir.resolve(SweepPoints.POINTS));
            return EXIT_CANCELLED;
        } catch (ResultFolder.NotAResultsFolderException e) {
            throw new BadInput("will not write results over " + dir + ": " + e.getMessage());
        }
    }

    static ExperimentPlan load(Fleetsim fleetsim, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInput(file + ": no such file");
        }
        ExperimentValidation v = fleetsim.validateExperiment(file);
        if (!v.valid()) {
            int n = v.problems().size();
            throw new BadInput(file + " is not a valid experiment (" + n + " problem" + (n == 1 ? "" : "s") + "):\n"
                    + v.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")).indent(2).stripTrailing());
        }
        return v.plan().orElseThrow();
    }

    static Path outDir(String out, String experimentName) {
        if (out == null) {
            return Path.of("runs", ResultFolder.safeName(experimentName));
        }
        if (out.isBlank()) {
            throw new BadInput("--out: found an empty path; expected a folder for the results, e.g. --out runs/mine");
        }
        try {
            return Path.of(out);
        } catch (InvalidPathException e) {
            throw new BadInput("--out: found \"" + out + "\"; expected a valid path (" + e.getReason() + ")");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /**
     * Progress on stderr: on a terminal one line redrawn at most twice a second; elsewhere (a log, a
     * pipe, among Spark's own log lines) a new line every ten seconds. Points done, reused, percent, ETA.
     */
    static final class ProgressLine implements SweepObserver {
        private final PrintStream err;
        private final boolean quiet;
        private final boolean terminal = System.console() != null;
        private long lastNs;
        private boolean drawn;

        ProgressLine(PrintStream err, boolean quiet) {
            this.err = err;
            this.quiet = quiet;
        }

        @Override
        public synchronized void progress(SweepProgress p) {
            long now = System.nanoTime();
            long every = terminal ? 500_000_000L : 10_000_000_000L;
            if (quiet || (now - lastNs < every && p.done() < p.points() && lastNs != 0)) {
                return;
            }
            lastNs = now;
            String eta = Double.isNaN(p.etaS()) ? "--:--" : String.format(Locale.ROOT, "%d:%02d",
                    (long) p.etaS() / 60, (long) p.etaS() % 60);
            String line = String.format(Locale.ROOT, "points %d/%d (%d reused)  %3.0f %%  %.0f s  ETA %s", p.done(),
                    p.points(), p.reused(), 100 * p.fraction(), p.elapsedS(), eta);
            if (terminal) {
                err.print("\r" + line + "   ");
                drawn = true;
            } else {
                err.println(line);
            }
            err.flush();
        }

        synchronized void finish() {
            if (drawn) {
                err.println();
                drawn = false;
            }
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    }
}
