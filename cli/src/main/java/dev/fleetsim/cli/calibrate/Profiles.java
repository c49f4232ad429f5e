package dev.fleetsim.cli.calibrate;

import dev.fleetsim.calibration.raw.RawData;
import dev.fleetsim.calibration.raw.RawFormatException;
import dev.fleetsim.calibration.raw.RawReader;
import dev.fleetsim.cli.InputFiles;
import dev.fleetsim.cli.UserError;
import dev.fleetsim.engine.hardware.HardwareDocumentException;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.ProfileReader;
import dev.fleetsim.engine.scenario.FileKind;

import java.nio.file.Path;
import java.util.List;

/**
 * The calibration commands' inputs read as user errors: hardware profiles and raw measurements.
 * When a reader refuses a file that is a Fleetsim file of another kind (a scenario given as raw
 * measurements, a YAML document renamed {@code .jsonl}; the raw reader itself tells those apart),
 * the error says what was found and what was expected in one line.
 */
public final class Profiles {
    private Profiles() {
    }

    /** A hardware profile file. */
    public static HardwareProfile read(Path file) {
        try {
            return ProfileReader.read(file);
        } catch (HardwareDocumentException e) {
            InputFiles.refuseOtherKind("PROFILE", file, FileKind.HARDWARE_PROFILE);
            throw new UserError(e.getMessage());
        }
    }

    /** Raw measurement files and run folders; a file of another kind is named as the RAW parameter's. */
    static RawData raw(List<Path> paths) {
        try {
            return RawReader.read(paths);
        } catch (RawFormatException e) {
            throw new UserError(e.wrongKind() ? "RAW: " + e.getMessage() : e.getMessage());
        }
    }
}
