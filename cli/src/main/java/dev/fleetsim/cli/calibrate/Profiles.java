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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The calibration commands' inputs read as user errors: hardware profiles and raw measurements.
 * When a reader refuses a file that is a Fleetsim file of another kind (a scenario given as raw
 * measurements, a YAML document renamed {@code .jsonl}), the error says what was found and what
 * was expected in one line rather than listing a parse error per line of it.
 */
public final class Profiles {
    private static final String RAW_WORDS = "raw calibration measurements: JSON lines written by fleetsim calibrate run"
            + " (*.jsonl), or their run folder";

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

    /** Raw measurement files and run folders. */
    static RawData raw(List<Path> paths) {
        try {
            return RawReader.read(paths);
        } catch (RawFormatException e) {
            for (Path file : files(paths)) {
                FileKind kind = FileKind.of(file);
                // one JSON object on one line is a YAML document too: only a longer one is surely not JSON lines
                boolean document = kind == FileKind.OTHER_DOCUMENT && (!file.getFileName().toString().endsWith(".jsonl")
                        || lines(file) > 1);
                if (kind != FileKind.RAW_MEASUREMENTS && kind != FileKind.UNKNOWN && kind != FileKind.OTHER_DOCUMENT
                        || document) {
                    throw new UserError("RAW: found " + dev.fleetsim.engine.scenario.Echo.quoted(file.toString()) + ", "
                            + (document ? "a YAML or JSON document, not JSON lines" : kind.words() + " (for " + kind.takenBy()
                            + ")") + "; expected " + RAW_WORDS);
                }
            }
            throw new UserError(e.getMessage());
        }
    }

    private static long lines(Path file) {
        try (Stream<String> s = Files.lines(file)) {
            return s.filter(l -> !l.isBlank()).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    /** The files a list of raw paths names: files as given, and the {@code *.jsonl} files of folders. */
    private static List<Path> files(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().forEach(out::add);
                } catch (IOException e) {
                    // the reader has said why the folder cannot be listed
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
