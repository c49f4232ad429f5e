package dev.fleetsim.engine.metrics;

import dev.fleetsim.engine.files.FileErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Atomic writes refuse a folder as their target up front, and read failures are said in words. */
class AtomicFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aFolderAsTheTargetIsRefusedBeforeAnythingIsWritten() throws IOException {
        // was: the whole file written to a temporary name, then a rename failing with that name in the message
        Path dir = Files.createDirectories(tmp.resolve("out"));
        FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFiles.writeString(dir, "x"));
        assertEquals(dir + ": is a folder; expected the path of a file", e.getMessage());
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file left beside it");
        }
        AtomicFiles.writeString(dir.resolve("a.txt"), "x");
        assertEquals("x", Files.readString(dir.resolve("a.txt")));
    }

    @Test
    void readFailuresAreDescribedInWords() throws IOException {
        Path missing = tmp.resolve("nope.yaml");
        assertEquals("no file at " + missing, FileErrors.describe(missing, new NoSuchFileException(missing.toString())));
        assertEquals("a folder, not a file", FileErrors.describe(tmp, new IOException("Is a directory")));
        Path binary = tmp.resolve("b.bin");
        Files.write(binary, new byte[] {(byte) 0x82, 0, (byte) 0xff});
        IOException decoding = assertThrows(IOException.class, () -> Files.readString(binary, StandardCharsets.UTF_8));
        assertTrue(FileErrors.describe(binary, decoding).startsWith("text that is not UTF-8"), FileErrors.describe(binary, decoding));
    }
}
