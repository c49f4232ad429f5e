package dev.fleetsim.cli;

import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.scenario.FileKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The checks every command makes of a file it is given to read, before and after its own reader:
 * that the path is a file at all, and, when the reader refuses it, whether it is a Fleetsim file
 * of another kind (a plan given to {@code run}, a scenario given to {@code plan} or
 * {@code calibrate fit}), which is then said in one line instead of every key of it being unknown.
 * The kinds themselves are decided by {@link FileKind}.
 */
public final class InputFiles {
    /** Kinds told apart for sure; a document of no known kind is left to the command's reader. */
    private static final Set<FileKind> KNOWN = EnumSet.of(FileKind.SCENARIO, FileKind.PLAN, FileKind.EXPERIMENT,
            FileKind.HARDWARE_PROFILE, FileKind.RUN_SUMMARY, FileKind.RAW_MEASUREMENTS);

    private InputFiles() {
    }

    /** Refuses {@code file}, given as {@code param}, unless it is a regular file; {@code expected} is "a plan file". */
    public static void requireFile(String param, Path file, String expected) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(param + ": found " + Echo.quoted(file.toString()) + ", which is " + (Files.isDirectory(file)
                    ? "a folder" : Files.exists(file) ? "not a regular file" : "no file") + "; expected the path of " + expected);
        }
    }

    /**
     * Throws a {@link UserError} when {@code file} is a Fleetsim file of a kind none of {@code expected}:
     * {@code FILE: found "p.yaml", a plan file (for fleetsim plan); expected a scenario file}. Returns
     * when it is of an expected kind or of none that is known, so the caller reports its reader's problems.
     */
    public static void refuseOtherKind(String param, Path file, FileKind... expected) {
        FileKind found = FileKind.of(file);
        if (!KNOWN.contains(found) || Arrays.asList(expected).contains(found)) {
            return;
        }
        throw new UserError(otherKind(param, file, found, expected));
    }

    /** The message of {@link #refuseOtherKind}. */
    public static String otherKind(String param, Path file, FileKind found, FileKind... expected) {
        List<String> words = Arrays.stream(expected).map(FileKind::words).toList();
        String wanted = words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
        String hint = found == FileKind.RUN_SUMMARY && Arrays.asList(expected).contains(FileKind.SCENARIO)
                ? " (the scenario that ran is the folder's scenario.yaml)" : "";
        String use = found.takenBy().isEmpty() ? "" : " (for " + found.takenBy() + ")";
        return param + ": found " + Echo.quoted(file.toString()) + ", " + found.words() + use + "; expected " + wanted + hint;
    }
}
