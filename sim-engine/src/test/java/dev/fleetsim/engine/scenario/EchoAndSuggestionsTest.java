package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.files.Suggestions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetsim.engine.scenario.ScenarioTexts.MINIMAL;
import static dev.fleetsim.engine.scenario.ScenarioTexts.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 7 items 7 and 11: what a message echoes is bounded and escaped; prefixes are suggested. */
class EchoAndSuggestionsTest {

    private static final List<String> GPUS = List.of("A100-80GB", "H100-SXM", "H100-PCIe", "H200", "B200");

    @Test
    void aLongValueIsCutWithItsLength() {
        String found = Echo.quoted("x".repeat(1_000_000));

        assertEquals("\"" + "x".repeat(Echo.MAX_CHARS) + "…\" (1000000 characters)", found);
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("\"a\\nb\\u0007c\\u001b[2J\\\"q\\\"\"", Echo.quoted("a\nb\u0007c\u001b[2J\"q\""));
        assertEquals("right\\u202eleft", Echo.plain("right\u202eleft"), "a bidirectional override is escaped");
        assertEquals("\"emoji \uD83D\uDE80\"", Echo.quoted("emoji \uD83D\uDE80"), "a surrogate pair is a character");
        assertEquals("\"lone \\ud83d\"", Echo.quoted("lone \uD83D"), "half of one is not");
    }

    @Test
    void aWholeMessageKeepsItsLinesAndCutsLongOnes() {
        assertEquals("one\ntwo\\u0000\n" + "y".repeat(10) + "… (5 more characters)",
                Echo.message("one\ntwo\u0000\n" + "y".repeat(15), 10));
    }

    @Test
    void aProblemEchoesAHugeValueBoundedAndOnOneLine() {
        List<Problem> problems = problems(MINIMAL.replace("name: minimal", "name: minimal\ndescription: 5")
                .replace("model: llama2-7b", "model: \"" + "x\\n ".repeat(250_000) + "\""));

        Problem model = problems.stream().filter(p -> p.path().endsWith("model")).findFirst().orElseThrow();
        assertTrue(model.toString().length() < 2_000, model.toString().length() + " characters");
        assertTrue(model.found().endsWith("(750000 characters)"), model.found());
        assertTrue(!model.toString().contains("\n"), "one line");
    }

    @Test
    void aMillionUnknownKeysGiveAFewHundredProblemsAndACount() {
        StringBuilder text = new StringBuilder(MINIMAL.replace("name: minimal\n", "name: minimal\nsimulation:\n"));
        int keys = 100_000;
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i < keys; i++) {
            extra.append("  k").append(i).append(": 1\n");
        }
        text.insert(text.indexOf("simulation:\n") + "simulation:\n".length(), extra);

        List<Problem> problems = problems(text.toString());

        assertEquals(ProblemList.MAX_KEPT + 1, problems.size());
        assertEquals(new Problem("(document)", (keys - ProblemList.MAX_KEPT) + " more problems, not listed",
                "a file with fewer problems: fix the ones above first"), problems.get(ProblemList.MAX_KEPT));
    }

    @Test
    void aPrefixThatNamesOneTypeIsSuggested() {
        assertEquals(" (did you mean H200?)", Suggestions.hint("H20", GPUS));
        assertEquals(List.of("H100-SXM"), Suggestions.likely("h100-s", GPUS));
        assertEquals(" (did you mean H100-SXM?)", Suggestions.hint("H100", List.of("A100-80GB", "H100-SXM", "H200")),
                "H100 is one edit from H200 but the start of H100-SXM");
    }

    @Test
    void anAmbiguousPrefixListsEveryTypeItStarts() {
        assertEquals(" (did you mean H100-SXM or H100-PCIe?)", Suggestions.hint("H100", GPUS));
    }

    @Test
    void aFarOffOrHugeWordGetsNoSuggestion() {
        assertEquals("", Suggestions.hint("TPU-v5", GPUS));
        assertEquals("", Suggestions.hint("H".repeat(1_000_000), GPUS));
    }

    @Test
    void gpuTypeH100SuggestsH100Sxm() {
        Problem p = problems(MINIMAL.replace("gpuType: H100-SXM", "gpuType: H100")).get(0);

        assertTrue(p.allowed().endsWith("(did you mean H100-SXM?)"), p.allowed());
    }

    @Test
    void aJobKeySpeltOutNamesTheKeyItMeans() {
        Problem p = problems(MINIMAL.replace("      iterations: 100", "      iterations: 100\n      sequenceLength: 4096")).get(0);

        assertEquals("workload.jobs[0].sequenceLength", p.path());
        assertEquals("unknown key \"sequenceLength\"", p.found());
        assertTrue(p.allowed().startsWith("a key of a job: one of id, model, seqLength") && p.allowed().endsWith(
                "(did you mean seqLength?)"), p.allowed());
    }
}
