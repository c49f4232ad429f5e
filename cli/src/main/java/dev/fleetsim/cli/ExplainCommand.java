package dev.fleetsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsim.engine.metrics.Csv;
import dev.fleetsim.engine.metrics.ExplainText;
import dev.fleetsim.engine.metrics.ResultWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
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

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run folder written by 'fleetsim run'")
    Path runDir;

    @Parameters(index = "1", paramLabel = "JOB_ID", description = "a job id from the run's jobs.csv")
    String jobId;

    @Override
    public Integer call() {
        Path jobsCsv = runDir.resolve(ResultWriter.JOBS);
        if (!Files.isRegularFile(jobsCsv)) {
            throw new UserError(runDir + ": found no " + ResultWriter.JOBS + "; expected a run folder written by 'fleetsim run'");
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
            throw new UserError("JOB_ID: found \"" + jobId + "\"; expected a job of " + jobsCsv + " (" + (rows.size() - 1)
                    + " jobs" + (rows.size() > 1 ? ", e.g. " + examples(rows) : "") + ")");
        }
        Path decisions = runDir.resolve(ResultWriter.DECISIONS);
        if (!Files.isRegularFile(decisions)) {
            throw new UserError(runDir + ": found no " + ResultWriter.DECISIONS + ": the run's policy" + policyOf(runDir)
                    + " explains no decisions; run the scenario with a policy that does (e.g. optaplanner)");
        }
        List<JsonNode> ofJob = new ArrayList<>();
        try (var lines = Files.lines(decisions)) {
            Iterator<String> it = lines.iterator();
            int lineNo = 0;
            while (it.hasNext()) {
                String line = it.next();
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode d = parse(decisions, lineNo, line);
                if (jobId.equals(d.path("jobId").asText())) {
                    ofJob.add(d);
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + decisions + ": " + e.getMessage());
        }
        PrintStream out = System.out;
        out.print(ExplainText.job(header, job));
        out.print(ExplainText.decisions(jobId, ofJob));
        return Main.EXIT_OK;
    }

    private static JsonNode parse(Path file, int lineNo, String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UserError(file + ": line " + lineNo + ": found text that is not JSON; expected one decision per line "
                    + "as 'fleetsim run' writes it");
        }
    }

    private static String policyOf(Path runDir) {
        try {
            JsonNode s = JSON.readTree(runDir.resolve(ResultWriter.SUMMARY).toFile());
            String p = s.path("policy").asText("");
            return p.isEmpty() ? "" : " (" + p + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static String examples(List<String[]> rows) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i < rows.size() && ids.size() < 3; i++) {
            ids.add(rows.get(i)[0]);
        }
        return String.join(", ", ids);
    }

    /** The rows of a CSV file as {@code ResultWriter} writes it, read by the engine's one CSV reader. */
    static List<String[]> readCsv(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
        List<String[]> rows = Csv.parse(text);
        if (rows.isEmpty()) {
            throw new UserError(file + ": found an empty file; expected the jobs table of a run");
        }
        return rows;
    }
}
