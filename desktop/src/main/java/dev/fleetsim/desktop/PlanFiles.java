package dev.fleetsim.desktop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Path;

/**
 * Tells a plan file from a scenario file, so {@code fleetsim desktop FILE} opens either on the right
 * screen. A plan names its base scenario under {@code scenario:} and has no cluster or workload of its
 * own (docs/PLANNING.md); anything else, unreadable files included, goes to the editor, which shows
 * the file's problems with their paths.
 */
public final class PlanFiles {
    private PlanFiles() {
    }

    /** Whether the file reads as a plan rather than a scenario. */
    public static boolean isPlan(Path file) {
        try {
            JsonNode root = new YAMLMapper().readTree(file.toFile());
            return root != null && root.isObject() && root.has("scenario") && !root.has("cluster") && !root.has("workload");
        } catch (Exception e) {
            return false;
        }
    }
}
