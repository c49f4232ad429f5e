package dev.fleetsim.engine.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A clone of this repository alone must build and pass its tests: no source, test, build file
 * or script may name a folder beside the repository (the reference material the project was
 * given lives in {@code ../shared}; the facts the project uses are copied into
 * {@code validation/reference/}). Tests reach repository files only through
 * {@link RepositoryFiles}, which refuses paths that leave the root.
 */
class RepositoryBoundaryTest {

    /** A relative path that climbs out of a module and then names a sibling of the repository. */
    private static final Pattern OUTSIDE = Pattern.compile("\\.\\./(\\.\\./)*shared\\b|fleetsim\\.sharedDir|/work/shared");

    @Test
    void noBuildFileSourceOrScriptNamesAFolderOutsideTheRepository() throws IOException {
        Path root = RepositoryFiles.root();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> scanned(root.relativize(p)))
                    .forEach(p -> {
                        String text = read(p);
                        if (OUTSIDE.matcher(text).find()) {
                            offenders.add(root.relativize(p).toString());
                        }
                    });
        }
        assertEquals(List.of(), offenders, "files that name a folder outside the repository");
    }

    @Test
    void everyReferenceFileTheTestsReadIsInTheRepository() {
        Path root = RepositoryFiles.root();
        for (String name : List.of("training.json", "training-modern.json", "kernels.json", "hardware.json",
                "collectives.json", "inference.json", "reliability.json", "schedulers.json", "traces.json")) {
            Path p = RepositoryFiles.file("validation/reference/" + name);
            assertTrue(p.startsWith(root) && Files.isRegularFile(p), name + " under validation/reference/");
            assertTrue(RepositoryFiles.reference(name).has("about") || RepositoryFiles.reference(name).size() > 0, name);
        }
    }

    @Test
    void aPathLeavingTheRootIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RepositoryFiles.file("../shared/reference/training.json"));
    }

    private static boolean scanned(Path relative) {
        String s = relative.toString().replace('\\', '/');
        if (s.startsWith(".git/") || s.contains("/target/") || s.startsWith("target/") || s.startsWith("runs/")) {
            return false;
        }
        // The scan's own pattern names what it looks for.
        if (s.endsWith("RepositoryBoundaryTest.java")) {
            return false;
        }
        return s.endsWith(".java") || s.endsWith(".xml") || s.endsWith(".properties") || s.endsWith(".sh")
                || s.endsWith(".yaml") || s.endsWith(".yml") || s.endsWith(".json") || s.equals("fleetsim")
                || s.equals("mvnw") || s.startsWith(".ci/") || s.startsWith(".mvn/");
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
