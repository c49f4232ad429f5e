package dev.fleetsim.cli;

import dev.fleetsim.engine.ExperimentValidation;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.experiment.ExperimentPlan;
import dev.fleetsim.engine.experiment.Point;
import dev.fleetsim.engine.experiment.SweepPoints;
import dev.fleetsim.engine.experiment.SweepProgress;
import dev.fleetsim.engine.experiment.SweepResult;
import dev.fleetsim.engine.metrics.ResultFolder;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.engine.scenario.FileKind;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.report.SweepTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code fleetsim sweep FILE}: an experiment (a base scenario and named axes, docs/SWEEPS.md)
 * expanded into its points, every point validated, then run on all cores, each point's results
 * written into {@code points/<id>/} as it finishes. A killed or cancelled sweep keeps its finished
 * points, and the same command resumes it without running them again. At the end it prints the
 * summary table and writes {@code sweep.csv}, {@code sweep-summary.csv}, the charts and
 * {@code sweep.json} (last).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run an experiment: a base scenario over named axes (policy, nodes, any scenario path, seeds).",
                "A killed sweep resumes where it stopped when run again. Format: docs/SWEEPS.md."})
final class SweepCommand implements Callable<Integer> {
    /** Point ids listed by --dry-run before "...". */
    static final int LISTED = 12;

    @Parameters(paramLabel = "FILE", description = "experiment file (YAML or JSON)")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "results folder (default: runs/<experiment name>)")
    String out;

    @Option(names = "--threads", paramLabel = "N", description = "points at once (default: all cores); results do not depend on it")
    Integer threads;

    @Option(names = "--fresh", description = "run every point again, ignoring results of an earlier run in the folder")
    boolean fresh;

    @Option(names = "--dry-run", description = "validate and list the points; run nothing")
    boolean dryRun;

    @Option(names = "--no-charts", description = "skip the PNG charts")
    boolean noCharts;

    @Option(names = "--quiet", description = "no progress and no table")
    boolean quiet;

    @Override
    public Integer call() {
        Fleetsim fleetsim = Fleetsim.create();
        int threadCount = ThreadsOption.resolve(threads);
        ExperimentPlan plan = load(fleetsim, file);
        Path dir = ResultDirs.of(out, plan.spec().name(), "");
        if (dryRun) {
            System.out.print(listing(plan, dir));
            return Main.EXIT_OK;
        }
        CompareProgress bar = new CompareProgress(System.err, ProgressBar.mode(quiet), "points", threadCount);
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(bar::cancel)) {
            try {
                if (fresh) {
                    ResultFolder.checkReplaceable(dir.toAbsolutePath().normalize());
                    ResultFolder.deleteTree(dir.resolve(SweepPoints.POINTS));
                }
                long start = System.nanoTime();
                SweepResult result;
                try {
                    result = fleetsim.sweep(plan, dir, threadCount, bar);
                } finally {
                    bar.finish();
                }
                double wallS = (System.nanoTime() - start) / 1e9;
                List<String> files = fleetsim.writeSweep(result, dir, plan.spec().charts() && !noCharts, bar::cancelled);
                if (!quiet) {
                    System.out.print(SweepTable.of(result, wallS, threadCount));
                    System.out.println("Results in " + dir + ": " + String.join(", ", files) + ", points/ ("
                            + plan.points().size() + " folders)");
                }
                return Main.EXIT_OK;
            } catch (RunCancelledException | ResultFolder.Cancelled e) {
                SweepProgress p = bar.last();
                int done = p == null ? 0 : p.done();
                System.err.printf(Locale.ROOT, "cancelled: %d of %d points are finished in %s; run the same command again"
                        + " to resume them (sweep.csv is written when every point is)%n", done, plan.points().size(),
                        dir.resolve(SweepPoints.POINTS));
                System.err.flush();
                return Main.EXIT_CANCELLED;
            } catch (IOException e) {
                throw ResultDirs.cannotWrite(dir, e);
            }
        }
    }

    static ExperimentPlan load(Fleetsim fleetsim, Path file) {
        InputFiles.requireFile("FILE", file, "an experiment file");
        ExperimentValidation v = fleetsim.validateExperiment(file);
        if (!v.valid()) {
            InputFiles.refuseOtherKind("FILE", file, FileKind.EXPERIMENT);
            int n = v.problems().size();
            throw new UserError(file + " is not a valid experiment (" + n + " problem" + (n == 1 ? "" : "s") + "):\n"
                    + v.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")).indent(2).stripTrailing());
        }
        return v.plan().orElseThrow();
    }

    static String listing(ExperimentPlan plan, Path dir) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Experiment %s: %d points over %s (scenario %s); results would go to %s%n",
                plan.spec().name(), plan.points().size(), String.join(" x ", plan.axisNames()), plan.spec().base().name(),
                dir));
        List<Point> points = plan.points();
        for (Point p : points.subList(0, Math.min(LISTED, points.size()))) {
            b.append("  ").append(p.id()).append('\n');
        }
        if (points.size() > LISTED) {
            b.append(String.format(Locale.ROOT, "  ... and %d more%n", points.size() - LISTED));
        }
        return b.toString();
    }
}
