package dev.fleetsim.calibration.raw;

import java.nio.file.Path;
import java.util.List;

/**
 * One benchmark's raw output file: its identity, measurements, skipped parts and end line.
 *
 * @param path the file
 * @param identity the identity line
 * @param measurements measured points in file order
 * @param skipped what the benchmark could not measure
 * @param status the end line's status: {@code ok}, {@code truncated} (time budget spent) or {@code skipped}
 * @param wallS the benchmark's wall time
 */
public record RawFile(Path path, RunIdentity identity, List<Measurement> measurements, List<SkippedNote> skipped,
                      String status, double wallS) {
    public RawFile {
        measurements = List.copyOf(measurements);
        skipped = List.copyOf(skipped);
    }
}
