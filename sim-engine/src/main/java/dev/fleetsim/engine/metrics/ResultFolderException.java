package dev.fleetsim.engine.metrics;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A results folder that cannot be read back: a file missing, or a file that is not what
 * {@link ResultWriter} writes. The message names the file, what was found and what was expected.
 */
public final class ResultFolderException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public ResultFolderException(Path file, String found, String expected) {
        super(file + ": found " + found + "; expected " + expected);
        this.file = file;
    }

    /** The file (or folder) at fault. */
    public Path file() {
        return file;
    }
}
