package dev.fleetsim.engine.metrics;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a whole results folder so that it appears complete or not at all: every file goes into
 * a fresh sibling folder ({@code .NAME.partial-RANDOM}, beside the target, so the final rename
 * stays on one file system), and only when all of it is on disk does that folder take the
 * target's place. An old run's folder is moved aside and deleted, never merged with, so no old
 * chart lies beside a new {@code summary.json}; a cancel or a failure deletes the new folder and
 * leaves the old run as it was. Leftovers of a killed writer ({@code .NAME.partial-*},
 * {@code .NAME.old-*}) are deleted the next time the folder is written.
 *
 * <p>Only a folder Fleetsim wrote is replaced: one with the {@link #MARKER} file, or one holding
 * nothing but the files a run, a comparison or a sweep writes. Anything else (a home folder
 * given by mistake to {@code --out}) is refused with a {@link NotAResultsFolderException}.
 */
public final class ResultFolder {
    /** The marker every results folder holds, so a later run may replace it. */
    public static final String MARKER = ".fleetsim-results";
    /** Names of files the engine and its charts write; a folder of only these (legacy, no marker) may be replaced. */
    private static final Pattern OURS = Pattern.compile("(summary\\.json|jobs\\.csv|timeseries\\.csv|scenario\\.yaml"
            + "|decisions\\.jsonl|links\\.csv|compare[-a-z]*\\.csv|sweep[-a-z]*\\.(csv|json)|experiment\\.yaml"
            + "|point\\.json|[-_a-z0-9]+\\.png|\\..*\\.partial|\\.fleetsim-results)");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Writes the folder's files into the folder it is given (a fresh, empty one). */
    @FunctionalInterface
    public interface Writer {
        void write(Path into) throws IOException;
    }

    /** An existing folder that is not a Fleetsim results folder, which a run will not replace. */
    public static final class NotAResultsFolderException extends IOException {
        private static final long serialVersionUID = 1L;

        NotAResultsFolderException(String message) {
            super(message);
        }
    }

    private ResultFolder() {
    }

    /**
     * Writes {@code dir} anew through {@code writer}, then swaps it into place.
     *
     * @param cancelled polled after the writer returns (the writer should poll it too, between files): when true,
     *                  nothing is swapped in and {@link Cancelled} is thrown
     * @throws NotAResultsFolderException when {@code dir} exists and holds files Fleetsim did not write
     */
    public static void replace(Path dir, Writer writer, BooleanSupplier cancelled) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || target.getFileName() == null) {
            throw new IOException("cannot write results into the root folder " + target);
        }
        checkReplaceable(target);
        List<Path> created = createParents(parent);
        String name = target.getFileName().toString();
        deleteLeftovers(parent, name);
        Path fresh = freshSibling(parent, name, "partial");
        boolean done = false;
        try {
            AtomicFiles.writeString(fresh.resolve(MARKER), "a Fleetsim results folder: a later run may replace it\n");
            writer.write(fresh);
            if (cancelled.getAsBoolean()) {
                throw new Cancelled();
            }
            forceDirectory(fresh);
            swap(fresh, target, parent, name);
            done = true;
        } finally {
            if (!done) {
                deleteTree(fresh);
                // A cancelled or failed first run leaves no empty runs/ behind either.
                for (Path p : created) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // not empty after all: someone else wrote there
                    }
                }
            }
        }
    }

    /** Thrown by {@link #replace} when the cancel flag was set while the folder was written. */
    public static final class Cancelled extends IOException {
        private static final long serialVersionUID = 1L;

        public Cancelled() {
            super("cancelled");
        }
    }

    /** Refuses a target that exists and is a file, or a folder of someone else's files. */
    public static void checkReplaceable(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotAResultsFolderException(target + " exists and is not a folder");
        }
        if (Files.exists(target.resolve(MARKER))) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                if (!OURS.matcher(n).matches() && !(n.equals("points") && Files.isDirectory(p))) {
                    throw new NotAResultsFolderException(target + " holds files Fleetsim did not write (" + n
                            + "); give a new or empty folder, or one an earlier run wrote");
                }
            }
        }
    }

    private static List<Path> createParents(Path parent) throws IOException {
        List<Path> created = new ArrayList<>();
        Path p = parent;
        for (; p != null && !Files.exists(p); p = p.getParent()) {
            created.add(p);
        }
        if (p != null && !Files.isDirectory(p)) {
            throw new java.nio.file.NotDirectoryException(p.toString());
        }
        Files.createDirectories(parent);
        return created;
    }

    /** Deletes what killed writers of {@code name} left beside it. */
    static void deleteLeftovers(Path parent, String name) throws IOException {
        String prefix = "." + name + ".";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix + "partial-") || n.startsWith(prefix + "old-");
        })) {
            for (Path p : entries) {
                deleteTree(p);
            }
        }
    }

    private static Path freshSibling(Path parent, String name, String kind) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = parent.resolve("." + name + "." + kind + "-" + Long.toHexString(RANDOM.nextLong() >>> 1));
            try {
                // createDirectory, not createTempDirectory: the umask decides, not an owner-only mode.
                return Files.createDirectory(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 8) {
                    throw e;
                }
            }
        }
    }

    private static void swap(Path fresh, Path target, Path parent, String name) throws IOException {
        Path old = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            old = parent.resolve("." + name + ".old-" + Long.toHexString(RANDOM.nextLong() >>> 1));
            move(target, old);
        }
        move(fresh, target);
        forceDirectory(parent);
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Forces a folder's entries to disk where the platform allows it (Linux does; elsewhere a no-op). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open a folder as a channel; the renames are still in order.
        }
    }

    /** Deletes a file or a folder and everything in it; absent is fine. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path q : all) {
                Files.deleteIfExists(q);
            }
        }
    }

    /**
     * A results folder name made from a scenario name: one safe path segment (letters, digits,
     * {@code . _ -}; anything else becomes {@code -}), never {@code .} or {@code ..}, never hidden,
     * at most 80 characters; {@code "results"} when nothing is left. {@code ../../escaped}
     * becomes {@code escaped}; a NUL or a slash cannot reach the file system.
     */
    public static String safeName(String name) {
        String s = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]+", "-");
        s = s.replaceAll("-{2,}", "-");
        s = s.replaceAll("^[.-]+", "").replaceAll("[.-]+$", "");
        if (s.length() > 80) {
            s = s.substring(0, 80).replaceAll("[.-]+$", "");
        }
        return s.isEmpty() ? "results" : s;
    }
}
