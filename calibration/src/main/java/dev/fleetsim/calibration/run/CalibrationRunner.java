package dev.fleetsim.calibration.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.calibration.raw.RawFile;
import dev.fleetsim.calibration.raw.RawFormatException;
import dev.fleetsim.calibration.raw.RawReader;
import dev.fleetsim.engine.metrics.AtomicFiles;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the benchmark units one after another into a folder, within a time budget (5 minutes
 * with {@code quick}, 30 without), resumably: every unit streams into {@code <unit>.jsonl.partial}
 * (to follow while it runs) and is written as {@code <unit>.jsonl}, through {@link AtomicFiles},
 * only when the benchmark finished and wrote its end line, so a crash, a kill or Ctrl-C never
 * leaves a file that looks complete, and a second run
 * skips the units already done (a quick unit counts as done only for a quick run). Each unit
 * gets a share of the budget that is left ({@code --budget-s} to the program, which then stops
 * starting new points), and is killed if it overruns that by far. {@code run.json} sums up.
 */
public final class CalibrationRunner {

    /** Seconds a quick run may take on one 8-GPU node. */
    public static final double QUICK_BUDGET_S = 300;
    /** Seconds a full run may take on one 8-GPU node. */
    public static final double FULL_BUDGET_S = 1800;
    /** The summary file, written last. */
    public static final String MANIFEST = "run.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One benchmark unit: a sub-command of the program and its share of the time budget.
     *
     * @param name unit and file name
     * @param args arguments of {@code fleetsim-bench}
     * @param share relative share of the budget
     */
    public record Unit(String name, List<String> args, double share) {
    }

    /** The units, in run order (the ones most runs depend on first). */
    public static List<Unit> units() {
        return List.of(
                new Unit("launch", List.of("launch"), 1),
                new Unit("memory", List.of("memory"), 6),
                new Unit("gemm-bf16", List.of("gemm", "--dtype", "bf16"), 14),
                new Unit("gemm-fp8", List.of("gemm", "--dtype", "fp8"), 12),
                new Unit("gemm-fp16", List.of("gemm", "--dtype", "fp16"), 8),
                new Unit("gemm-tf32", List.of("gemm", "--dtype", "tf32"), 8),
                new Unit("gemm-fp32", List.of("gemm", "--dtype", "fp32"), 9),
                // a few large bf16 GEMMs on every GPU of the node: the spread between them (gemmSpread)
                new Unit("gemm-devices", List.of("gemm-devices", "--dtype", "bf16"), 3),
                new Unit("attention", List.of("attention"), 12),
                new Unit("hostcopy", List.of("hostcopy"), 5),
                new Unit("p2p", List.of("p2p"), 8),
                new Unit("nccl", List.of("nccl"), 17));
    }

    private final Path bench;
    private final Path out;
    private final boolean quick;
    private final double budgetS;
    private final List<Unit> units;

    /**
     * @param bench the built {@code fleetsim-bench}
     * @param out the run folder
     * @param quick the reduced grid
     * @param budgetS the whole run's time budget
     * @param units the units to run
     */
    public CalibrationRunner(Path bench, Path out, boolean quick, double budgetS, List<Unit> units) {
        this.bench = bench;
        this.out = out;
        this.quick = quick;
        this.budgetS = budgetS;
        this.units = List.copyOf(units);
    }

    /** Checks that the program finds a GPU: its identity line, or the program's own reason. */
    public JsonNode probe() {
        BenchBuilder.Result r = BenchBuilder.run(List.of(bench.toString(), "identity"), null, 120);
        String text = r.output().strip();
        if (r.exit() != 0) {
            String reason = text.isEmpty() ? "exit code " + r.exit() : BenchBuilder.tail(text, 3);
            throw new CalibrationException("no usable GPU on this machine: " + reason.replace("fleetsim-bench: ", "")
                    + (r.exit() == 4 ? " (calibrate run needs an NVIDIA GPU with a driver for CUDA 13, R580 or newer)" : ""));
        }
        for (String line : text.split("\n")) {
            try {
                JsonNode n = JSON.readTree(line);
                if (n != null && "identity".equals(n.path("kind").asText())) {
                    return n;
                }
            } catch (IOException e) {
                // a message line; keep looking
            }
        }
        throw new CalibrationException(bench + " identity printed no identity line:\n" + BenchBuilder.tail(text, 5));
    }

