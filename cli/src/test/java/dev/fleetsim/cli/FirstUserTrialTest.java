package dev.fleetsim.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.fleetsim.cli.CliRunner.fleetsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a first-time user tripped over in a trial of every command (sessions 4 and 5): each input used
 * to give a stack trace, a silent no-op, a page of messages about the wrong thing, or a message in
 * Java's words; each is now a clear refusal (exit 2: the option or field, what was found, what is
 * allowed) or the right answer.
 */
class FirstUserTrialTest extends BadInputFixture {

    @Test
    void aFolderAsTheLayoutFileIsRefusedBeforeTheSearch() throws Exception {
        // was: the search ran, then "internal error" and a FileSystemException naming a temporary file
        Path job = file("job.yaml", SMALL);
        CliRunner.Outcome o = fleetsim("estimate", job.toString(), "--search", "--out", tmp.toString());
        refused(o, "--out: found \"" + tmp + "\", a folder; expected the path of a file to write");
        assertEquals("", o.out(), "nothing searched or printed");
        Files.writeString(tmp.resolve("plain"), "x");
        refused(fleetsim("estimate", job.toString(), "--search", "--out", tmp.resolve("plain/layouts.json").toString()),
                "which is a file; expected the path of a file in a folder");
    }

    @Test
    void searchOptionsWithoutSearchAreRefusedNotIgnored() throws Exception {
        // was: --gpus 1024 without --search printed the job's own 8-GPU estimate, as if it had been heard
        Path job = file("job.yaml", SMALL);
        refused(fleetsim("estimate", job.toString(), "--gpus", "16"), "--gpus: found it without --search");
        refused(fleetsim("estimate", job.toString(), "--top", "10"), "--top: found it without --search");
        refused(fleetsim("estimate", job.toString(), "--out", tmp.resolve("l.json").toString()), "--out: found it without --search");
        refused(fleetsim("estimate", job.toString(), "--search", "--top", "0"),
                "--top: found 0; expected an integer of at least 1, how many layouts to print");
        refused(fleetsim("estimate", job.toString(), "--search", "--gpus", "0"), "--gpus: found 0; expected 1 to ");
        CliRunner.Outcome search = fleetsim("estimate", job.toString(), "--search", "--gpus", "8", "--top", "2",
                "--out", tmp.resolve("l.json").toString());
        assertEquals(0, search.exit(), search.err());
        assertTrue(Files.readString(tmp.resolve("l.json")).contains("tokensPerSecondPerGpu"));
    }

    @Test
    void calibrateFitRefusesAFolderAsTheProfileBeforeFitting() {
        // was: the whole fit table, then "cannot write /tmp: /.tmp.<random>.partial -> /tmp: Is a directory"
        CliRunner.Outcome o = fleetsim("calibrate", "fit", TestPaths.root().resolve("calibration/fixtures/synthetic-h100-quick")
                .toString(), "--out", tmp.toString());
        refused(o, "--out: found \"" + tmp + "\", a folder");
        assertFalse(o.out().contains("Fitted"), o.out());
    }

    @Test
    void calibrateFitRefusesAKeepDefaultThatNamesNoCurve() {
        // was: accepted, and the curve the user meant to keep was fitted
        CliRunner.Outcome o = fleetsim("calibrate", "fit", TestPaths.root().resolve("calibration/fixtures/synthetic-h100-quick")
                .toString(), "--out", tmp.resolve("p.yaml").toString(), "--keep-default", "gemm.fp99");
        refused(o, "--keep-default: found \"gemm.fp99\"; expected a curve or a prefix of curves");
        assertFalse(Files.exists(tmp.resolve("p.yaml")));
    }

