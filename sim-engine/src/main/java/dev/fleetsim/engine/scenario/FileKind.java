package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsim.engine.hardware.HardwareProfile;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What kind of Fleetsim file a path holds, told from its top-level keys: the one place that tells
 * a scenario from a plan, an experiment, a hardware profile, a run's summary or raw calibration
 * measurements, so that every command and the desktop app treat a file alike and name a file given
 * to the wrong command for what it is. A plan and an experiment both name their base scenario
 * under {@code scenario:} and have no cluster or workload of their own (docs/PLANNING.md,
 * docs/SWEEPS.md); an experiment has {@code axes}. A scenario has a cluster or a workload. Anything
 * else ({@link #OTHER_DOCUMENT}, or {@link #UNKNOWN} for unreadable files) is left to the command's
 * own reader, which says what is wrong with it.
 */
public enum FileKind {
    SCENARIO("a scenario file", "fleetsim run, compare or estimate"),
    PLAN("a plan file", "fleetsim plan"),
    EXPERIMENT("an experiment file", "fleetsim sweep"),
    HARDWARE_PROFILE("a hardware profile", "a scenario's hardware section ({TYPE: {profile: FILE}}) or fleetsim calibrate report"),
    RUN_SUMMARY("the summary.json of a results folder", "fleetsim explain and the desktop app, which read its folder"),
    RAW_MEASUREMENTS("raw calibration measurements (JSON lines)", "fleetsim calibrate fit"),
    /** A well-formed YAML or JSON document that is none of the above. */
    OTHER_DOCUMENT("a YAML or JSON document of no kind Fleetsim reads", ""),
    /** A folder, a missing file, one that is not UTF-8 or not well-formed, or one too big to sniff. */
    UNKNOWN("a file Fleetsim cannot tell the kind of", "");

    /** Files are told apart by reading at most this much: plans, experiments and profiles are small; a scenario may be larger. */
    static final long MAX_SNIFFED_BYTES = 1L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String words;
    private final String takenBy;

    FileKind(String words, String takenBy) {
        this.words = words;
        this.takenBy = takenBy;
    }

    /** The kind in words, with its article: "a plan file". */
    public String words() {
        return words;
    }

    /** What takes a file of this kind, for a message to a user who gave it to something else: "fleetsim plan". */
    public String takenBy() {
        return takenBy;
    }

    /** The kind of {@code file}; {@link #UNKNOWN} for a folder, a missing or unreadable file, or one too big to sniff. */
    public static FileKind of(Path file) {
        if (!Files.isRegularFile(file)) {
            return UNKNOWN;
        }
        Documents.Text text = Documents.text(file, "a file", MAX_SNIFFED_BYTES);
        if (!text.problems().isEmpty()) {
            return UNKNOWN;
        }
        ProblemList problems = new ProblemList();
        JsonNode tree = ScenarioDocument.read(text.text(), Documents.isJson(file), problems);
        if (!problems.isEmpty()) {
            return firstLineIsRawIdentity(text.text()) ? RAW_MEASUREMENTS : UNKNOWN;
        }
        return of(tree);
    }

    /** The kind of a document's tree. */
    public static FileKind of(JsonNode root) {
        if (root == null || !root.isObject()) {
            return root == null || root.isMissingNode() ? UNKNOWN : OTHER_DOCUMENT;
        }
        JsonNode format = root.get("format");
        if (format != null && format.isTextual() && format.asText().startsWith(profileFormatName())) {
            return HARDWARE_PROFILE;
        }
        if (isRawIdentity(root)) {
            return RAW_MEASUREMENTS;
        }
        if (root.has("counts") && root.has("times") && root.has("kernel")) {
            return RUN_SUMMARY;
        }
        boolean ownCluster = root.has("cluster") || root.has("workload");
        if (root.has("scenario") && !ownCluster) {
            return root.has("axes") ? EXPERIMENT : PLAN;
        }
        return ownCluster ? SCENARIO : OTHER_DOCUMENT;
    }

    private static String profileFormatName() {
        String f = HardwareProfile.FORMAT;
        return f.substring(0, f.lastIndexOf('/') + 1);
    }

    /** Raw measurement files are JSON lines whose first line is the run's identity (docs/CALIBRATION.md). */
    private static boolean firstLineIsRawIdentity(String text) {
        String first = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (!first.startsWith("{")) {
            return false;
        }
        try {
            return isRawIdentity(JSON.readTree(first));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static boolean isRawIdentity(JsonNode line) {
        return line != null && line.isObject() && "identity".equals(line.path("kind").asText(null))
                && (line.path("format").asText("").startsWith("fleetsim-calibration-raw/") || line.has("devices"));
    }
}
