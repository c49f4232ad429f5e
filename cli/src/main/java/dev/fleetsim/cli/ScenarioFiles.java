package dev.fleetsim.cli;

import dev.fleetsim.engine.run.RunFootprint;
import dev.fleetsim.engine.run.ScenarioRunner;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.ScenarioException;
import dev.fleetsim.engine.scenario.ScenarioLoader;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scheduling.PolicyRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Loads and fully validates a scenario file for a command, turning every problem into a {@link UserError}. */
final class ScenarioFiles {
    private ScenarioFiles() {
    }

    static ScenarioSpec load(Path file, PolicyRegistry policies) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such file");
        }
        ScenarioSpec spec;
        try {
            spec = new ScenarioLoader().load(file, ScenarioRunner.feasibilityCheck());
        } catch (ScenarioException e) {
            throw new UserError(file + " is not a valid scenario (" + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + "):\n" + e.format().indent(2).stripTrailing());
        }
        List<String> policyProblems = ScenarioRunner.policyProblems(spec, policies);
        if (!policyProblems.isEmpty()) {
            throw new UserError(file + " is not a valid scenario:\n  " + String.join("\n  ", policyProblems));
        }
        List<Problem> size = RunFootprint.problems(spec, 1);
        if (!size.isEmpty()) {
            throw new UserError(file + " cannot run here (" + size.size() + " problem" + (size.size() == 1 ? "" : "s")
                    + "):\n  " + size.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
        }
        return spec;
    }
}
