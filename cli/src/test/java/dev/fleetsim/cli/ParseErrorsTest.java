package dev.fleetsim.cli;

import org.junit.jupiter.api.Test;

import static dev.fleetsim.cli.CliRunner.fleetsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mistakes on the command line itself are said as the file errors are: found, expected, closest name. */
class ParseErrorsTest {

    private static String refused(String... args) {
        CliRunner.Outcome o = fleetsim(args);
        assertEquals(Main.EXIT_BAD_INPUT, o.exit(), o.err());
        return o.err();
    }

    @Test
    void aMistypedCommandNamesTheCommandsAndTheClosest() {
        // was "Unmatched arguments from index 0: 'runn', 'x.yaml'"
        String err = refused("runn", "x.yaml");
        assertTrue(err.startsWith("error: COMMAND: found \"runn\"; expected a command of 'fleetsim': one of run, compare,"),
                err);
        assertTrue(err.contains(", desktop, help (did you mean run?)"), err);
        assertTrue(refused("calibrate", "fitt").startsWith("error: COMMAND: found \"fitt\"; expected a command of"
                + " 'fleetsim calibrate': one of run, fit, report, diff, build"), "calibrate");
    }

    @Test
    void aMistypedOptionNamesTheOptionsAndTheClosest() {
        // was "Unknown option: '--seeed'"
        String err = refused("run", "x.yaml", "--seeed", "3");
        assertTrue(err.startsWith("error: --seeed: found an unknown option of 'fleetsim run'; expected one of "), err);
        assertTrue(err.contains("--seed"), err);
        assertTrue(err.contains("(did you mean --seed?)"), err);
    }

    @Test
    void aMissingArgumentOrValueSaysWhatItIs() {
        // was "Missing required option: '--policies=P1,P2,...'"
        String policies = refused("compare", "x.yaml");
        assertTrue(policies.startsWith("error: --policies: found nothing; expected policies to compare, by name"), policies);
        // was "Missing required parameter for option '--seed' (N)"
        assertTrue(refused("run", "x.yaml", "--seed").startsWith("error: --seed: found no value; expected N, override"
                + " simulation.seed"), "seed");
        // was "Missing required parameters: 'RUN_DIR', 'JOB_ID'"
        assertTrue(refused("explain").startsWith("error: RUN_DIR: found nothing; expected a run folder"), "explain");
        // was "Missing required options and parameters: '--out=FILE', 'RAW'"
        String fit = refused("calibrate", "fit");
        assertTrue(fit.startsWith("error: 2 required arguments missing:\n  --out: found nothing; expected the profile"),
                fit);
        assertTrue(fit.contains("\n  RAW: found nothing; expected raw files"), fit);
    }

    @Test
    void anExtraArgumentSaysWhatTheCommandTakes() {
        // was "Unmatched argument at index 2: 'b'"
        assertTrue(refused("run", "a.yaml", "b.yaml").startsWith("error: arguments: found one too many, \"b.yaml\";"
                + " expected FILE and options (see 'fleetsim run --help')"), "extra");
    }

    @Test
    void theUsageListsTheDesktopApp() {
        CliRunner.Outcome o = fleetsim("--help");
        assertEquals(0, o.exit());
        assertTrue(o.out().contains("  desktop    Open the desktop app on a scenario or plan file"), o.out());
    }

    @Test
    void everyOptionShowsWhatItTakes() {
        // was "--gpus=<gpus>", "--rate=<rate>", "--nic=<nic>": the field names of the code
        for (String[] command : new String[][] {{"bench"}, {"bench", "serving"}, {"estimate", "collective"},
            {"estimate", "serving"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            CliRunner.Outcome o = fleetsim(args);
            assertEquals(0, o.exit(), o.err());
            assertTrue(!o.out().matches("(?s).*=<[a-zA-Z]+>.*"), String.join(" ", command) + ":\n" + o.out());
        }
        assertTrue(fleetsim("estimate", "collective", "--help").out().contains("--nic=BANDWIDTH"), "collective");
    }
}
