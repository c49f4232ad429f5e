package dev.fleetsim.cli;

import dev.fleetsim.engine.metrics.IoMessages;
import dev.fleetsim.engine.metrics.ResultFolder;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Where a command writes its results, and how a failure to write them is told to the user. */
final class ResultDirs {
    private ResultDirs() {
    }

    /**
     * {@code --out} when given (never empty), else {@code runs/<name><suffix>} with the scenario
     * name made one safe path segment ({@code ../../x} cannot leave {@code runs/}).
     */
    static Path of(String out, String scenarioName, String suffix) {
        if (out != null) {
            if (out.isBlank()) {
                throw new UserError("--out: found an empty path; expected a folder for the results, e.g. --out runs/mine");
            }
            try {
                return Path.of(out);
            } catch (InvalidPathException e) {
                throw new UserError("--out: found \"" + out.replace("\0", "\\0") + "\"; expected a valid path (" + e.getReason() + ")");
            }
        }
        return Path.of("runs", ResultFolder.safeName(scenarioName) + suffix);
    }

    /** A write failure as a user error: what could not be written and why ("permission denied", "no space left"). */
    static UserError cannotWrite(Path dir, IOException e) {
        if (e instanceof ResultFolder.NotAResultsFolderException) {
            return new UserError("will not write results over " + dir + ": " + e.getMessage());
        }
        return new UserError("cannot write results to " + dir + ": " + IoMessages.describe(e));
    }
}