    @Test
    void validateChecksPlanAndExperimentFilesAsWhatTheyAre() throws Exception {
        // was: "not a valid scenario (10 problems)", every key of the plan unknown, cluster and workload missing
        CliRunner.Outcome plan = fleetsim("validate", TestPaths.scenarios().resolve("plans/rent-h100-vs-buy-b200.yaml").toString());
        assertEquals(0, plan.exit(), plan.err());
        assertTrue(plan.out().contains("is a valid plan: 3 choices of node group gpus, 8 to 64 nodes, scenario helios-month"),
                plan.out());
        CliRunner.Outcome exp = fleetsim("validate", TestPaths.root().resolve("experiments/quickstart-grid.yaml").toString());
        assertEquals(0, exp.exit(), exp.err());
        assertTrue(exp.out().contains("is a valid experiment: 27 points over policy x nodes"), exp.out());
        Path scenario = file("base.yaml", SMALL);
        Path bad = file("bad-plan.yaml", "name: p\nscenario: " + scenario.getFileName() + "\ngroup: a\n"
                + "options: [{name: x, gpuType: H100-SXM, purchase: on-demand}]\nnodes: {min: 8, max: 4}\n"
                + "constraints: {p95Wait: 1 h}\nseeds: {screen: [1], confirm: [1]}\n");
        refused(fleetsim("validate", bad.toString()), "nodes.max: found 4; expected at least nodes.min (8)");
        // a scenario is still a scenario, and a mix of files is reported file by file
        CliRunner.Outcome both = fleetsim("validate", scenario.toString(), bad.toString());
        assertEquals(Main.EXIT_BAD_INPUT, both.exit());
        assertTrue(both.out().contains("base.yaml is valid: 16 GPUs"), both.out());
        assertTrue(both.err().contains("1 of 2 files are not valid"), both.err());
    }

    @Test
    void wrongNumberTypesAreSaidInTheProjectsWords() throws Exception {
        // was: "Invalid value for option '--seed': 'abc' is not a long"
        Path job = file("job.yaml", SMALL);
        refused(fleetsim("run", job.toString(), "--seed", "abc"), "error: --seed: found \"abc\"; expected a whole number (64-bit)");
        refused(fleetsim("compare", job.toString(), "--policies", "fifo", "--threads", "two"),
                "error: --threads: found \"two\"; expected a whole number");
    }

    @Test
    void aProfileThatCannotBeReadSaysWhyInWords() throws Exception {
        // was: "(NoSuchFileException: /x/nope.yaml)", "(IOException: Is a directory)", "(MalformedInputException: Input length = 1)"
        String missing = SMALL.replace("cluster:", "hardware:\n  H100-SXM: {profile: nope.yaml}\ncluster:");
        refused(fleetsim("validate", file("m.yaml", missing).toString()), "found no file at " + tmp.resolve("nope.yaml"));
        Files.createDirectories(tmp.resolve("dir.yaml"));
        refused(fleetsim("validate", file("d.yaml", missing.replace("nope.yaml", "dir.yaml")).toString()), "found a folder, not a file");
        Files.write(tmp.resolve("bin.yaml"), new byte[] {(byte) 0x82, 0x00, (byte) 0xff});
        refused(fleetsim("validate", file("b.yaml", missing.replace("nope.yaml", "bin.yaml")).toString()),
                "found text that is not UTF-8");
    }

    @Test
    void everyCommandSaysItsVersionAndThePlanSummaryIsASentence() {
        // was: "fleetsim run -V" printed an empty line; the command list cut plan's summary at a comma
        CliRunner.Outcome v = fleetsim("run", "-V");
        assertEquals(0, v.exit());
        assertEquals(Main.VERSION, v.out().strip());
        CliRunner.Outcome help = fleetsim("--help");
        assertTrue(help.out().contains("plan       Find the cheapest fleet that meets a workload's SLOs.\n"), help.out());
    }

