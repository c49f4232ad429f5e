package dev.fleetsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsim.engine.metrics.Csv;
import dev.fleetsim.engine.metrics.ExplainText;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.scenario.Utf8;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code fleetsim explain RUN_DIR JOB_ID}: the job's row from {@code jobs.csv}, then every
 * decision the policy explained for it, in time order, from {@code decisions.jsonl}: when, the
 * outcome, the reason and its details (for the solver policy: the constraints and their score
 * impact), in the engine's {@link ExplainText} (the desktop app shows the same text). A run whose
 * policy explains nothing, or a job the run does not have, is a clear error, not an empty listing.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show why a job of a finished run waited or got the GPUs it got.")
final class ExplainCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LINE_CHARS = 20_000;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run folder written by 'fleetsim run'")
    Path runDir;

    @Parameters(index = "1", paramLabel = "JOB_ID", description = "a job id from the run's jobs.csv")
    String jobId;

    @Override
    public Integer call() {
        Path jobsCsv = runDir.resolve(ResultWriter.JOBS);
        if (!Files.isDirectory(runDir)) {
            throw new UserError("RUN_DIR: found " + Echo.quoted(runDir.toString()) + ", which is " + (Files.exists(runDir)
                    ? "a file, not a folder" : "a path that does not exist") + "; expected a run folder written by 'fleetsim run'");
        }
        if (!Files.isRegularFile(jobsCsv)) {
            throw new UserError("RUN_DIR: found " + Echo.quoted(runDir.toString()) + " without " + ResultWriter.JOBS
                    + "; expected a run folder written by 'fleetsim run'");
        }
        if (!Files.isRegularFile(runDir.resolve(ResultWriter.SUMMARY))) {
            // summary.json is written last: without it the run was killed or is still writing, and its files are partial.
            throw new UserError("RUN_DIR: found " + Echo.quoted(runDir.toString()) + " without " + ResultWriter.SUMMARY
                    + " (the run was stopped before it finished writing, so its files may be partial); expected a"
                    + " complete run folder: run the scenario again");
        }
        List<String[]> rows = readCsv(jobsCsv);
        String[] header = rows.get(0);
        String[] job = null;
        for (int i = 1; i < rows.size() && job == null; i++) {
            if (rows.get(i)[0].equals(jobId)) {
                job = rows.get(i);
            }
        }
        if (job == null) {
            throw new UserError("JOB_ID: found " + Echo.quoted(jobId) + "; expected a job of " + jobsCsv + " ("
                    + (rows.size() - 1) + " jobs" + (rows.size() > 1 ? ", e.g. " + examples(rows) : "") + ")");
        }
        Path decisions = runDir.resolve(ResultWriter.DECISIONS);
        if (!Files.isRegularFile(decisions)) {
            throw new UserError("RUN_DIR: found no " + ResultWriter.DECISIONS + " in " + Echo.quoted(runDir.toString())
                    + ": the run's policy" + policyOf(runDir) + " explains no decisions; expected a run of a policy that"
                    + " does (e.g. optaplanner)");
        }
        // Every line is read and checked before anything is printed, so a damaged file is one clear error.
        List<JsonNode> mine = new ArrayList<>();
        String text = readText(decisions);
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode d = parse(decisions, lineNo, line);
            if (jobId.equals(d.path("jobId").asText())) {
                mine.add(d);
            }
        }
        String out = ExplainText.job(header, job) + ExplainText.decisions(jobId, mine);
        // The files are the run's, but a damaged one must not drive the terminal.
        System.out.print(Echo.message(out, MAX_LINE_CHARS));
        return Main.EXIT_OK;
    }

    /** A file of the run folder as UTF-8 text; anything else is a clear error naming the byte. */
    static String readText(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserError(file + ": found a file that cannot be read (" + Echo.plain(String.valueOf(e.getMessage()))
                    + "); expected a readable run folder");
        }
        try {
            return Utf8.decode(bytes);
        } catch (Utf8.NotUtf8 e) {
            throw new UserError(file + ": found " + e.getMessage() + "; expected the UTF-8 file 'fleetsim run' writes");
        }
    }

    private static JsonNode parse(Path file, int lineNo, String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UserError(file + ": line " + lineNo + ": found " + Echo.quoted(line)
                    + ", which is not JSON; expected one decision per line as 'fleetsim run' writes it");
        }
    }

    private static String policyOf(Path runDir) {
        try {
            JsonNode s = JSON.readTree(runDir.resolve(ResultWriter.SUMMARY).toFile());
            String p = s.path("policy").asText("");
            return p.isEmpty() ? "" : " (" + Echo.plain(p) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static String examples(List<String[]> rows) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i < rows.size() && ids.size() < 3; i++) {
            ids.add(Echo.plain(rows.get(i)[0]));
        }
        return String.join(", ", ids);
    }

    /** The rows of a CSV file as {@code ResultWriter} writes it, read by the engine's one CSV reader. */
    static List<String[]> readCsv(Path file) {
        String text = readText(file);
        List<String[]> rows = Csv.parse(text);
        if (rows.isEmpty() || rows.get(0).length == 0 || rows.get(0)[0].isEmpty()) {
            throw new UserError(file + ": found " + (rows.isEmpty() ? "an empty file" : "no header row")
                    + "; expected the jobs table of a run");
        }
        return rows;
    }
}
