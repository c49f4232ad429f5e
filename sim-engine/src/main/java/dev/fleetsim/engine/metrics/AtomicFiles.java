package dev.fleetsim.engine.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a file under a temporary name in the same folder ({@code .NAME.RANDOM.partial}), forces
 * it to disk and renames it into place, so a reader (or a crash) never sees half a file under
 * the real name. The file is created with the permissions the user's umask gives a new file
 * (not the owner-only mode of a JDK temporary file).
 */
public final class AtomicFiles {
    /** Ends the name of a file being written; a leftover one is from a killed writer and may be deleted. */
    public static final String PARTIAL = ".partial";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Writes the content of one file to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, Content content) throws IOException {
        if (Files.isDirectory(target)) {
            // The rename would fail only after the whole file was written, naming the temporary file.
            throw new java.nio.file.FileSystemException(target.toString(), null, "is a folder; expected the path of a file");
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = null;
        try {
            FileChannel ch = null;
            for (int attempt = 0; ch == null; attempt++) {
                tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong() >>> 1) + PARTIAL);
                try {
                    // CREATE_NEW: 0666 less the umask, like any file the user's tools create.
                    ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    if (attempt > 8) {
                        throw e;
                    }
                }
            }
            try (FileChannel channel = ch) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
