package dev.fleetsim.cli;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the bad-input suites of the command line share: a small valid scenario to break, a folder
 * to write files into, and the one shape of a refusal (exit 2, the expected words, no stack trace).
 */
abstract class BadInputFixture {

    @TempDir
    Path tmp;

    /** A scenario that runs in a moment: one 8-GPU data-parallel job on two H100 nodes. */
    static final String SMALL = String.join("\n",
            "name: small",
            "simulation: {charts: false}",
            "cluster:",
            "  nodeGroups:",
            "    - {name: a, gpuType: H100-SXM, count: 2, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}",
            "workload:",
            "  jobs:",
            "    - {id: j, model: gpt-1.3b, precision: bf16, globalBatch: 16, parallelism: {dp: 8}, iterations: 10}",
            "");

    Path file(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    static void refused(CliRunner.Outcome o, String expected) {
        assertEquals(Main.EXIT_BAD_INPUT, o.exit(), o.err() + o.out());
        assertTrue(o.err().contains(expected), o.err());
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), "no stack trace: " + o.err());
    }
}
