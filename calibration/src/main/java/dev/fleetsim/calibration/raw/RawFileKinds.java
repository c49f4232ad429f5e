package dev.fleetsim.calibration.raw;

import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.scenario.FileKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether a file the raw reader refused is a file of another kind: a Fleetsim file (a scenario, a
 * hardware profile) or a YAML/JSON document renamed {@code .jsonl}. Then the reader says so in one
 * line instead of a parse error per line, for every front end that reads raw measurements.
 */
final class RawFileKinds {
    /** What raw measurement input is, as every refusal states it. */
    static final String EXPECTED = "raw calibration measurements: JSON lines written by fleetsim calibrate run"
            + " (*.jsonl), or their run folder";

    private RawFileKinds() {
    }

    /** The first of {@code files} that is surely not raw measurements, in words: found ...; expected .... */
    static Optional<String> otherKind(List<Path> files) {
        for (Path file : files) {
            FileKind kind = FileKind.of(file);
            // one JSON object on one line is a YAML document too: only a longer one is surely not JSON lines
            boolean document = kind == FileKind.OTHER_DOCUMENT && (!file.getFileName().toString().endsWith(".jsonl")
                    || lines(file) > 1);
            if (kind != FileKind.RAW_MEASUREMENTS && kind != FileKind.UNKNOWN && kind != FileKind.OTHER_DOCUMENT
                    || document) {
                return Optional.of("found " + Echo.quoted(file.toString()) + ", " + (document
                        ? "a YAML or JSON document, not JSON lines" : kind.words() + " (for " + kind.takenBy() + ")")
                        + "; expected " + EXPECTED);
            }
        }
        return Optional.empty();
    }

    private static long lines(Path file) {
        try (Stream<String> s = Files.lines(file)) {
            return s.filter(l -> !l.isBlank()).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
