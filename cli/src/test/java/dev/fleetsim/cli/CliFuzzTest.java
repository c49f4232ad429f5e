package dev.fleetsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.ScenarioWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A seeded mutation fuzzer of the command line, in-process: the files of {@code scenarios/} and
 * a few small hand-made ones are mutated ({@link ScenarioMutator}) and fed to {@code validate},
 * then, when accepted, to {@code run} (capped to a few jobs), {@code estimate}; random option
 * sets go to {@code estimate collective}; damaged copies of a real run folder to
 * {@code explain}. Every invocation must end with exit 0 or 2, never a stack trace or an
 * "internal error"; every refusal must give a path, what was found and what is allowed, on
 * bounded lines without control characters; every accepted file must run; no case may take
 * longer than the per-case timeout or allocate absurd memory.
 *
 * <p>By default it runs up to 3,000 cases, stopping after 50 s (at least 300), so the suite stays
 * fast on a loaded machine; {@code -Dfleetsim.fuzz.cases=100000} runs exactly that many,
 * {@code -Dfleetsim.fuzz.seed=S} another sequence, and {@code -Dfleetsim.fuzz.case=SEED} the one
 * case a failure names.
 */
class CliFuzzTest {

    private static final int CASES = Integer.getInteger("fleetsim.fuzz.cases", 3000);
    /** Without an explicit case count, the run stops after this many seconds (at least MIN_CASES cases). */
    private static final long BUDGET_S = Long.getLong("fleetsim.fuzz.seconds",
            System.getProperty("fleetsim.fuzz.cases") != null ? Long.MAX_VALUE / 2_000_000_000L : 50);
    private static final int MIN_CASES = 300;
    private static final long SEED = Long.getLong("fleetsim.fuzz.seed", 7_2026L);
    private static final Long ONE_CASE = Long.getLong("fleetsim.fuzz.case");
    private static final long CASE_TIMEOUT_S = Long.getLong("fleetsim.fuzz.timeoutS", 60);
    /** A case allocating more than this is allocating absurd memory for its input. */
    private static final long MAX_ALLOCATED_BYTES = 3L << 30;
    private static final int MAX_ERR_LINE = 2_100;
    private static final int MAX_OUT_LINE = 20_100;
    private static final Pattern PROBLEM = Pattern.compile("^\\s+\\S.*?: found .+; expected .+$");
    /** Columns and keys of the results that hold names, not numbers. */
    private static final java.util.Set<String> TEXT_COLUMNS = java.util.Set.of("id", "tenant", "state", "gpu_type",
            "placement", "reason", "scenario", "policy", "name", "model", "kind", "network");
    private static final Pattern NOT_FINITE = Pattern.compile("\\b(NaN|-?Infinity)\\b");
    private static final Pattern SINGLE = Pattern.compile("^error: \\S.*?: found .+; expected .+$");

    @TempDir
    static Path tmp;
    private static final List<Base> BASES = new ArrayList<>();
    private static final Fleetsim FLEETSIM = Fleetsim.create();
    private static final Map<String, Long> TIMES = new java.util.TreeMap<>();
    /** Bytes the command line allocated in the current case (the fuzzer's own work not counted). */
    private static final ThreadLocal<Long> ALLOCATED = ThreadLocal.withInitial(() -> 0L);
    private static final Map<String, Integer> COUNTS = new java.util.TreeMap<>();
    private static Path explainRun;
    private static String explainJob;

    /** A file to mutate: its name, text and tree. */
    private record Base(String name, String text, JsonNode tree) {
    }

    /** What one invocation did. */
    private record Call(String command, CliRunner.Outcome outcome) {
    }

