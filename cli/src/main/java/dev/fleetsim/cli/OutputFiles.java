package dev.fleetsim.cli;

import dev.fleetsim.engine.files.Echo;

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

    /**
     * Throws a {@link UserError} naming {@code option} when {@code dir} cannot be a folder to write
     * into: an existing file, or a path under one.
     */
    public static void checkFolder(String option, Path dir) {
        if (dir.toString().isBlank()) {
            throw new UserError(option + ": found \"\"; expected the path of a folder to write into");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError(option + ": found " + Echo.quoted(dir.toString()) + ", a file; expected the path of a folder"
                    + " to write into (a new one, or one this command wrote before)");
        }
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new UserError(option + ": found " + Echo.quoted(dir.toString()) + ", under " + p
                        + ", which is a file; expected the path of a folder to write into");
            }
        }
    }
}
