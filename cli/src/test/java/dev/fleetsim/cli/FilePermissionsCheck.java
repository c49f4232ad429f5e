package dev.fleetsim.cli;

import dev.fleetsim.engine.metrics.AtomicFiles;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Checks that files a command wrote carry the permissions {@link AtomicFiles} gives a new file
 * in the same place, i.e. that every one went through it (the one writer that owns the umask
 * rule and its test), not through a JDK temporary file of its own (owner-only, 0600).
 */
final class FilePermissionsCheck {

    private FilePermissionsCheck() {
    }

    static void sameAsAtomicFiles(Path scratch, List<Path> written) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path probe = scratch.resolve("atomic-probe");
        AtomicFiles.writeString(probe, "probe\n");
        Set<PosixFilePermission> atomic = Files.getPosixFilePermissions(probe);
        for (Path f : written) {
            assertEquals(PosixFilePermissions.toString(atomic), PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
                    f + " was not written as AtomicFiles writes");
        }
    }
}
