package dev.fleetsim.cli.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsim.calibration.run.BenchBuilder;
import dev.fleetsim.calibration.run.CalibrationException;
import dev.fleetsim.calibration.run.CalibrationRunner;
import dev.fleetsim.calibration.run.GpuPresence;
import dev.fleetsim.calibration.run.UnitOutcome;
import dev.fleetsim.cli.CancelOnInterrupt;
import dev.fleetsim.cli.UserError;
import dev.fleetsim.engine.scenario.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code fleetsim calibrate run}: checks for a GPU, builds the benchmarks if needed, probes the GPUs, and runs
 * every benchmark unit into the run folder with a progress bar and a time budget; resumable.
 * Exit codes: 0 done, 2 no nvcc / no GPU / bad option, 3 a unit failed (run again to retry
 * it), 130 cancelled (finished units are kept).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the calibration microbenchmarks on this GPU node and write raw measurements (resumable).")
final class CalibrateRunCommand implements Callable<Integer> {

    static final int EXIT_UNIT_FAILED = 3;

    @Option(names = "--out", paramLabel = "DIR", description = "run folder (default: runs/calibration-<host>); an unfinished run there resumes")
    Path out;

    @Option(names = "--quick", description = "the reduced grid: about 5 minutes on an 8-GPU node instead of 30")
    boolean quick;

    @Option(names = "--budget", paramLabel = "DURATION", description = "time budget of the whole run, e.g. \"20 min\" (default: 5 min with --quick, 30 min)")
    String budget;

    @Option(names = "--only", paramLabel = "UNITS", split = ",", description = "run only these units (launch, memory, gemm-bf16, gemm-fp8, gemm-fp16, gemm-tf32, gemm-fp32, attention, hostcopy, p2p, nccl)")
    List<String> only;

    @Option(names = "--force", description = "re-run units an earlier run finished")
    boolean force;

    @Option(names = "--nvcc", paramLabel = "PATH", description = "the nvcc to build with (default: CUDA_HOME, PATH, /usr/local/cuda)")
    Path nvcc;

    @Option(names = "--bench", paramLabel = "PATH", description = "a fleetsim-bench built before (skips the build)")
    Path bench;

    @Option(names = "--build-dir", paramLabel = "DIR", description = "where builds are cached (default: ~/.cache/fleetsim)")
    Path buildDir;

    @Override
    public Integer call() {
        double budgetS = budget == null ? (quick ? CalibrationRunner.QUICK_BUDGET_S : CalibrationRunner.FULL_BUDGET_S)
                : parseBudget(budget);
        List<CalibrationRunner.Unit> units = selectUnits();
        Path dir = out != null ? out : Path.of("runs", "calibration-" + host());
        if (force) {
            for (CalibrationRunner.Unit u : units) {
                try {
                    Files.deleteIfExists(dir.resolve(u.name() + ".jsonl"));
                } catch (java.io.IOException e) {
                    throw new UserError("cannot remove " + dir.resolve(u.name() + ".jsonl") + ": " + e.getMessage());
                }
            }
        }
        try {
            Path binary;
            if (bench != null) {
                if (!Files.isExecutable(bench)) {
                    throw new UserError("--bench " + bench + ": no executable there");
                }
                binary = bench;
            } else {
                Optional<Path> explicit = nvcc == null ? Optional.empty() : Optional.of(BenchBuilder.nvcc(Optional.of(nvcc)));  // a bad option first
                GpuPresence.require();  // before the build: no point compiling for a minute on a machine without a GPU
                binary = BenchBuilder.build(explicit.isPresent() ? explicit.get() : BenchBuilder.nvcc(Optional.empty()),
                        buildDir != null ? buildDir : BenchBuilder.defaultCache(), m -> System.err.println(m));
            }
            CalibrationRunner runner = new CalibrationRunner(binary, dir, quick, budgetS, units);
            describe(runner.probe());
            RunProgress progress = new RunProgress(System.err, RunProgress.onTerminal());
            List<UnitOutcome> outcomes;
            try (CancelOnInterrupt interrupt = new CancelOnInterrupt(progress::cancel)) {
                try {
                    outcomes = runner.run(progress);
                } finally {
                    progress.finish();
                }
            }
            return summarise(dir, outcomes, progress.cancelled());
        } catch (CalibrationException e) {
            throw new UserError(e.getMessage());
        }
    }

    private List<CalibrationRunner.Unit> selectUnits() {
        List<CalibrationRunner.Unit> all = CalibrationRunner.units();
        if (only == null || only.isEmpty()) {
            return all;
        }
        List<CalibrationRunner.Unit> out = new ArrayList<>();
        for (String name : only) {
            CalibrationRunner.Unit u = all.stream().filter(x -> x.name().equals(name.strip())).findFirst()
                    .orElseThrow(() -> new UserError("--only: found \"" + name + "\"; expected units from: "
                            + String.join(", ", all.stream().map(CalibrationRunner.Unit::name).toList())));
            out.add(u);
        }
        return out;
    }

    static double parseBudget(String text) {
        try {
            double s = Units.durationNs(text) / 1e9;
            if (!(s >= 10)) {
                throw new UserError("--budget: found \"" + text + "\"; expected a duration of at least 10 s, such as \"20 min\"");
            }
            return s;
        } catch (IllegalArgumentException e) {
            throw new UserError("--budget: found \"" + text + "\"; expected a duration such as \"20 min\" or \"1 h\"");
        }
    }

    private static String host() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h.replaceAll("[^A-Za-z0-9._-]", "_");
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static void describe(JsonNode id) {
        JsonNode devices = id.path("devices");
        String name = devices.path(0).path("name").asText("unknown GPU");
        StringBuilder versions = new StringBuilder();
        id.path("versions").properties().forEach(e -> versions.append(versions.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                .append(e.getValue().asText()));
        System.err.printf(Locale.ROOT, "%d x %s on %s (%s)%n", devices.size(), name, id.path("host").asText(), versions);
        id.path("missingLibraries").properties().forEach(e -> System.err.println("  missing: " + e.getValue().asText()));
    }

    private static int summarise(Path dir, List<UnitOutcome> outcomes, boolean cancelled) {
        System.out.println("unit        status     points   time   note");
        boolean failed = false;
        for (UnitOutcome o : outcomes) {
            System.out.printf(Locale.ROOT, "%-11s %-10s %6d %6.1fs   %s%n", o.unit(), o.status(), o.points(), o.wallS(), o.message());
            failed |= o.status().equals("failed");
        }
        System.out.println("Raw measurements in " + dir + " (" + CalibrationRunner.MANIFEST + " sums up). Next: fleetsim calibrate fit "
                + dir + " --out profile.yaml");
        if (cancelled) {
            System.err.println("cancelled: finished units are kept; run the same command again to resume");
            return 130;
        }
        if (failed) {
            System.err.println("some units failed (see their .log files in " + dir + "); run the same command again to retry them");
            return EXIT_UNIT_FAILED;
        }
        return 0;
    }
}
