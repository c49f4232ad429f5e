package dev.fleetsim.cli;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.compare.PolicyComparison;
import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.metrics.ResultFolder;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import dev.fleetsim.report.CompareTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import dev.fleetsim.engine.files.Echo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code fleetsim compare FILE --policies a,b,c [--seeds 1..5]}: runs the scenario under each
 * policy (or {@code name:placement}) and seed on all cores through the façade, prints the side-by-side table with
 * confidence intervals, and writes {@code compare.csv}, {@code compare-summary.csv} and the JCT and wait CDF charts.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run a scenario under several policies and seeds and compare them side by side.")
final class CompareCommand implements Callable<Integer> {
    /** The most runs one comparison may ask for: beyond this a typo in --seeds is likelier than intent. */
    static final int MAX_SEEDS = 10_000;

    @Parameters(paramLabel = "FILE", description = "scenario file (YAML or JSON)")
    Path file;

    @Option(names = "--policies", required = true, paramLabel = "P1,P2,...",
            description = "policies to compare, by name (see 'fleetsim policies'); NAME:PLACEMENT sets the placement, "
                    + "e.g. fifo,fifo:topology-aware")
    String policies;

    @Option(names = "--seeds", paramLabel = "SEEDS", defaultValue = "1..5",
            description = "seeds: a range 1..5, a list 1,4,9, or both (default: ${DEFAULT-VALUE})")
    String seeds;

    @Option(names = "--out", paramLabel = "DIR", description = "results folder (default: runs/<scenario name>-compare)")
    String out;

    @Option(names = "--threads", paramLabel = "N", description = "runs at once (default: all cores); results do not depend on it")
    Integer threads;

    @Option(names = "--no-charts", description = "skip the PNG charts")
    boolean noCharts;

    @Option(names = "--quiet", description = "no progress bar and no table")
    boolean quiet;

    @Override
    public Integer call() {
        Fleetsim fleetsim = Fleetsim.create();
        PolicyRegistry registry = fleetsim.policies();
        List<String> policyNames = parsePolicies(policies, registry);
        List<Long> seedList = parseSeeds(seeds);
        int threadCount = ThreadsOption.resolve(threads);
        ScenarioSpec spec = ScenarioFiles.load(fleetsim, file);
        Map<String, List<Problem>> bad = fleetsim.comparisonProblems(spec, policyNames);
        if (!bad.isEmpty()) {
            String label = bad.keySet().iterator().next();
            throw new UserError("policy " + label + " cannot run " + file + ":\n  "
                    + bad.get(label).stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
        }
        Path dir = ResultDirs.of(out, spec.name(), "-compare");
        CompareProgress bar = new CompareProgress(System.err, ProgressBar.mode(quiet), "runs", threadCount);
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(bar::cancel)) {
            try {
                long start = System.nanoTime();
                ComparisonResult result;
                try {
                    result = fleetsim.compare(spec, policyNames, seedList, threadCount, bar);
                } finally {
                    bar.finish();
                }
                double wallS = (System.nanoTime() - start) / 1e9;
                List<String> files = fleetsim.writeComparison(result, dir, !noCharts, bar::cancelled);
                if (!quiet) {
                    System.out.print(CompareTable.of(result, wallS, threadCount));
                    System.out.println("Results in " + dir + ": " + String.join(", ", files));
                }
                return Main.EXIT_OK;
            } catch (RunCancelledException | ResultFolder.Cancelled e) {
                System.err.println(CancelOnInterrupt.NOTHING_WRITTEN);
                System.err.flush();
                return Main.EXIT_CANCELLED;
            } catch (IOException e) {
                throw ResultDirs.cannotWrite(dir, e);
            }
        }
    }

    /** Names in the order given; an unknown or repeated name is a user error listing the valid ones. */
    static List<String> parsePolicies(String text, PolicyRegistry registry) {
        List<String> out = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String name = raw.trim();
            if (name.isEmpty()) {
                throw new UserError("--policies: found " + Echo.quoted(text) + "; expected policy names separated by"
                        + " commas, from: " + String.join(", ", registry.names()));
            }
            String policy = PolicyComparison.policyName(name);
            if (!registry.providers().containsKey(policy)) {
                throw new UserError("--policies: found unknown policy " + Echo.quoted(policy) + "; expected "
                        + Suggestions.oneOf(policy, registry.names()));
            }
            if (!policy.equals(name) && name.length() == policy.length() + 1) {
                throw new UserError("--policies: found " + Echo.quoted(name)
                        + "; expected NAME or NAME:PLACEMENT, e.g. fifo:topology-aware");
            }
            if (out.contains(name)) {
                throw new UserError("--policies: found " + Echo.quoted(name) + " twice; expected each policy once");
            }
            out.add(name);
        }
        return out;
    }

    /** {@code 1..5}, {@code 1,4,9} or a mix such as {@code 1..3,10}; seeds in the order given, no repeats. */
    static List<Long> parseSeeds(String text) {
        List<Long> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        String expected = "; expected seeds as a range 1..5, a list 1,4,9, or both (1..3,10), 64-bit integers, at most "
                + MAX_SEEDS + " seeds";
        for (String raw : text.split(",", -1)) {
            String item = raw.trim();
            long from;
            long to;
            try {
                int dots = item.indexOf("..");
                from = Long.parseLong(dots < 0 ? item : item.substring(0, dots).trim());
                to = dots < 0 ? from : Long.parseLong(item.substring(dots + 2).trim());
            } catch (NumberFormatException e) {
                throw new UserError("--seeds: found " + Echo.quoted(item) + expected);
            }
            // A difference past Long.MAX_VALUE wraps negative: that range is far too long, not empty.
            long span = to - from;
            if (to < from || span < 0 || span >= MAX_SEEDS) {
                throw new UserError("--seeds: found " + Echo.quoted(item) + (to < from ? " (FROM above TO)"
                        : " (more than " + MAX_SEEDS + " seeds)") + expected);
            }
            for (long k = 0; k <= span; k++) {
                long s = from + k;
                if (!seen.add(s)) {
                    throw new UserError("--seeds: found " + Echo.quoted(text) + " (seed " + s + " twice)" + expected);
                }
                if (out.size() >= MAX_SEEDS) {
                    throw new UserError("--seeds: found " + Echo.quoted(text) + " (more than " + MAX_SEEDS + " seeds)"
                            + expected);
                }
                out.add(s);
            }
        }
        return out;
    }
}