    @BeforeAll
    static void corpus() throws Exception {
        try (Stream<Path> files = Files.list(TestPaths.scenarios())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String text = Files.readString(f);
                BASES.add(new Base(f.getFileName().toString(), text, ScenarioMutator.YAML.readTree(text)));
            }
        }
        for (Map.Entry<String, String> e : HandMade.FILES.entrySet()) {
            BASES.add(new Base(e.getKey(), e.getValue(), ScenarioMutator.YAML.readTree(e.getValue())));
        }
        Path opta = tmp.resolve("explain.yaml");
        Files.writeString(opta, HandMade.OPTA_RUN);
        explainRun = tmp.resolve("explain-run");
        CliRunner.Outcome o = CliRunner.fleetsim("run", opta.toString(), "--out", explainRun.toString(), "--quiet",
                "--no-charts");
        assertEquals(0, o.exit(), o.err());
        explainJob = Files.readAllLines(explainRun.resolve("jobs.csv")).get(1).split(",")[0];
    }

    @Test
    void noInputCrashesTheCommandLine() throws Exception {
        List<String> failures = new ArrayList<>();
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        List<long[]> slowest = new ArrayList<>();
        int ran = 0;
        long start = System.nanoTime();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        });
        try {
            int cases = ONE_CASE != null ? 1 : CASES;
            for (int i = 0; i < cases && failures.size() < 5; i++) {
                if (i >= MIN_CASES && System.nanoTime() - start > BUDGET_S * 1_000_000_000L) {
                    break;
                }
                ran = i + 1;
                long seed = ONE_CASE != null ? ONE_CASE : caseSeed(SEED, i);
                Path dir = Files.createDirectories(tmp.resolve("case-" + i));
                Future<String> f = worker.submit(() -> fuzzCase(seed, dir, outcomes));
                String failure;
                long caseStart = System.nanoTime();
                try {
                    failure = f.get(CASE_TIMEOUT_S, TimeUnit.SECONDS);
                    slowest.add(new long[] {System.nanoTime() - caseStart, seed});
                    slowest.sort((x, y) -> Long.compare(y[0], x[0]));
                    if (slowest.size() > 3) {
                        slowest.remove(3);
                    }
                } catch (TimeoutException e) {
                    failures.add(report(seed, "did not finish in " + CASE_TIMEOUT_S + " s (a hang)", dir));
                    break;
                }
                if (failure != null) {
                    failures.add(report(seed, failure, dir));
                } else {
                    delete(dir);
                }
            }
        } finally {
            worker.shutdownNow();
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "fuzz: %d of %d cases (seed %d) in %.1f s: %s; commands %s, their ms %s%n",
                ran, ONE_CASE != null ? 1 : CASES, SEED, s, outcomes, COUNTS, TIMES);
        slowest.forEach(c -> System.out.printf(Locale.ROOT, "  slowest: seed %d, %.0f ms%n", c[1], c[0] / 1e6));
        if (!failures.isEmpty()) {
            fail(failures.size() + " fuzz case(s) failed:\n\n" + String.join("\n\n", failures));
        }
        assertTrue(outcomes.getOrDefault("run ok", 0) > 0 || ONE_CASE != null, "some mutated files were run: " + outcomes);
    }

    /** The seed of case {@code i}: SplitMix64 of the master seed and the index, so cases are independent. */
    static long caseSeed(long master, long i) {
        long z = master + (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String report(long seed, String failure, Path dir) {
        return "case seed " + seed + ": " + failure + "\n  input kept in " + dir
                + "\n  reproduce: ./mvnw -B -o -pl cli -am test -Dtest=CliFuzzTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dfleetsim.fuzz.case=" + seed;
    }

    /** One case; null when every check held, else what failed. */
    private static String fuzzCase(long seed, Path dir, Map<String, Integer> outcomes) throws Exception {
        ScenarioMutator m = new ScenarioMutator(seed);
        ALLOCATED.set(0L);
        List<Call> calls = new ArrayList<>();
        int kind = m.nextInt(100);
        if (kind < 72) {
            scenarioCase(m, dir, calls, outcomes);
        } else if (kind < 86) {
            collectiveCase(m, calls);
        } else {
            explainCase(m, dir, calls);
        }
        long allocatedBytes = ALLOCATED.get();
        if (ONE_CASE != null) {
            System.out.println("case " + seed + ": " + m.log + ", allocated " + allocatedBytes / (1 << 20) + " MiB");
            calls.forEach(c -> System.out.println("  " + c.command() + " -> exit " + c.outcome().exit() + "\n    "
                    + clip(c.outcome().err())));
        }
        for (Call c : calls) {
            String problem = check(c);
            if (problem != null) {
                return problem + "\n  mutations: " + m.log + "\n  command: " + c.command() + "\n  exit " + c.outcome().exit()
                        + "\n  stderr: " + clip(c.outcome().err()) + "\n  stdout: " + clip(c.outcome().out());
            }
        }
        if (allocatedBytes > MAX_ALLOCATED_BYTES) {
            return "allocated " + allocatedBytes / (1 << 20) + " MiB\n  mutations: " + m.log + "\n  commands: "
                    + calls.stream().map(Call::command).toList();
        }
        return null;
    }

    private static void scenarioCase(ScenarioMutator m, Path dir, List<Call> calls, Map<String, Integer> outcomes)
            throws Exception {
        Base base = m.pick(BASES);
        m.log.add("base " + base.name());
        JsonNode tree = m.chance(0.85) ? m.mutateTree(base.tree(), 1 + m.nextInt(3)) : base.tree();
        boolean json = m.chance(0.15);
        String text = json ? ScenarioMutator.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree)
                : tree == base.tree() ? base.text() : ScenarioMutator.YAML.writeValueAsString(tree);
        if (!json && m.chance(0.3)) {
            text = m.mutateText(text);
        }
        if (json && m.chance(0.1)) {
            text = text + (m.chance(0.5) ? "\n{\"name\": \"second\"}" : "\ngarbage");
            m.log.add("trailing JSON");
        }
        byte[] bytes = m.chance(0.08) ? m.mutateBytes(text) : text.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve(json ? "case.json" : "case.yaml");
        Files.write(file, bytes);
        Call validate = call(calls, "validate", file.toString());
        if (validate.outcome().exit() != 0) {
            count(outcomes, "refused");
            return;
        }
        count(outcomes, "accepted");
        Path capped = capped(file, dir, m);
        if (capped == null) {
            return;
        }
        List<String> run = new ArrayList<>(List.of("run", capped.toString(), "--out", dir.resolve("out").toString(),
                "--quiet"));
        if (m.chance(0.95)) {
            run.add("--no-charts");
        }
        Call r = call(calls, run.toArray(new String[0]));
        count(outcomes, r.outcome().exit() == 0 ? "run ok" : "run refused");
        if (r.outcome().exit() == 0) {
            for (String name : List.of("summary.json", "jobs.csv", "timeseries.csv")) {
                Path written = dir.resolve("out").resolve(name);
                if (Files.exists(written) && notFinite(name, Files.readString(written))) {
                    calls.add(new Call(String.join(" ", run) + " (then " + name + ")", new CliRunner.Outcome(1,
                            "", name + " holds NaN or Infinity: " + clip(Files.readString(written)))));
                }
            }
        }
        if (m.chance(0.4)) {
            call(calls, m.chance(0.5) ? new String[] {"estimate", file.toString()}
                    : new String[] {"estimate", file.toString(), "--json"});
        }
    }

    /**
     * The accepted file as its resolved scenario, capped so the run is short: at most a few
     * listed jobs, a few jobs per generator, few time-series rows, small solver rounds.
     */
    private static Path capped(Path file, Path dir, ScenarioMutator m) throws Exception {
        ScenarioSpec spec = FLEETSIM.validate(file).orThrow();
        ObjectNode tree = (ObjectNode) ScenarioMutator.YAML.readTree(new ScenarioWriter().write(spec));
        ObjectNode sim = object(tree, "simulation");
        sim.put("timeseriesPoints", Math.min(sim.path("timeseriesPoints").asInt(500), 50));
        JsonNode jobs = tree.path("workload").path("jobs");
        while (jobs.isArray() && jobs.size() > 12) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) jobs).remove(jobs.size() - 1);
        }
        for (JsonNode g : tree.path("workload").path("generators")) {
            ((ObjectNode) g).put("count", Math.min(g.path("count").asInt(1), 1 + m.nextInt(12)));
        }
        if (tree.path("policy").path("name").asText().equals("optaplanner")) {
            ObjectNode params = object(object(tree, "policy"), "params");
            params.put("window", Math.min(params.path("window").asInt(200), 10));
            params.put("steps", Math.min(params.path("steps").asInt(200), 20));
        }
        Path out = dir.resolve("capped.yaml");
        Files.writeString(out, ScenarioMutator.YAML.writeValueAsString(tree));
        return out;
    }

    private static ObjectNode object(ObjectNode parent, String key) {
        JsonNode n = parent.get(key);
        return n instanceof ObjectNode ? (ObjectNode) n : parent.putObject(key);
    }

    private static void collectiveCase(ScenarioMutator m, List<Call> calls) {
        List<String> args = new ArrayList<>(List.of("estimate", "collective"));
        String[][] options = {
            {"--op", "allreduce", "allgather", "reducescatter", "alltoall", "sendrecv", "allreduse", "", "ALLREDUCE"},
            {"--gpus", "2", "8", "16", "64", "0", "-1", "1", "3", "2147483647", "100000000", "9999999999999999999", "x", "1e3"},
            {"--gpu", "H100-SXM", "H100", "A100-80GB", "L40S", "MI300X", "B200", "h200", "", "\u001b[2J"},
            {"--nodes", "1", "2", "3", "0", "-5", "1000000", "4294967297"},
            {"--gpus-per-node", "1", "4", "8", "0", "1024", "1025", "2.5"},
            {"--nic", "400 Gb/s", "1e400 Gb/s", "0 Gb/s", "1e-300 Gb/s", "400", "100 Gb/s", "3.2 Tb/s", "fast"},
            {"--nics-per-node", "0", "1", "8", "-1", "64", "65"},
            {"--nodes-per-leaf", "1", "4", "0", "100001"},
            {"--oversubscription", "1", "2", "0.5", "1e9", "NaN", "Infinity", "-1"},
            {"--algo", "auto", "ring", "tree", "nvls", "hierarchical", "magic"},
            {"--sizes", "1M..8G", "1..1", "8G..1M", "99999999999999999999..1", "1K", "1T..1T", "0..4", "1M..2T", "x"},
        };
        for (String[] option : options) {
            if (m.chance(0.3)) {
                args.add(option[0]);
                args.add(option[1 + m.nextInt(option.length - 1)]);
            }
        }
        if (m.chance(0.5) && !args.contains("--sizes")) {
            args.add("--sizes");
            args.add("1M..4M"); // keep the common case quick
        }
        m.log.add(String.join(" ", args));
        call(calls, args.toArray(new String[0]));
    }

    private static void explainCase(ScenarioMutator m, Path dir, List<Call> calls) throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        try (Stream<Path> files = Files.list(explainRun)) {
            for (Path f : files.toList()) {
                Files.copy(f, run.resolve(f.getFileName()));
            }
        }
        String target = m.pick(List.of("jobs.csv", "decisions.jsonl", "summary.json"));
        Path file = run.resolve(target);
        switch (m.nextInt(6)) {
            case 0:
                Files.delete(file);
                m.log.add("deleted " + target);
                break;
            case 1:
                Files.write(file, m.mutateBytes(Files.readString(file)));
                break;
            case 2:
                Files.writeString(file, Files.readString(file) + m.pick(List.of("garbage\n", "{\"jobId\": 1}\n",
                        "[\n", "\u001b[2J\n", "{\"jobId\": \"" + explainJob + "\", \"details\": " + "{\"a\":".repeat(900)
                                + "1" + "}".repeat(900) + "}\n")));
                m.log.add("appended a line to " + target);
                break;
            case 3: {
                List<String> lines = new ArrayList<>(Files.readAllLines(file));
                if (!lines.isEmpty()) {
                    lines.add(m.nextInt(lines.size()), "not json, not csv, \"unclosed");
                }
                Files.write(file, lines);
                m.log.add("inserted a garbage line into " + target);
                break;
            }
            case 4:
                Files.writeString(file, "");
                m.log.add("emptied " + target);
                break;
            default:
                m.log.add("left intact");
        }
        String job = m.chance(0.8) ? explainJob : m.pick(List.of("", "no-such-job", "\u0007", "x".repeat(100_000)));
        call(calls, "explain", run.toString(), job);
    }

    private static Call call(List<Call> calls, String... args) {
        long start = System.nanoTime();
        long allocatedBefore = allocated();
        CliRunner.Outcome o = CliRunner.fleetsim(args);
        ALLOCATED.set(ALLOCATED.get() + allocated() - allocatedBefore);
        String command = args[0].equals("estimate") && args.length > 1 && args[1].equals("collective") ? "collective"
                : args[0];
        TIMES.merge(command, (System.nanoTime() - start) / 1_000_000L, Long::sum);
        COUNTS.merge(command, 1, Integer::sum);
        Call c = new Call(String.join(" ", List.of(args).stream().map(a -> ScenarioMutator.describe(a)).toList()), o);
        calls.add(c);
        return c;
    }

    /** Null when the invocation behaved, else what it did wrong. */
    private static String check(Call c) {
        CliRunner.Outcome o = c.outcome();
        String all = o.out() + o.err();
        if (o.exit() != 0 && o.exit() != Main.EXIT_BAD_INPUT) {
            return "exit code " + o.exit();
        }
        for (String bad : List.of("internal error", "Exception", "\tat ", "Caused by")) {
            if (all.contains(bad)) {
                return "the output contains \"" + bad + "\"";
            }
        }
        String control = controlCharacter(all);
        if (control != null) {
            return "the output contains the control character " + control;
        }
        String longLine = longLine(o.err(), MAX_ERR_LINE);
        if (longLine == null) {
            longLine = longLine(o.out(), MAX_OUT_LINE);
        }
        if (longLine != null) {
            return longLine;
        }
        if (o.exit() == Main.EXIT_BAD_INPUT) {
            return refusalProblem(o.err());
        }
        return null;
    }

    /** A refusal must say where, what it found and what is allowed. */
    private static String refusalProblem(String err) {
        List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return "exit 2 without a message";
        }
        String first = lines.get(0);
        if (!first.startsWith("error: ")) {
            return "a refusal that does not start with \"error: \": " + clip(first);
        }
        boolean problems = false;
        for (String l : lines.subList(1, lines.size())) {
            if (l.startsWith("see '")) {
                continue;
            }
            if (!PROBLEM.matcher(l).matches()) {
                return "a problem line without path, found and expected: " + clip(l);
            }
            problems = true;
        }
        if (!problems && !SINGLE.matcher(first).matches()) {
            return "a refusal without path, found and expected: " + clip(first);
        }
        return null;
    }

    /** Whether a results file holds NaN or Infinity where a number belongs (a tenant may be named "NaN"). */
    private static boolean notFinite(String name, String text) throws Exception {
        if (name.endsWith(".json")) {
            return notFinite(ScenarioMutator.JSON.readTree(text), "");
        }
        List<String> lines = text.lines().toList();
        List<String> header = List.of(lines.get(0).split(",", -1));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            for (int i = 0; i < cells.length && i < header.size(); i++) {
                if (!TEXT_COLUMNS.contains(header.get(i)) && NOT_FINITE.matcher(cells[i]).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean notFinite(JsonNode n, String key) {
        if (n.isContainerNode()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (notFinite(e.getValue(), e.getKey())) {
                    return true;
                }
            }
            for (JsonNode item : n.isArray() ? n : List.<JsonNode>of()) {
                if (notFinite(item, key)) {
                    return true;
                }
            }
            return false;
        }
        if (n.isNumber()) {
            return !Double.isFinite(n.asDouble());
        }
        return n.isTextual() && !TEXT_COLUMNS.contains(key) && NOT_FINITE.matcher(n.asText()).matches();
    }

    private static String controlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\n' && c != '\t' && (c < 0x20 || c >= 0x7f && c < 0xa0 || Character.getType(c) == Character.FORMAT
                    && c != '\uFEFF')) {
                return String.format("U+%04X at %d", (int) c, i);
            }
        }
        return null;
    }

    private static String longLine(String s, int max) {
        return s.lines().filter(l -> l.length() > max).findFirst()
                .map(l -> "a line of " + l.length() + " characters: " + clip(l)).orElse(null);
    }

    private static String clip(String s) {
        String t = s.length() > 1_500 ? s.substring(0, 1_500) + "... (" + s.length() + " chars)" : s;
        return t.replace("\n", "\n    ");
    }

    private static long allocated() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean) {
            return ((com.sun.management.ThreadMXBean) bean).getCurrentThreadAllocatedBytes();
        }
        return 0;
    }

    private static void count(Map<String, Integer> outcomes, String what) {
        outcomes.merge(what, 1, Integer::sum);
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Small files written for the fuzzer: one job (for estimate), each generator kind, a hardware section. */
    static final class HandMade {
        static final Map<String, String> FILES = new LinkedHashMap<>();
        static final String OPTA_RUN = String.join("\n",
                "name: explain-me",
                "simulation: {charts: false, timeseriesPoints: 20}",
                "cluster:",
                "  nodeGroups:",
                "    - {name: a, gpuType: H100-SXM, count: 2, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}",
                "workload:",
                "  generators:",
                "    - {name: w, count: 12, meanInterarrival: 5 min, tenants: [a, b], mix: [{name: m, weight: 1,"
                        + " iterations: {min: 100, max: 2000}, job: {model: gpt-1.3b, precision: bf16, globalBatch: 16,"
                        + " parallelism: {dp: 8}}}]}",
                "policy: {name: optaplanner, params: {window: 10, steps: 20}}",
                "");

        static {
            FILES.put("one-job.yaml", String.join("\n",
                    "name: one-job",
                    "cluster:",
                    "  nodeGroups:",
                    "    - {name: a, gpuType: H100-SXM, count: 2, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}",
                    "  fabric: {nodesPerLeaf: 1, oversubscription: 2, nicLatency: 5 us}",
                    "workload:",
                    "  jobs:",
                    "    - {id: j, model: llama3-8b, precision: bf16, globalBatch: 64, microBatch: 2,"
                            + " parallelism: {tp: 2, pp: 2, dp: 4}, iterations: 20, submit: 1 min, tenant: t}",
                    ""));
            FILES.put("inline-model.yaml", String.join("\n",
                    "name: inline",
                    "hardware:",
                    "  X9: {basedOn: H100-SXM, hbm: 141 GiB, peakTflops: {fp8: null}, price: 4 USD/h}",
                    "cluster:",
                    "  nodeGroups:",
                    "    - {name: x, gpuType: X9, count: 1, gpusPerNode: 8, nicsPerNode: 0}",
                    "workload:",
                    "  jobs:",
                    "    - id: m",
                    "      model: {name: tiny, layers: 4, hidden: 1024, heads: 16, vocab: 32000, seqLength: 2048}",
                    "      precision: bf16",
                    "      globalBatch: 16",
                    "      parallelism: {tp: 2, dp: 4}",
                    "      tokens: 1M",
                    "      estimate: 1 h",
                    "policy: {name: sjf, params: {length: estimate}, preemption: {checkpointInterval: 10 min}}",
                    "cost: {pue: 1.3, electricity: 0.2 USD/kWh}",
                    ""));
            FILES.put("trace.yaml", String.join("\n",
                    "name: trace",
                    "simulation: {horizon: 2 d, network: analytic}",
                    "cluster:",
                    "  nodeGroups:",
                    "    - {name: a, gpuType: A100-80GB, count: 16, gpusPerNode: 8, nicsPerNode: 4, nicBandwidth: 200 Gb/s}",
                    "  fabric: {kind: rail-optimised, nodesPerLeaf: 4, spines: 2, pods: {nodesPerPod: 8, superSpines: 2}}",
                    "workload:",
                    "  generators:",
                    "    - {name: p, kind: trace, trace: pai, count: 40, scale: 3, diurnal: 0.3, tenants: [x, y, z],"
                            + " tenantSkew: 1.2, sizeDurationCorrelation: 0.5, maxGpus: 8}",
                    "policy: {name: las}",
                    ""));
        }

        private HandMade() {
        }
    }
}
