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
            return "no file at " + cut(file.toAbsolutePath().normalize().toString());
        }
        if (e instanceof AccessDeniedException) {
            return "a file that cannot be read (permission denied)";
        }
        if (e instanceof CharacterCodingException) {
            return "text that is not UTF-8 (a binary file, or text in another encoding)";
        }
        return "a file that cannot be read (" + cut(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + ")";
    }

    /** A long path cut to its start (a 19,000-character file name is "File name too long", echoed whole). */
    private static String cut(String s) {
        if (s.length() <= 200) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(199)) ? 199 : 200; // not half a character
        return s.substring(0, end) + "… (" + s.length() + " characters)";
    }
}
