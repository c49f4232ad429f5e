package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsim.engine.files.FileErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a YAML or JSON file of any kind (scenario, experiment, plan) the one way scenario files
 * are read: bounded in size, strict UTF-8, one well-formed document ({@code .json} strict JSON),
 * every problem a {@link Problem} at {@code (file)} or {@code line L, column C}, in the words of the
 * kind of file expected ("a plan file"), never an exception's text.
 */
public final class Documents {

    /** The largest file read: far above any real one (a million tenants is ~15 MB). */
    public static final long MAX_FILE_BYTES = ScenarioDocument.MAX_FILE_BYTES;

    private Documents() {
    }

    /** The text of a file, or the problems that keep it from being read. */
    public record Text(String text, List<Problem> problems) {
    }

    /** The tree of a file (null for an empty document), or the problems that keep it from being read. */
    public record Tree(JsonNode tree, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * The file's text, decoded as UTF-8 (a leading byte-order mark dropped); {@code expected} names
     * the kind of file in messages, with its article: "a plan file".
     */
    public static Text text(Path file, String expected, long maxBytes) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                return failed("a file of " + size + " bytes", expected + " of at most " + (maxBytes >> 20) + " MiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return failed(FileErrors.describe(file, e), e instanceof NoSuchFileException || Files.isDirectory(file)
                    ? "the path of " + expected : "a readable UTF-8 file: " + expected);
        }
        try {
            return new Text(Utf8.decode(bytes), List.of());
        } catch (Utf8.NotUtf8 e) {
            return failed(e.getMessage(), expected + " in UTF-8 (save it as UTF-8)");
        }
    }

    /** The file's tree: {@link #text} then the document's syntax; a {@code .json} file is read as strict JSON. */
    public static Tree tree(Path file, String expected, long maxBytes) {
        Text t = text(file, expected, maxBytes);
        if (!t.problems().isEmpty()) {
            return new Tree(null, t.problems());
        }
        ProblemList problems = new ProblemList();
        JsonNode tree = ScenarioDocument.read(t.text(), isJson(file), problems);
        return new Tree(problems.isEmpty() ? tree : null, problems.toList());
    }

    /** Whether the file is read as strict JSON: its name ends in {@code .json}; any other is YAML, which reads JSON too. */
    static boolean isJson(Path file) {
        return file.toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static Text failed(String found, String allowed) {
        return new Text(null, List.of(new Problem("(file)", found, allowed)));
    }
}
