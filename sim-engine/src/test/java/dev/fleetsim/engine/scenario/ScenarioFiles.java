package dev.fleetsim.engine.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the repository's scenarios/ folder: from surefire's fleetsim.rootDir, else walking up from here. */
final class ScenarioFiles {

    private ScenarioFiles() {
    }

    /** A file under the repository root, e.g. {@code docs/SCENARIO-FORMAT.md}. */
    static Path repoFile(String relative) {
        return scenario("x").getParent().getParent().resolve(relative);
    }

    static Path scenario(String fileName) {
        String root = System.getProperty("fleetsim.rootDir");
        if (root != null && Files.isDirectory(Paths.get(root, "scenarios"))) {
            return Paths.get(root, "scenarios", fileName);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("scenarios"))) {
                return dir.resolve("scenarios").resolve(fileName);
            }
        }
        throw new IllegalStateException("no scenarios/ folder above " + Paths.get("").toAbsolutePath());
    }
}
