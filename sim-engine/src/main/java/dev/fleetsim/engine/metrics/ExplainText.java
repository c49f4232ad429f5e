package dev.fleetsim.engine.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of a job's explanation, as {@code fleetsim explain RUN_DIR JOB_ID} prints it and the
 * desktop app shows it: the job's row of {@code jobs.csv} (column, value; empty values left out),
 * then every decision the policy explained for it in time order (when, the outcome, the reason,
 * and its details indented, nested maps and lists as sub-items). One place formats it, so the
 * two front ends cannot drift apart.
 */
public final class ExplainText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExplainText() {
    }

    /** The explanation of a run's job from its records, exactly as from the files the run wrote. */
    public static String of(JobRecord job, List<DecisionRecord> decisions) {
        List<String[]> rows = Csv.parse(ResultWriter.jobsCsv(List.of(job)));
        List<JsonNode> nodes = new ArrayList<>();
        try {
            for (DecisionRecord d : decisions) {
                if (d.jobId().equals(job.id())) {
                    nodes.add(JSON.readTree(ResultWriter.decisionsJsonl(List.of(d))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a decision record always serialises", e);
        }
        return job(rows.get(0), rows.get(1)) + decisions(job.id(), nodes);
    }

    /** The job's part: one line per non-empty column, {@code name} padded to 22 characters. */
    public static String job(String[] header, String[] row) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < header.length && i < row.length; i++) {
            if (!row[i].isEmpty()) {
                sb.append(String.format(Locale.ROOT, "%-22s %s%n", header[i], row[i]));
            }
        }
        return sb.toString();
    }

    /** The decisions' part, from the job's lines of {@code decisions.jsonl} in file order. */
    public static String decisions(String jobId, List<JsonNode> ofJob) {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        if (ofJob.isEmpty()) {
            return sb.append(nl).append("no decisions recorded for ").append(jobId)
                    .append(": the policy never considered it (outside its window) or explains only some outcomes")
                    .append(nl).toString();
        }
        sb.append(nl).append("decisions:").append(nl);
        for (JsonNode d : ofJob) {
            sb.append(String.format(Locale.ROOT, "t=%.3f s  %s  %s%n", d.path("timeNs").asLong() / 1e9,
                    d.path("outcome").asText(), d.path("reason").asText()));
            for (Map.Entry<String, JsonNode> f : d.path("details").properties()) {
                detail(sb, "    ", f.getKey(), f.getValue());
            }
        }
        return sb.toString();
    }

    private static void detail(StringBuilder sb, String indent, String key, JsonNode value) {
        String nl = System.lineSeparator();
        if (indent.length() > 40) {
            // a damaged or hostile file nests without end: stop, do not recurse through it
            sb.append(indent).append(key).append(": ...").append(nl);
            return;
        }
        if (value.isObject()) {
            if (value.isEmpty()) {
                return;
            }
            sb.append(indent).append(key).append(':').append(nl);
            value.properties().forEach(f -> detail(sb, indent + "  ", f.getKey(), f.getValue()));
        } else if (value.isArray()) {
            if (value.isEmpty()) {
                return;
            }
            sb.append(indent).append(key).append(':').append(nl);
            value.forEach(v -> sb.append(indent).append("  - ").append(v.isValueNode() ? v.asText() : v.toString()).append(nl));
        } else {
            sb.append(indent).append(key).append(": ").append(value.asText()).append(nl);
        }
    }
}
