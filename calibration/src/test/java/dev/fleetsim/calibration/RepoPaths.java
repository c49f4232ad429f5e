package dev.fleetsim.calibration;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is when tests run (surefire sets {@code fleetsim.rootDir}). */
public final class RepoPaths {
    private RepoPaths() {
    }

    public static Path root() {
        String configured = System.getProperty("fleetsim.rootDir");
        if (configured != null && Files.isDirectory(Path.of(configured, "calibration"))) {
            return Path.of(configured);
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("calibration").resolve("fixtures"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** The checked-in SYNTHETIC raw run (quick grid, seed {@value SyntheticFixtureTest#SEED}). */
    public static Path syntheticFixture() {
        return root().resolve("calibration/fixtures/synthetic-h100-quick");
    }
}
