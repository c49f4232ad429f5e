package dev.fleetsim.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way tests reach files of the repository: the root (surefire's {@code fleetsim.rootDir},
 * else the first folder above the working directory holding {@code scenarios/} and
 * {@code validation/}), and paths under it. A path that resolves outside the root is refused,
 * so a test cannot come to depend on a folder that a clone of this repository does not have.
 */
public final class RepositoryFiles {

    private RepositoryFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("fleetsim.rootDir");
        if (configured != null && isRoot(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir.normalize();
            }
        }
        throw new IllegalStateException("no repository root (scenarios/ and validation/) above " + Path.of("").toAbsolutePath());
    }

    private static boolean isRoot(Path dir) {
        return Files.isDirectory(dir.resolve("scenarios")) && Files.isDirectory(dir.resolve("validation"));
    }

    /** {@code relative} under the repository root; refuses a path that leaves it. */
    public static Path file(String relative) {
        Path root = root();
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException(relative + " is outside the repository " + root);
        }
        return p;
    }

    /** A published-figures file of {@code validation/reference/}, parsed. */
    public static JsonNode reference(String name) {
        try {
            return new ObjectMapper().readTree(file("validation/reference/" + name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
