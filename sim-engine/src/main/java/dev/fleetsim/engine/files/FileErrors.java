package dev.fleetsim.engine.files;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Says in words why a file could not be read ("no file at /x/y.yaml", "a folder, not a file",
 * "text that is not UTF-8"), for the messages users see: a JDK exception's class name and its
 * terse message ("MalformedInputException: Input length = 1") tell them nothing.
 */
public final class FileErrors {
    private FileErrors() {
    }

    /** Why reading {@code file} failed with {@code e}. */
    public static String describe(Path file, IOException e) {
        if (Files.isDirectory(file)) {
            return "a folder, not a file";
        }
        if (e instanceof NoSuchFileException) {
            return "no file at " + file.toAbsolutePath().normalize();
        }
        if (e instanceof AccessDeniedException) {
            return "a file that cannot be read (permission denied)";
        }
        if (e instanceof CharacterCodingException) {
            return "text that is not UTF-8 (a binary file, or text in another encoding)";
        }
        return "a file that cannot be read (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
    }
}
