package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.testing.RepositoryFiles;

import java.nio.file.Path;

/** The repository's scenarios/ folder and other files, through {@link RepositoryFiles}. */
final class ScenarioFiles {

    private ScenarioFiles() {
    }

    /** A file under the repository root, e.g. {@code docs/SCENARIO-FORMAT.md}. */
    static Path repoFile(String relative) {
        return RepositoryFiles.file(relative);
    }

    static Path scenario(String fileName) {
        return RepositoryFiles.file("scenarios/" + fileName);
    }
}
