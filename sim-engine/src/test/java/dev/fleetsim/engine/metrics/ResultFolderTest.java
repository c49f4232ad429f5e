package dev.fleetsim.engine.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A results folder appears whole or not at all, never mixes runs, and is only written where Fleetsim may. */
class ResultFolderTest {

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aNewRunReplacesTheOldFolderWholeAndLeavesNoTemporaryFiles(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        ResultFolder.replace(dir, into -> {
            AtomicFiles.writeString(into.resolve("old.png"), "chart");
            AtomicFiles.writeString(into.resolve("summary.json"), "{}");
        }, () -> false);
        // a killed writer's leftovers beside the folder
        Files.createDirectory(tmp.resolve(".run.partial-dead"));
        ResultFolder.replace(dir, into -> AtomicFiles.writeString(into.resolve("summary.json"), "{\"new\":1}"), () -> false);
        assertEquals(List.of(ResultFolder.MARKER, "summary.json"), names(dir), "the old chart is gone");
        assertEquals(List.of("run"), names(tmp), "no temporary folder left");
    }

    @Test
    void aCancelOrAFailureLeavesTheOldFolderAsItWasAndCreatesNothing(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        ResultFolder.replace(dir, into -> AtomicFiles.writeString(into.resolve("summary.json"), "old"), () -> false);
        assertThrows(ResultFolder.Cancelled.class, () -> ResultFolder.replace(dir,
                into -> AtomicFiles.writeString(into.resolve("summary.json"), "new"), () -> true));
        assertThrows(IOException.class, () -> ResultFolder.replace(dir, into -> {
            throw new IOException("disk full");
        }, () -> false));
        assertEquals("old", Files.readString(dir.resolve("summary.json")));
        assertEquals(List.of("run"), names(tmp));
        Path fresh = tmp.resolve("runs").resolve("deep").resolve("x");
        assertThrows(ResultFolder.Cancelled.class, () -> ResultFolder.replace(fresh, into -> { }, () -> true));
        assertFalse(Files.exists(tmp.resolve("runs")), "no empty runs/ left by a cancelled first run");
    }

    @Test
    void aFolderOfSomeoneElsesFilesIsNeverReplaced(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("thesis.tex"), "precious");
        IOException e = assertThrows(ResultFolder.NotAResultsFolderException.class,
                () -> ResultFolder.replace(home, into -> { }, () -> false));
        assertTrue(e.getMessage().contains("thesis.tex"), e.getMessage());
        assertEquals("precious", Files.readString(home.resolve("thesis.tex")));
        // an older run's folder without the marker (files Fleetsim writes only) may be replaced
        Path legacy = tmp.resolve("legacy");
        Files.createDirectories(legacy);
        Files.writeString(legacy.resolve("jobs.csv"), "id\n");
        Files.writeString(legacy.resolve("queue.png"), "x");
        ResultFolder.replace(legacy, into -> AtomicFiles.writeString(into.resolve("summary.json"), "{}"), () -> false);
        assertEquals(List.of(ResultFolder.MARKER, "summary.json"), names(legacy));
        // a file in the way of the folder or its parents
        Files.writeString(tmp.resolve("file"), "x");
        IOException notDir = assertThrows(IOException.class,
                () -> ResultFolder.replace(tmp.resolve("file").resolve("run"), into -> { }, () -> false));
        assertEquals("not a folder (" + tmp.resolve("file") + ")", IoMessages.describe(notDir));
    }

    @Test
    void filesTakeTheUmasksPermissionsNotOwnerOnly(@TempDir Path tmp) throws Exception {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path plain = Files.createFile(tmp.resolve("plain"));
        Path dir = tmp.resolve("run");
        ResultFolder.replace(dir, into -> AtomicFiles.writeString(into.resolve("summary.json"), "{}"), () -> false);
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(dir.resolve("summary.json")), "a file as the umask makes it");
        Path plainDir = Files.createDirectory(tmp.resolve("plainDir"));
        assertEquals(Files.getPosixFilePermissions(plainDir), Files.getPosixFilePermissions(dir), "a folder as the umask makes it");
    }

    @Test
    void scenarioNamesBecomeOneSafePathSegment() {
        assertEquals("escaped", ResultFolder.safeName("../../escaped"));
        assertEquals("a-b", ResultFolder.safeName("a\u0000b"));
        assertEquals("my-run", ResultFolder.safeName("my run"));
        assertEquals("results", ResultFolder.safeName(".."));
        assertEquals("results", ResultFolder.safeName(""));
        assertEquals("quickstart", ResultFolder.safeName("quickstart"));
        assertEquals(80, ResultFolder.safeName("x".repeat(20_000)).length());
        assertEquals("C-Windows-x", ResultFolder.safeName("C:\\Windows\\x"));
    }

    @Test
    void ioFailuresSayWhy() {
        assertEquals("permission denied (runs/x/.jobs.csv.partial)",
                IoMessages.describe(new AccessDeniedException("runs/x/.jobs.csv.partial")));
        assertEquals("no space left on device (runs/x)",
                IoMessages.describe(new java.nio.file.FileSystemException("runs/x", null, "No space left on device")));
    }
}
