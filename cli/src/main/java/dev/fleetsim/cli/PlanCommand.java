package dev.fleetsim.cli;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.ResultFolder;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.engine.scenario.FileKind;
import dev.fleetsim.planner.Candidate;
import dev.fleetsim.planner.Constraint;
import dev.fleetsim.planner.Evaluation;
import dev.fleetsim.planner.PlanException;
import dev.fleetsim.planner.PlanProgress;
import dev.fleetsim.planner.PlanReader;
import dev.fleetsim.planner.PlanResult;
import dev.fleetsim.planner.PlanSpec;
import dev.fleetsim.planner.PlanWriter;
import dev.fleetsim.planner.Planner;
import dev.fleetsim.planner.Sensitivity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code fleetsim plan FILE}: the cheapest fleet that meets a workload's constraints
 * (docs/PLANNING.md). Prints each simulation as it ends and the answer at the end, and writes
 * the results folder whole or not at all; Ctrl-C stops it between or inside simulations and
 * writes nothing.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Find the cheapest fleet that meets a workload's SLOs.",
                "Bisection over node counts per choice, screening on one seed and confirming on more. Format: docs/PLANNING.md."})
final class PlanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "plan file (YAML)")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "results folder (default: runs/<plan name>)")
    String out;

    @Option(names = "--threads", paramLabel = "N", description = "simulations at once (default: all cores); results do not depend on it")
    Integer threads;

    @Option(names = "--no-charts", description = "skip pareto.png")
    boolean noCharts;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    /** Reads and validates a plan file, every problem one {@link UserError}. */
    static PlanSpec load(Fleetsim fleetsim, Path file) {
        InputFiles.requireFile("FILE", file, "a plan file");
        try {
            return new PlanReader(fleetsim).read(file);
        } catch (PlanException e) {
            InputFiles.refuseOtherKind("FILE", file, FileKind.PLAN);
            throw new UserError(e.getMessage());
        }
    }

    @Override
    public Integer call() {
        Fleetsim fleetsim = Fleetsim.create();
        int threadCount = ThreadsOption.resolve(threads);
        PlanSpec plan = load(fleetsim, file);
        Path dir = ResultDirs.of(out, plan.name(), "");
        AtomicBoolean cancel = new AtomicBoolean();
        PrintStream err = System.err;
        PlanProgress progress = new PlanProgress() {
            @Override
            public void phase(String description) {
                if (!quiet) {
                    err.println("plan: " + description);
                }
            }

            @Override
            public void ran(Evaluation e, int simulations) {
                if (!quiet) {
                    err.println(String.format(Locale.ROOT, "  [%3d] %s × %d nodes, seed %d: %s, %,.0f USD/month (%.1f s)",
                            simulations, e.choice(), e.nodes(), e.seed(), metrics(plan, e), e.cost().totalUsdPerMonth(),
                            e.wallS()));
                }
            }

            @Override
            public boolean cancelled() {
                return cancel.get();
            }
        };
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(() -> cancel.set(true))) {
            try {
                PlanResult r = new Planner(fleetsim, threadCount).plan(plan, progress);
                List<String> files = PlanWriter.write(r, dir, !noCharts, cancel::get);
                System.out.print(report(r));
                System.out.println("Results in " + dir + ": " + String.join(", ", files));
                return Main.EXIT_OK;
            } catch (RunCancelledException | ResultFolder.Cancelled e) {
                err.println("cancelled: nothing written (a plan's folder is written whole at the end)");
                return Main.EXIT_CANCELLED;
            } catch (IOException e) {
                throw ResultDirs.cannotWrite(dir, e);
            }
        }
    }

    private static String metrics(PlanSpec plan, Evaluation e) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < plan.constraints().size(); i++) {
            Constraint c = plan.constraints().get(i);
            if (c.metric().improvesWithNodes()) {
                b.append(b.length() == 0 ? "" : ", ").append(c.metric().label()).append(' ').append(c.format(e.metrics()[i]));
            }
        }
        return (e.rejected() > 0 ? e.rejected() + " jobs too big, " : "") + b;
    }

    static String report(PlanResult r) {
        StringBuilder b = new StringBuilder();
        PlanSpec plan = r.plan();
        b.append(String.format(Locale.ROOT, "Plan %s: %d simulations (a full grid is %,d: %d choices × %d node counts × %d"
                        + " seeds), %.1f s%n", plan.name(), r.simulations(), r.fullGrid(), plan.choices().size(),
                plan.maxNodes() - plan.minNodes() + 1, plan.confirmSeeds().size(), r.wallS()));
        if (r.chosen().isEmpty()) {
            b.append("No configuration meets every constraint.\n");
        } else {
            Candidate c = r.chosen().get();
            b.append(String.format(Locale.ROOT, "Cheapest meeting every constraint: %s × %d nodes (%s %s, %d GPUs per node),"
                            + " %,.0f USD/month%s%n", c.label(), c.nodes(), c.choice().option().gpuType(),
                    c.choice().option().purchase().key(), plan.base().cluster().nodeGroups().stream()
                            .filter(g -> g.name().equals(plan.group())).findFirst().orElseThrow().gpusPerNode(),
                    c.costUsdPerMonth().mean(), c.costUsdPerMonth().hasInterval() ? String.format(Locale.ROOT,
                            " [%,.0f, %,.0f]", c.costUsdPerMonth().low(), c.costUsdPerMonth().high()) : ""));
            int w = plan.constraints().stream().mapToInt(k -> k.describe().length() + 1).max().orElse(0);
            for (int i = 0; i < plan.constraints().size(); i++) {
                Constraint k = plan.constraints().get(i);
                var e = c.metrics().get(i);
                b.append(String.format(Locale.ROOT, "  %-" + w + "s %s%s, margin %+.0f %%%n", k.describe() + ":", k.format(e.mean()),
                        e.hasInterval() ? " [" + k.format(e.low()) + ", " + k.format(e.high()) + "]" : "",
                        100 * k.margin(e.mean())));
            }
        }
        b.append("Choices:\n");
        int cw = Math.max(24, r.candidates().stream().mapToInt(c -> c.label().length()).max().orElse(0));
        for (Candidate c : r.candidates()) {
            b.append(String.format(Locale.ROOT, "  %-" + cw + "s %s%n", c.label(), c.feasible() ? String.format(Locale.ROOT,
                    "%3d nodes, %,.0f USD/month (%s)", c.nodes(), c.costUsdPerMonth().mean(), c.status()) : c.status()));
        }
        if (!r.sensitivity().isEmpty()) {
            b.append("Sensitivity:\n");
            int sw = Math.max(28, r.sensitivity().stream().mapToInt(x -> x.change().length()).max().orElse(0));
            for (Sensitivity.Row row : r.sensitivity()) {
                b.append(String.format(Locale.ROOT, "  %-" + sw + "s %s%s%n", row.change(), row.value().isEmpty() ? "" : row.value() + ": ",
                        row.effect()));
            }
        }
        return b.toString();
    }
}
