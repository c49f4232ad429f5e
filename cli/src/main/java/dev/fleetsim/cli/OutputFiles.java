package dev.fleetsim.cli;

import dev.fleetsim.engine.scenario.Echo;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an option that names one file to write ({@code --out FILE}) before the command does its
 * work, so a folder or a path under a regular file is refused at once rather than after a fit
 * or a search whose result then cannot be saved.
 */
public final class OutputFiles {
    private OutputFiles() {
    }

    /** Throws a {@link UserError} naming {@code option} when {@code file} cannot be a file to write. */
    public static void check(String option, Path file) {
        if (file.toString().isBlank()) {
            throw new UserError(option + ": found \"\"; expected the path of a file to write");
        }
        if (Files.isDirectory(file)) {
            throw new UserError(option + ": found " + Echo.quoted(file.toString()) + ", a folder; expected the path of a file to write");
        }
        for (Path p = file.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new UserError(option + ": found " + Echo.quoted(file.toString()) + ", under " + p
                        + ", which is a file; expected the path of a file in a folder");
            }
        }
    }
}
