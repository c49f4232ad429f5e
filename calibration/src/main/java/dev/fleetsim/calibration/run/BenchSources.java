package dev.fleetsim.calibration.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark program's sources, shipped inside the jar (the module copies
 * {@code src/main/cuda} to {@code dev/fleetsim/calibration/cuda}). {@code BenchSourcesTest}
 * checks that {@link #FILES} lists exactly the files of that folder.
 */
public final class BenchSources {

    /** Every source file, headers first; the translation units are the {@code .cu} files. */
    public static final List<String> FILES = List.of("fsbench.h", "dynlib.h", "main.cu", "identity.cu", "dynlib.cu", "gemm.cu",
            "attention.cu", "memory.cu", "nccl.cu");

    private static final String RESOURCE_DIR = "/dev/fleetsim/calibration/cuda/";

    private BenchSources() {
    }

    /** File name to contents, in {@link #FILES} order. */
    public static Map<String, byte[]> load() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String f : FILES) {
            try (InputStream in = BenchSources.class.getResourceAsStream(RESOURCE_DIR + f)) {
                if (in == null) {
                    throw new IllegalStateException("benchmark source missing from the jar: " + f);
                }
                out.put(f, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The translation units. */
    public static List<String> units() {
        return FILES.stream().filter(f -> f.endsWith(".cu")).toList();
    }
}
