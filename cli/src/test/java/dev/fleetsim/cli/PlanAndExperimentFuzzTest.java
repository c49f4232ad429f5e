package dev.fleetsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The mutation fuzzer of {@link CliFuzzTest} on the other files a user writes: the shipped plan
 * files ({@code scenarios/plans/}), experiment files ({@code experiments/}) and two shipped
 * hardware profiles (what {@code calibrate fit} writes and a user may edit), mutated on the
 * tree, the text and the bytes, each through {@code validate} (a plan or a sweep is too long to
 * run per case). Every case must end with exit 0 or 2, never a stack trace, and every refusal must
 * say where, what it found and what is allowed. A plan whose seeds were a word was accepted.
 *
 * <p>{@code -Dfleetsim.fuzz.planCases=N} runs up to N cases (default 400), for at most
 * {@code -Dfleetsim.fuzz.planSeconds} (25).
 */
class PlanAndExperimentFuzzTest {

    private static final long SEED = Long.getLong("fleetsim.fuzz.seed", 2026_12_02L);
    private static final int CASES = Integer.getInteger("fleetsim.fuzz.planCases", 400);
    private static final long BUDGET_NS = Long.getLong("fleetsim.fuzz.planSeconds", 25) * 1_000_000_000L;
    private static final Pattern PROBLEM = Pattern.compile("^\\s+\\S.*?: found .+; expected .+$");
    private static final Pattern SINGLE = Pattern.compile("^error: \\S.*?: found .+; expected .+$");

    /** A file to mutate, with the scenario it names copied beside it (null: a profile names none). */
    private record Base(String name, String text, JsonNode tree, Path scenario) {
    }

    @Test
    void noMutatedPlanOrExperimentFileCrashesValidate(@TempDir Path tmp) throws Exception {
        List<Base> bases = new ArrayList<>();
        for (Path dir : List.of(TestPaths.scenarios().resolve("plans"), TestPaths.root().resolve("experiments"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    String text = Files.readString(f);
                    JsonNode tree = ScenarioMutator.YAML.readTree(text);
                    Path scenario = f.getParent().resolve(tree.path("scenario").asText()).normalize();
                    bases.add(new Base(f.getFileName().toString(), text, tree, scenario));
                }
            }
        }
        Path profiles = TestPaths.root().resolve("sim-engine/src/main/resources/dev/fleetsim/engine/hardware/profiles");
        for (String type : List.of("H100-SXM", "B200")) {
            Path f = profiles.resolve(type + ".yaml");
            String text = Files.readString(f);
            bases.add(new Base(f.getFileName().toString(), text, ScenarioMutator.YAML.readTree(text), null));
        }
        assertTrue(bases.size() >= 6, "plan, experiment and profile files found: " + bases.size());
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        int ran = 0;
        for (int i = 0; i < CASES && failures.size() < 5 && System.nanoTime() - start < BUDGET_NS; i++, ran++) {
            ScenarioMutator m = new ScenarioMutator(CliFuzzTest.caseSeed(SEED, i));
            Base base = m.pick(bases);
            m.log.add("base " + base.name());
            Path dir = Files.createDirectories(tmp.resolve("case-" + i));
            // the plan's or experiment's scenario beside it, under the name the file gives
            if (base.scenario() != null) {
                Path scenario = dir.resolve(base.tree().path("scenario").asText()).normalize();
                Files.createDirectories(scenario.getParent());
                Files.copy(base.scenario(), scenario, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            JsonNode tree = m.chance(0.85) ? m.mutateTree(base.tree(), 1 + m.nextInt(3)) : base.tree();
            String text = tree == base.tree() ? base.text() : ScenarioMutator.YAML.writeValueAsString(tree);
            if (m.chance(0.3)) {
                text = m.mutateText(text);
            }
            byte[] bytes = m.chance(0.08) ? m.mutateBytes(text) : text.getBytes(StandardCharsets.UTF_8);
            Path file = dir.resolve(base.name());
            Files.write(file, bytes);
            CliRunner.Outcome o = CliRunner.fleetsim("validate", file.toString());
            outcomes.merge(o.exit() == 0 ? "accepted" : "refused", 1, Integer::sum);
            String problem = problem(o);
            if (problem != null) {
                failures.add("case " + i + ": " + problem + "\n  mutations: " + m.log + "\n  stderr: " + o.err());
            }
        }
        System.out.printf(Locale.ROOT, "fuzz: %d plan, experiment and profile cases in %.1f s: %s%n", ran,
                (System.nanoTime() - start) / 1e9, outcomes);
        if (!failures.isEmpty()) {
            fail(String.join("\n\n", failures));
        }
        assertTrue(outcomes.getOrDefault("refused", 0) > 0, "some mutations were refused: " + outcomes);
    }

    /** Null when the invocation behaved, else what it did wrong. */
    private static String problem(CliRunner.Outcome o) {
        if (o.exit() != 0 && o.exit() != Main.EXIT_BAD_INPUT) {
            return "exit code " + o.exit();
        }
        String all = o.out() + o.err();
        for (String bad : List.of("internal error", "Exception", "\tat ", "Caused by")) {
            if (all.contains(bad)) {
                return "the output contains \"" + bad + "\"";
            }
        }
        if (all.lines().anyMatch(l -> l.length() > 2_100)) {
            return "a line of more than 2,100 characters (a value echoed whole)";
        }
        if (o.exit() == 0) {
            return null;
        }
        List<String> lines = o.err().lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("error: ")) {
            return "a refusal that does not start with \"error: \"";
        }
        if (lines.size() == 1) {
            return SINGLE.matcher(lines.get(0)).matches() ? null : "a refusal without path, found and expected";
        }
        for (String l : lines.subList(1, lines.size())) {
            if (!l.startsWith("see '") && !PROBLEM.matcher(l).matches()) {
                return "a problem line without path, found and expected: " + (l.length() > 300 ? l.substring(0, 300) : l);
            }
        }
        return null;
    }
}
