package dev.fleetsim.engine.experiment;

import dev.fleetsim.engine.metrics.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweep's folder writer: when {@code close} returns every folder handed in is on disk, whole,
 * even with more folders than it lets wait; a folder that cannot be written fails the sweep — the
 * next hand-in at once, and {@code close} — with the disk's own error.
 */
class FolderWriterTest {
    private static Map<String, AtomicFiles.Content> files(int i) {
        Map<String, AtomicFiles.Content> f = new LinkedHashMap<>();
        f.put("point.json", out -> out.write(("{\"i\": " + i + "}\n").getBytes(StandardCharsets.UTF_8)));
        f.put("summary.json", out -> out.write("{}\n".getBytes(StandardCharsets.UTF_8)));
        return f;
    }

    @Test
    void closeReturnsWhenEveryFolderIsWritten(@TempDir Path tmp) throws Exception {
        try (FolderWriter w = new FolderWriter(2, 3)) {
            for (int i = 0; i < 40; i++) {
                w.write(tmp.resolve("points").resolve("p" + i), files(i));
            }
        }
        for (int i = 0; i < 40; i++) {
            Path dir = tmp.resolve("points").resolve("p" + i);
            assertEquals("{\"i\": " + i + "}\n", Files.readString(dir.resolve("point.json")));
            assertTrue(Files.exists(dir.resolve("summary.json")));
        }
        try (var left = Files.list(tmp.resolve("points"))) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no partial folder left");
        }
    }

    @Test
    void aFolderThatCannotBeWrittenFailsTheNextHandInAndClose(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        FolderWriter w = new FolderWriter(1, 1);
        // the good folder first: once the bad one has failed, any hand-in may already see the failure
        w.write(tmp.resolve("ok"), files(1));
        w.write(file.resolve("p0"), files(0));
        long deadline = System.nanoTime() + 5_000_000_000L;
        IOException next = null;
        while (next == null && System.nanoTime() < deadline) {
            try {
                w.write(tmp.resolve("ok2"), files(2));
                Thread.sleep(10);
            } catch (IOException e) {
                next = e;
            }
        }
        assertTrue(next != null, "a later hand-in fails once a write has failed");
        IOException closed = assertThrows(IOException.class, w::close);
        assertTrue(closed.getMessage() != null && closed.getMessage().contains("not-a-folder"), closed.getMessage());
        assertTrue(Files.exists(tmp.resolve("ok").resolve("summary.json")), "the other folder is written");
    }
}
