package dev.fleetsim.cli;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.Validation;
import dev.fleetsim.engine.scenario.FileKind;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.ScenarioSpec;

import java.nio.file.Path;
import java.util.stream.Collectors;

/** Validates a scenario file through the façade for a command, turning every problem into one {@link UserError}. */
final class ScenarioFiles {
    private ScenarioFiles() {
    }

    static ScenarioSpec load(Fleetsim fleetsim, Path file) {
        InputFiles.requireFile("FILE", file, "a scenario file");
        return load(file, fleetsim.validate(file));
    }

    /** The validated scenario of {@code v} (a validation of {@code file}), or every problem as one {@link UserError}. */
    static ScenarioSpec load(Path file, Validation v) {
        InputFiles.requireFile("FILE", file, "a scenario file");
        if (!v.valid()) {
            InputFiles.refuseOtherKind("FILE", file, FileKind.SCENARIO);
            int n = v.problems().size();
            throw new UserError(file + " is not a valid scenario (" + n + " problem" + (n == 1 ? "" : "s") + "):\n"
                    + v.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")).indent(2).stripTrailing());
        }
        return v.spec().orElseThrow();
    }
}
