package dev.fleetsim.calibration.fit;

import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.ProfileWriter;
import dev.fleetsim.engine.metrics.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a fitted profile as the engine's {@link ProfileWriter} formats it (JSON for a
 * {@code .json} name, else YAML), through {@link AtomicFiles} like every file calibration
 * writes: forced to disk, renamed into place, with the permissions the user's umask gives.
 */
public final class ProfileFiles {

    private ProfileFiles() {
    }

    /** The profile's text for {@code file}: the exact text {@link dev.fleetsim.engine.hardware.ProfileReader} reads back. */
    public static String text(HardwareProfile profile, Path file) {
        return file.getFileName().toString().endsWith(".json") ? ProfileWriter.json(profile) : ProfileWriter.yaml(profile);
    }

    public static void write(HardwareProfile profile, Path file) throws IOException {
        AtomicFiles.writeString(file, text(profile, file));
    }
}
