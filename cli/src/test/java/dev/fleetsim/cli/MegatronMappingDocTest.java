package dev.fleetsim.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.fleetsim.cli.CliRunner.fleetsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/SCENARIO-FORMAT.md's "From a Megatron-Core command line" example is a file that estimates
 * as the doc says (Megatron-Bridge's Llama 3 70B FP8-CS recipe, the validation row's figure) and
 * searches; a layout with expert tensor parallelism says what it leaves out.
 */
class MegatronMappingDocTest extends BadInputFixture {

    @Test
    void theMegatronRecipeExampleEstimatesAndSearches() throws Exception {
        String doc = Files.readString(TestPaths.root().resolve("docs/SCENARIO-FORMAT.md"));
        int at = doc.indexOf("### From a Megatron-Core command line");
        assertTrue(at > 0, "the doc has the mapping section");
        int start = doc.indexOf("```yaml\n", at) + "```yaml\n".length();
        Path job = file("llama3-70b.yaml", doc.substring(start, doc.indexOf("```", start)));
        CliRunner.Outcome o = fleetsim("estimate", job.toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().startsWith("Job llama3-70b: llama3-70b, 64 x H100-SXM (tp 4, pp 8, dp 2, v 5), fp8"), o.out());
        assertTrue(o.out().contains("tokens/s per GPU       1,765."), "the figure the doc quotes: " + o.out());
        CliRunner.Outcome search = fleetsim("estimate", job.toString(), "--search", "--top", "2", "--json");
        assertEquals(0, search.exit(), search.err());
        assertTrue(search.out().contains("\"gpus\" : 64"), search.out());
    }

    @Test
    void expertTensorParallelismSaysItsCommunicationIsNotCosted() throws Exception {
        Path job = file("moe.yaml", SMALL.replace("model: gpt-1.3b", "model: mixtral-8x7b")
                .replace("parallelism: {dp: 8}", "parallelism: {tp: 2, dp: 8, ep: 4, etp: 2}, zeroStage: 1, recompute: full")
                .replace("count: 2", "count: 4"));
        CliRunner.Outcome o = fleetsim("estimate", job.toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.err().contains("note: etp 2: the expert MLPs' own tensor-parallel communication is not costed"), o.err());
    }
}
