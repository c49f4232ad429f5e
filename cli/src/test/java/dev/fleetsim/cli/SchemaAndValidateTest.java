package dev.fleetsim.cli;

import dev.fleetsim.engine.scenario.ScenarioSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.fleetsim.cli.CliRunner.fleetsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fleetsim schema} and {@code fleetsim validate} as a user runs them. */
class SchemaAndValidateTest {

    @Test
    void theShippedSchemaIsWhatTheCommandPrints() throws Exception {
        CliRunner.Outcome o = fleetsim("schema");
        assertEquals(0, o.exit(), o.err());
        Path shipped = TestPaths.root().resolve(ScenarioSchema.REPOSITORY_FILE);
        assertEquals(Files.readString(shipped), o.out(), ScenarioSchema.REPOSITORY_FILE + " is out of date with the"
                + " declared keys; regenerate it with ./fleetsim schema --out " + ScenarioSchema.REPOSITORY_FILE);
        assertTrue(o.out().contains("\"optaplanner\""), "the registered policies are offered");
    }

    @Test
    void outWritesTheFileAndRefusesWhatIsNotAFilePath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fleetsim.schema.json");
        CliRunner.Outcome o = fleetsim("schema", "--out", file.toString());
        assertEquals(0, o.exit(), o.err());
        assertEquals(fleetsim("schema").out(), Files.readString(file));
        assertTrue(o.out().contains("wrote " + file), o.out());

        assertEquals(0, fleetsim("schema", "--out", dir.resolve("new/x.json").toString()).exit(), "as run --out, "
                + "a missing folder is made");
        assertTrue(Files.isRegularFile(dir.resolve("new/x.json")));
        assertEquals(2, fleetsim("schema", "--out", "").exit());
        CliRunner.Outcome folder = fleetsim("schema", "--out", dir.toString());
        assertEquals(2, folder.exit());
        assertTrue(folder.err().contains("a folder"), folder.err());
        assertFalse(folder.err().contains("Exception"), folder.err());
    }

    @Test
    void validateTakesSeveralFilesAndReportsEach() throws Exception {
        Path good = TestPaths.scenarios().resolve("quickstart.yaml");
        Path bad = Path.of(getClass().getResource("/bad/three-mistakes.yaml").toURI());

        CliRunner.Outcome both = fleetsim("validate", good.toString(), bad.toString());
        assertEquals(2, both.exit());
        assertTrue(both.out().contains(good + " is valid: 96 GPUs"), both.out());
        assertTrue(both.err().contains("error: " + bad + " is not a valid scenario (3 problems):"), both.err());
        assertTrue(both.err().contains("workload.jobs[0].tenent: found unknown key \"tenent\"; expected a key of a job:"
                + " one of id, model,"), both.err());
        assertTrue(both.err().contains("1 of 2 files are not valid\n"), both.err());

        try (var files = Files.list(TestPaths.scenarios())) {
            String[] all = files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(Path::toString)
                    .toArray(String[]::new);
            String[] args = new String[all.length + 1];
            args[0] = "validate";
            System.arraycopy(all, 0, args, 1, all.length);
            CliRunner.Outcome every = fleetsim(args);
            assertEquals(0, every.exit(), every.err());
            assertEquals(all.length, every.out().lines().filter(l -> l.contains(" is valid: ")).count(), every.out());
        }
    }
}