    /** Runs every unit not already done; returns what happened to each. */
    public List<UnitOutcome> run(RunListener listener) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new CalibrationException("cannot create the run folder " + out + ": " + e.getMessage());
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<UnitOutcome> outcomes = new ArrayList<>();
        double sharesLeft = units.stream().mapToDouble(Unit::share).sum();
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            UnitOutcome o;
            if (listener.cancelled()) {
                o = new UnitOutcome(u.name(), "cancelled", 0, 0, "");
            } else if (done(u)) {
                o = new UnitOutcome(u.name(), "resumed", previousPoints(u), 0, "finished by an earlier run");
                listener.message(u.name() + ": done in an earlier run, kept");
            } else {
                // the unit's share of what is left, less a tenth for start-up and the last point
                double unitBudget = Math.max(5, 0.9 * (budgetS - elapsed) * u.share() / sharesLeft);
                listener.unitStarted(u.name(), i, units.size(), unitBudget);
                o = runUnit(u, unitBudget, listener, t0);
            }
            sharesLeft -= u.share();
            outcomes.add(o);
            listener.unitFinished(o);
        }
        writeManifest(started, (System.nanoTime() - t0) / 1e9, outcomes);
        return outcomes;
    }

    private Path file(Unit u) {
        return out.resolve(u.name() + ".jsonl");
    }

    /** A complete earlier file of this unit, measured with at least this run's grid. */
    boolean done(Unit u) {
        Path f = file(u);
        if (!Files.isRegularFile(f)) {
            return false;
        }
        try {
            RawFile raw = RawReader.read(List.of(f)).files().get(0);
            boolean complete = raw.status().equals("ok") || raw.status().equals("truncated");
            return complete && (quick || !raw.identity().quick());
        } catch (RawFormatException e) {
            return false;
        }
    }

    private int previousPoints(Unit u) {
        try {
            return RawReader.read(List.of(file(u))).files().get(0).measurements().size();
        } catch (RawFormatException e) {
            return 0;
        }
    }

    private UnitOutcome runUnit(Unit u, double unitBudgetS, RunListener listener, long runStart) {
        Path partial = out.resolve(u.name() + ".jsonl.partial");
        Path log = out.resolve(u.name() + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(bench.toString());
        cmd.addAll(u.args());
        if (quick) {
            cmd.add("--quick");
        }
        cmd.add("--budget-s");
        cmd.add(String.format(java.util.Locale.ROOT, "%.0f", unitBudgetS));
        long start = System.nanoTime();
        AtomicInteger planned = new AtomicInteger();
        AtomicInteger points = new AtomicInteger();
        AtomicBoolean ended = new AtomicBoolean();
        String[] endStatus = {"failed"};
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        } catch (IOException e) {
            return new UnitOutcome(u.name(), "failed", 0, 0, "cannot start " + bench + ": " + e.getMessage());
        }
        Thread reader = new Thread(() -> copyLines(p, partial, planned, points, ended, endStatus), "calibrate-" + u.name());
        reader.setDaemon(true);
        reader.start();
        double hardLimitS = unitBudgetS + Math.max(60, 0.5 * unitBudgetS);
        String stopped = null;
        try {
            while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
                double el = (System.nanoTime() - start) / 1e9;
                listener.progress(u.name(), points.get(), planned.get(), el, (System.nanoTime() - runStart) / 1e9, budgetS);
                if (listener.cancelled()) {
                    stopped = "cancelled";
                } else if (el > hardLimitS) {
                    stopped = String.format(java.util.Locale.ROOT, "killed after %.0f s (budget %.0f s)", el, unitBudgetS);
                }
                if (stopped != null) {
                    kill(p);
                    break;
                }
            }
            reader.join(5_000);
            if (reader.isAlive()) {
                p.getInputStream().close();  // a leftover child still holds the pipe: stop reading
                reader.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            stopped = "cancelled";
        } catch (IOException e) {
            stopped = "cannot read its output: " + e.getMessage();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        int exit = p.isAlive() ? -1 : p.exitValue();
        try {
            if (stopped == null && exit == 0 && ended.get()) {
                // AtomicFiles, like every file the run writes: forced to disk, the user's umask, one rename
                AtomicFiles.write(file(u), o -> Files.copy(partial, o));
                Files.delete(partial);
                String status = endStatus[0];
                String message = status.equals("skipped") ? skippedReason(file(u)) : "";
                if (!message.isEmpty()) {
                    listener.message(u.name() + ": skipped: " + message);
                }
                return new UnitOutcome(u.name(), status, points.get(), wall, message);
            }
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if ("cancelled".equals(stopped)) {
            return new UnitOutcome(u.name(), "cancelled", points.get(), wall, "");
        }
        String why = stopped != null ? stopped : exit != 0 ? "exit code " + exit : "no end line";
        return new UnitOutcome(u.name(), "failed", points.get(), wall, why + "; " + lastLines(log));
    }

    /** Stops a unit and anything it started: politely, then by force after five seconds. */
    private static void kill(Process p) throws InterruptedException {
        List<ProcessHandle> children = p.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** Copies the program's output into the partial file, counting points, until it closes. */
    private static void copyLines(Process p, Path partial, AtomicInteger planned, AtomicInteger points, AtomicBoolean ended,
                                  String[] endStatus) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                w.write(line);
                w.write('\n');
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException e) {
                    continue;
                }
                String kind = n == null ? "" : n.path("kind").asText();
                switch (kind) {
                    case "plan" -> planned.set(n.path("points").asInt());
                    case "identity", "skipped" -> {
                        // no point measured
                    }
                    case "end" -> {
                        ended.set(true);
                        endStatus[0] = n.path("status").asText("ok");
                    }
                    default -> points.incrementAndGet();
                }
            }
            w.flush();
        } catch (IOException e) {
            // the process died; the unit is reported failed
        }
    }

    private static String skippedReason(Path f) {
        try {
            RawFile raw = RawReader.read(List.of(f)).files().get(0);
            return raw.skipped().isEmpty() ? "" : raw.skipped().get(0).reason();
        } catch (RawFormatException e) {
            return "";
        }
    }

    private static String lastLines(Path log) {
        try {
            String text = Files.exists(log) ? Files.readString(log) : "";
            return text.isBlank() ? "no message (see " + log + ")" : BenchBuilder.tail(text, 3).replace("\n", " | ");
        } catch (IOException e) {
            return "see " + log;
        }
    }

    private void writeManifest(Instant started, double wallS, List<UnitOutcome> outcomes) {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", "fleetsim-calibration-run/1");
        m.put("quick", quick);
        m.put("startedAt", started.toString());
        m.put("wallS", Math.round(wallS * 10) / 10.0);
        m.put("budgetS", budgetS);
        m.put("bench", bench.toString());
        ArrayNode arr = m.putArray("units");
        for (UnitOutcome o : outcomes) {
            arr.addObject().put("name", o.unit()).put("status", o.status()).put("points", o.points())
                    .put("wallS", Math.round(o.wallS() * 10) / 10.0).put("message", o.message());
        }
        try {
            AtomicFiles.writeString(out.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
