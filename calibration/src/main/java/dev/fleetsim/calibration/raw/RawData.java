package dev.fleetsim.calibration.raw;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything read from a set of raw files: the files (each with its identity) and the
 * measurements of every kind across them.
 */
public final class RawData {
    private final List<RawFile> files;

    public RawData(List<RawFile> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no raw files");
        }
        this.files = List.copyOf(files);
    }

    public List<RawFile> files() {
        return files;
    }

    /** Every measurement of type {@code type}, in file order. */
    public <T extends Measurement> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (RawFile f : files) {
            for (Measurement m : f.measurements()) {
                if (type.isInstance(m)) {
                    out.add(type.cast(m));
                }
            }
        }
        return out;
    }

    /** What the benchmarks could not measure, across files. */
    public List<SkippedNote> skipped() {
        List<SkippedNote> out = new ArrayList<>();
        files.forEach(f -> out.addAll(f.skipped()));
        return out;
    }

    /** The identity of the first file: the device, host and versions of the measurement. */
    public RunIdentity identity() {
        return files.get(0).identity();
    }

    /** The earliest start time across files. */
    public Instant measuredAt() {
        Instant t = files.get(0).identity().measuredAt();
        for (RawFile f : files) {
            if (f.identity().measuredAt().isBefore(t)) {
                t = f.identity().measuredAt();
            }
        }
        return t;
    }

    /** Library versions across files (the first file that reports a library wins). */
    public Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        for (RawFile f : files) {
            f.identity().versions().forEach(v::putIfAbsent);
        }
        return v;
    }

    /** Whether any file is a synthetic fixture rather than a measurement. */
    public boolean synthetic() {
        return files.stream().anyMatch(f -> f.identity().synthetic().isPresent());
    }
}
