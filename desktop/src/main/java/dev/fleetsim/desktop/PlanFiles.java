package dev.fleetsim.desktop;

import dev.fleetsim.engine.scenario.FileKind;

import java.nio.file.Path;

/**
 * Tells a plan file from a scenario file, so {@code fleetsim desktop FILE} opens either on the right
 * screen. What a plan file is, is decided once, by {@link FileKind} (the command line's rule too);
 * anything else, unreadable files included, goes to the editor, which shows the file's problems
 * with their paths.
 */
public final class PlanFiles {
    private PlanFiles() {
    }

    /** Whether the file reads as a plan rather than a scenario. */
    public static boolean isPlan(Path file) {
        return FileKind.of(file) == FileKind.PLAN;
    }
}