    @Test
    void benchOptionsOutOfRangeAreRefusedNotStackTraces() {
        // was: --repeat 0 a NullPointerException, --jobs -5 "Illegal Capacity: -5", --oversubscription 0 an
        // IllegalArgumentException from the network builder; --jobs 0 "benchmarked" an empty cluster
        refused(fleetsim("bench", "--repeat", "0"), "--repeat: found 0; expected an integer from 1 to 1000");
        refused(fleetsim("bench", "--jobs", "-5"), "--jobs: found -5; expected an integer from 1 to 10000000");
        refused(fleetsim("bench", "--jobs", "0"), "--jobs: found 0;");
        refused(fleetsim("bench", "--oversubscription", "0"), "--oversubscription: found 0.0; expected a number in [1, 1000]");
        refused(fleetsim("bench", "serving", "--rate", "0"), "--rate: found 0.0; expected requests per second above 0");
        // and its help prints without picocli's warning about the "%" in a description
        CliRunner.Outcome help = fleetsim("bench", "serving", "--help");
        assertTrue(help.out().contains("about 60 % of their capacity"), help.out());
        assertFalse((help.out() + help.err()).contains("WARN"), help.err());
    }

    @Test
    void aSearchFromALayoutThatOverflowsSearchesFromTheModelBatchAndCluster() throws Exception {
        // was: only the memory error, though the user asked the search to find a layout that fits
        Path job = file("big.yaml", SMALL.replace("model: gpt-1.3b", "model: llama3-70b").replace("dp: 8}", "dp: 16}")
                .replace("globalBatch: 16", "globalBatch: 64"));
        CliRunner.Outcome o = fleetsim("estimate", job.toString(), "--search", "--top", "3");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.err().contains("note: the file's own layout is not valid, so the search starts from the model, batch"
                + " and cluster alone") && o.err().contains("expected a job that fits"), o.err());
        assertTrue(o.out().startsWith("Layouts of llama3-70b, global batch 64"), o.out());
        // a problem that is not the layout's still refuses the file
        refused(fleetsim("estimate", file("bad.yaml", SMALL.replace("precision: bf16", "precision: fp9")).toString(),
                "--search"), "precision: found \"fp9\"");
    }

    @Test
    void theReadmesEstimateExampleIsAFileThatEstimatesAndSearches() throws Exception {
        // was: the README ran "./fleetsim estimate my-job.yaml" without saying what my-job.yaml holds
        String readme = Files.readString(TestPaths.root().resolve("README.md"));
        int at = readme.indexOf("`my-job.yaml`:");
        assertTrue(at > 0, "the README shows my-job.yaml");
        int start = readme.indexOf("```yaml\n", at) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start)).stripIndent();
        Path job = file("my-job.yaml", yaml);
        CliRunner.Outcome o = fleetsim("estimate", job.toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().startsWith("Job pretrain: llama3-8b, 16 x H100-SXM"), o.out());
        CliRunner.Outcome search = fleetsim("estimate", job.toString(), "--search", "--gpus", "16", "--top", "3");
        assertEquals(0, search.exit(), search.err());
    }

    @Test
    void aFileGivenToTheWrongCommandIsNamedForWhatItIs() throws Exception {
        // was: every key of the plan "unknown" to run (8 problems), every key of the scenario unknown to plan and sweep
        String plan = TestPaths.scenarios().resolve("plans/rent-h100-vs-buy-b200.yaml").toString();
        String scenario = TestPaths.scenarios().resolve("quickstart.yaml").toString();
        String experiment = TestPaths.root().resolve("experiments/quickstart-grid.yaml").toString();
        refused(fleetsim("run", plan), "FILE: found \"" + plan + "\", a plan file (for fleetsim plan); expected a scenario file");
        refused(fleetsim("estimate", experiment), "an experiment file (for fleetsim sweep); expected a scenario file");
        refused(fleetsim("plan", scenario), "a scenario file (for fleetsim run, compare or estimate); expected a plan file");
        refused(fleetsim("sweep", plan), "a plan file (for fleetsim plan); expected an experiment file");
        Path summary = file("summary.json", "{\"scenario\": \"q\", \"counts\": {}, \"times\": {}, \"kernel\": {}}");
        CliRunner.Outcome o = fleetsim("run", summary.toString());
        refused(o, "the summary.json of a results folder");
        assertTrue(o.err().contains("(the scenario that ran is the folder's scenario.yaml)"), o.err());
        assertEquals(1, o.err().strip().lines().count(), "one line, not one per key: " + o.err());
        // a file of the right kind with a mistake is still reported problem by problem
        Path typo = file("typo-plan.yaml", "name: p\nscenario: base.yaml\nnodez: {min: 1, max: 2}\n");
        refused(fleetsim("plan", typo.toString()), "nodez: found unknown key \"nodez\"");
    }

    @Test
    void aFolderOrAMissingFileIsSaidSoByEveryCommand() {
        // was: "scenarios: no such file" for a folder given to plan or sweep
        String dir = TestPaths.scenarios().toString();
        refused(fleetsim("plan", dir), "FILE: found \"" + dir + "\", which is a folder; expected the path of a plan file");
        refused(fleetsim("sweep", dir), "which is a folder; expected the path of an experiment file");
        refused(fleetsim("run", dir), "which is a folder; expected the path of a scenario file");
        refused(fleetsim("plan", tmp.resolve("nope.yaml").toString()), "which is no file; expected the path of a plan file");
        refused(fleetsim("explain", tmp.resolve("nope").toString(), "j"), "which is a path that does not exist; expected a run folder");
    }

    @Test
    void aPlanFileThatIsNotYamlIsSaidInTheScenarioLoadersWords() throws Exception {
        // was: "(file): cannot be read as YAML (Input length = 1)" and "(while parsing a flow node)", no line
        Files.write(tmp.resolve("bin.yaml"), new byte[] {'n', ':', ' ', (byte) 0x9c, 0x00});
        refused(fleetsim("plan", tmp.resolve("bin.yaml").toString()),
                "(file): found text that is not UTF-8 at byte 3 (line 1: 0x9C); expected a plan file in UTF-8");
        Path broken = file("broken.yaml", "name: p\nscenario: [\n");
        refused(fleetsim("plan", broken.toString()), "line 3, column 1: found invalid YAML");
    }

    @Test
    void calibrateFitGivenAScenarioOrAYamlFileSaysWhatItExpected() throws Exception {
        // was: "99 problems in the raw measurements", a JSON parse error per line of the YAML file
        String scenario = TestPaths.scenarios().resolve("quickstart.yaml").toString();
        CliRunner.Outcome o = fleetsim("calibrate", "fit", scenario, "--out", tmp.resolve("p.yaml").toString());
        refused(o, "RAW: found \"" + scenario + "\", a scenario file (for fleetsim run, compare or estimate); expected raw"
                + " calibration measurements: JSON lines written by fleetsim calibrate run (*.jsonl), or their run folder");
        assertEquals(1, o.err().strip().lines().count(), o.err());
        Files.createDirectories(tmp.resolve("run"));
        Files.writeString(tmp.resolve("run/gemm.jsonl"), "gpu: H100\npoints: [1, 2]\n");
        refused(fleetsim("calibrate", "fit", tmp.resolve("run").toString(), "--out", tmp.resolve("p.yaml").toString()),
                "RAW: found \"" + tmp.resolve("run/gemm.jsonl") + "\", a YAML or JSON document");
        refused(fleetsim("calibrate", "report", scenario, "--out", tmp.resolve("r").toString()),
                "PROFILE: found \"" + scenario + "\", a scenario file");
        assertFalse(Files.exists(tmp.resolve("p.yaml")));
    }

    @Test
    void aHorizonOfOneNanosecondShowsNoRateExtrapolatedToADay() throws Exception {
        // was: "makespan 0.0 us", "training 0 tokens, 31.99 B a day", and "horizon 0 s" in summary.json's note
        Path job = file("ns.yaml", SMALL.replace("{charts: false}", "{charts: false, horizon: 1 ns}"));
        CliRunner.Outcome o = fleetsim("run", job.toString(), "--out", tmp.resolve("r").toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("  makespan     1 ns\n"), o.out());
        assertTrue(o.out().contains("  note         the run covers only 1 ns (simulation.horizon): no daily rate is shown"
                + " over less than a minute\n"), o.out());
        assertFalse(o.out().contains(" a day"), o.out());
        String summary = Files.readString(tmp.resolve("r/summary.json"));
        assertTrue(summary.contains("\"note\" : \"horizon 0.000000001 s: waitS covers"), summary);
    }

    @Test
    void planFileMistakesAreEachSaidOnceInWords() throws Exception {
        file("base.yaml", SMALL);
        String head = "name: p\nscenario: base.yaml\noptions: [{name: x, gpuType: H100-SXM}]\n";
        // was: a second "nodes.max: found 1; expected at least nodes.min (8)" after the real problem
        refused(fleetsim("validate", file("huge.yaml", head + "nodes: {min: 8, max: 99999999999}\nconstraints: {p95Wait: 1 h}\n")
                .toString()), "(1 problem):\n  nodes.max: found 99999999999; expected a whole number from 1 to 100000");
        // was: "found a map; expected a map such as ..." and "found a list; expected a list of ..."
        refused(fleetsim("validate", file("empty.yaml", head + "nodes: {min: 1, max: 2}\nconstraints: {}\n").toString()),
                "constraints: found an empty map;");
        refused(fleetsim("validate", file("none.yaml", head.replace("[{name: x, gpuType: H100-SXM}]", "[]")
                + "nodes: {min: 1, max: 2}\nconstraints: {p95Wait: 1 h}\n").toString()), "options: found an empty list;");
        // was: three problems for a range; a range is now taken as experiments take it, within the 100-seed limit
        String body = head + "nodes: {min: 1, max: 2}\nconstraints: {p95Wait: 1 h}\n";
        CliRunner.Outcome range = fleetsim("validate", file("range.yaml", body + "seeds: {screen: [1], confirm: 1..3}\n").toString());
        assertEquals(0, range.exit(), range.err());
        refused(fleetsim("validate", file("many.yaml", body + "seeds: {screen: [1], confirm: 1..1000}\n").toString()),
                "(1 problem):\n  seeds.confirm: found \"1..1000\"; expected 1 to 100 seeds");
        // was: every key of the plan named as its base scenario "unknown"
        file("other.yaml", body);
        refused(fleetsim("validate", file("chain.yaml", body.replace("base.yaml", "other.yaml")).toString()),
                "(1 problem):\n  scenario: found \"other.yaml\", a plan file; expected a scenario file");
    }

    @Test
    void aTruncatedJsonFileOrANulByteIsSaidWithItsPlace() throws Exception {
        // was: "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1]",
        // and "special characters are not allowed" with no line for a NUL
        CliRunner.Outcome json = fleetsim("validate", file("cut.json", "{\"name\": \"x\",\n \"cluster\": {").toString());
        refused(json, "found invalid JSON: Unexpected end-of-input: expected close marker for Object (start marker at line 2,"
                + " column 13)");
        assertFalse(json.err().contains("REDACTED"), json.err());
        refused(fleetsim("validate", file("nul.yaml", "name: x\ncluster: \u0000\n").toString()),
                "line 2, column 10: found the control character U+0000; expected text without control characters");
    }

    @Test
    void theFitTableKeepsItsColumnsForTheLongestCurveName() {
        // was: "collectives.reduceScatter.intraNode  0.9996": the 35-character name pushed its row one column right
        CliRunner.Outcome o = fleetsim("calibrate", "fit", TestPaths.root().resolve("calibration/fixtures/synthetic-h100-quick")
                .toString(), "--out", tmp.resolve("p.yaml").toString());
        assertEquals(0, o.exit(), o.err());
        java.util.List<String> rows = o.out().lines().dropWhile(l -> !l.startsWith("curve ")).takeWhile(l -> !l.endsWith(":"))
                .toList();
        assertTrue(rows.size() > 10 && rows.stream().anyMatch(l -> l.startsWith("collectives.reduceScatter.intraNode ")), o.out());
        int r2 = rows.get(0).indexOf("     R2") + "     R2".length();
        for (String row : rows.subList(1, rows.size())) {
            assertEquals(' ', row.charAt(r2), "R2 ends in the same column on every row: " + row);
            assertTrue(Character.isDigit(row.charAt(r2 - 1)), row);
        }
    }
}
