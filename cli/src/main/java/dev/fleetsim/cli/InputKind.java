package dev.fleetsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a file given to {@code fleetsim validate} is: a plan and an experiment both name their base
 * scenario under {@code scenario:} and have no cluster or workload of their own (docs/PLANNING.md,
 * docs/SWEEPS.md); an experiment has {@code axes}. Anything else, unreadable files included, is
 * checked as a scenario, whose validation reports what is wrong with it.
 */
enum InputKind {
    SCENARIO, PLAN, EXPERIMENT;

    /** Plans and experiments are a few lines; a larger file is left to the scenario loader's own limits. */
    private static final long MAX_SNIFFED_BYTES = 1L << 20;

    static InputKind of(Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_SNIFFED_BYTES) {
                return SCENARIO;
            }
            root = new YAMLMapper().readTree(file.toFile());
        } catch (Exception e) {
            return SCENARIO;
        }
        if (root == null || !root.isObject() || !root.has("scenario") || root.has("cluster") || root.has("workload")) {
            return SCENARIO;
        }
        return root.has("axes") ? EXPERIMENT : PLAN;
    }
}
