package dev.fleetsim.desktop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which screen a FILE argument opens on: every shipped plan on the plan screen, every scenario in the editor. */
class PlanFilesTest {

    @Test
    void theShippedPlansArePlansAndTheScenariosAreNot() throws Exception {
        try (var plans = Files.list(TestFiles.scenario("plans"))) {
            plans.filter(p -> p.toString().endsWith(".yaml")).forEach(p -> assertTrue(PlanFiles.isPlan(p), p.toString()));
        }
        try (var scenarios = Files.list(TestFiles.scenario(""))) {
            scenarios.filter(p -> p.toString().endsWith(".yaml")).forEach(p -> assertFalse(PlanFiles.isPlan(p), p.toString()));
        }
    }

    @Test
    void anUnreadableFileGoesToTheEditor(@TempDir Path tmp) throws Exception {
        assertFalse(PlanFiles.isPlan(tmp.resolve("missing.yaml")));
        assertFalse(PlanFiles.isPlan(Files.writeString(tmp.resolve("broken.yaml"), "scenario: [unclosed")));
        assertFalse(PlanFiles.isPlan(Files.writeString(tmp.resolve("list.yaml"), "- scenario: x")));
        // an experiment names a base scenario too, but it is not a plan (the same rule as fleetsim validate's)
        assertFalse(PlanFiles.isPlan(Files.writeString(tmp.resolve("grid.yaml"), "name: g\nscenario: s.yaml\naxes: {nodes: [1]}\n")));
    }
}
