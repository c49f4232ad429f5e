package dev.fleetsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are when tests run (surefire sets {@code fleetsim.rootDir}). */
final class TestPaths {
    private TestPaths() {
    }

    static Path root() {
        String configured = System.getProperty("fleetsim.rootDir");
        if (configured != null && Files.isDirectory(Path.of(configured, "scenarios")) && Files.isDirectory(Path.of(configured, "validation"))) {
            return Path.of(configured);
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isDirectory(p.resolve("scenarios")) && Files.isDirectory(p.resolve("validation")))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (no scenarios/ above " + Path.of("").toAbsolutePath() + ")");
        }
        return p;
    }

    static Path scenarios() {
        return root().resolve("scenarios");
    }
}
