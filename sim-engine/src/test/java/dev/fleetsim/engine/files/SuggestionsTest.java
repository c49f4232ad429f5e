package dev.fleetsim.engine.files;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The one "did you mean" of every key and name: typos, prefixes, other spellings (case, dashes,
 * underscores), and words spelt out or extended, while far-off words get nothing.
 */
class SuggestionsTest {

    private static final List<String> JOB_KEYS = List.of("id", "model", "seqLength", "precision", "globalBatch",
            "microBatch", "parallelism", "tp", "recompute", "iterations", "tokens", "tenant", "gpuType");

    @Test
    void aKeyWhoseWordsAreSpeltOutNamesTheAbbreviatedKey() {
        assertEquals(" (did you mean seqLength?)", Suggestions.hint("sequenceLength", JOB_KEYS));
        assertEquals(" (did you mean seqLength?)", Suggestions.hint("sequence_length", JOB_KEYS));
        assertEquals(" (did you mean seqLength?)", Suggestions.hint("seqLen", JOB_KEYS), "a prefix names it too");
    }

    @Test
    void aKeyWithAWordMoreNamesTheKeyItExtends() {
        assertEquals(" (did you mean globalBatch?)", Suggestions.hint("globalBatchSize", JOB_KEYS));
        assertEquals(" (did you mean microBatch?)", Suggestions.hint("micro_batch_size", JOB_KEYS));
    }

    @Test
    void megatronsSpeltOutParallelSizesNameTheLayoutKeys() {
        List<String> layout = List.of("tp", "pp", "dp", "cp", "ep", "etp", "firstStageLayers", "lastStageLayers");
        assertEquals(List.of("tp"), Suggestions.likely("tensorParallel", layout));
        assertEquals(List.of("tp"), Suggestions.likely("tensor-model-parallel-size", layout));
        assertEquals(List.of("pp"), Suggestions.likely("pipeline_model_parallel_size", layout));
        assertEquals(List.of("etp"), Suggestions.likely("expert-tensor-parallel-size", layout));
        assertEquals(List.of(), Suggestions.likely("tensor", layout), "one word has no initials");
    }

    @Test
    void caseDashesAndUnderscoresAreOneSpelling() {
        assertEquals(List.of("H100-SXM"), Suggestions.likely("h100_sxm", List.of("A100-80GB", "H100-SXM", "H200")));
        assertEquals(List.of("gpuType"), Suggestions.likely("GPU_TYPE", JOB_KEYS));
        assertEquals(List.of("first-fit"), Suggestions.likely("firstfit", List.of("first-fit", "best-fit", "spread")));
    }

    @Test
    void farOffWordsGetNothing() {
        assertEquals("", Suggestions.hint("learningRate", JOB_KEYS));
        assertEquals("", Suggestions.hint("", JOB_KEYS));
        assertEquals("", Suggestions.hint("a".repeat(10_000), JOB_KEYS));
        assertEquals("", Suggestions.hint("batch", List.of("tp", "pp")), "a short key is no word of a longer one");
    }

    @Test
    void wordsSplitAtCaseDashesAndUnderscores() {
        assertEquals(List.of("seq", "length"), Suggestions.words("seqLength"));
        assertEquals(List.of("h100", "sxm"), Suggestions.words("H100-SXM"));
        assertEquals(List.of("micro", "batch", "size"), Suggestions.words("micro_batch size"));
    }

    /** Policy and placement names as the registry lists them. */
    private static final List<String> POLICIES = List.of("backfill", "fairshare", "fifo", "las", "optaplanner", "priority",
            "sjf", "srtf");
    private static final List<String> PLACEMENTS = List.of("best-fit", "consolidate", "first-fit", "spread", "topology-aware");

    @Test
    void swappedNeighbouringLettersAreOneEditSoTheNearestNameWins() {
        // was: sjf, the first of the names two Levenshtein edits away (srtf is one swap)
        assertEquals(List.of("srtf"), Suggestions.likely("srft", POLICIES));
        assertEquals(List.of("sjf"), Suggestions.likely("sfj", POLICIES));
        assertEquals(List.of("las"), Suggestions.likely("lsa", POLICIES));
        assertEquals(List.of("fifo"), Suggestions.likely("fiof", POLICIES));
        assertEquals(List.of("priority"), Suggestions.likely("prioirty", POLICIES));
        assertEquals(List.of("first-fit"), Suggestions.likely("frist-fit", PLACEMENTS));
        assertEquals(List.of("best-fit"), Suggestions.likely("bset_fit", PLACEMENTS));
        assertEquals(2, Suggestions.distance("abcd", "badc"), "two swaps");
        assertEquals(3, Suggestions.distance("kitten", "sitting"), "Levenshtein's own example");
    }

    @Test
    void anotherNameIsNoTypo() {
        // was: first-fit (two letters of "worst" changed make "first": another word, not a slip of the finger)
        assertEquals(List.of(), Suggestions.likely("worst-fit", PLACEMENTS));
        assertEquals(List.of(), Suggestions.likely("next-fit", PLACEMENTS));
        // was: sjf for the names of other schedulers (earliest deadline first, dominant resource fairness)
        assertEquals(List.of(), Suggestions.likely("edf", POLICIES));
        assertEquals(List.of(), Suggestions.likely("drf", POLICIES));
        assertEquals(List.of("spread"), Suggestions.likely("spraed", PLACEMENTS));
    }
}
