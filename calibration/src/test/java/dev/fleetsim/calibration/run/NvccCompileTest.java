package dev.fleetsim.calibration.run;

import dev.fleetsim.calibration.RepoPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every {@code .cu} file compiles with nvcc ({@code -c}, one architecture, sm_90) where nvcc is
 * installed; skipped with a message where it is not. A file that compiled is remembered by the
 * hash of all sources and the compiler version (under {@code target/nvcc-check}), so an
 * unchanged tree costs nothing on the next run. Nothing else in the build needs nvcc or a GPU.
 */
class NvccCompileTest {

    @Test
    void everyCudaFileCompiles() throws Exception {
        Path nvcc;
        try {
            // -Dfleetsim.test.hideNvcc=true: behave as on a machine without the CUDA toolkit
            nvcc = Boolean.getBoolean("fleetsim.test.hideNvcc") ? BenchBuilder.nvcc(Optional.empty(), k -> null, List.of())
                    : BenchBuilder.nvcc(Optional.empty());
        } catch (CalibrationException e) {
            String why = "SKIPPED: the CUDA sources (calibration/src/main/cuda) were not compiled, nvcc is not installed here: "
                    + e.getMessage();
            System.err.println("NvccCompileTest " + why);  // in the build log, not only in the surefire report
            Assumptions.abort(why);
            return;
        }
        Map<String, byte[]> sources = BenchSources.load();
        String version = BenchBuilder.run(List.of(nvcc.toString(), "--version"), null, 60).output();
        Path work = Path.of(System.getProperty("fleetsim.nvccCheckDir", "target/nvcc-check")).toAbsolutePath();
        Files.createDirectories(work);
        for (Map.Entry<String, byte[]> e : sources.entrySet()) {
            Files.write(work.resolve(e.getKey()), e.getValue());
        }
        String key = BenchBuilder.hash(sources, version);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> jobs = new ArrayList<>();
            for (String unit : BenchSources.units()) {
                Path stamp = work.resolve(unit + "." + key + ".ok");
                if (Files.exists(stamp)) {
                    continue;
                }
                jobs.add(pool.submit(() -> {
                    BenchBuilder.Result r = BenchBuilder.run(List.of(nvcc.toString(), "-std=c++17", "-c", "-arch=sm_90", unit, "-o",
                            unit + ".o"), work, 600);
                    if (r.exit() == 0) {
                        Files.writeString(stamp, "ok\n", StandardCharsets.UTF_8);
                        return "";
                    }
                    return unit + ":\n" + r.output();
                }));
            }
            List<String> failures = new ArrayList<>();
            for (Future<String> f : jobs) {
                String out = f.get();
                if (!out.isEmpty()) {
                    failures.add(out);
                }
            }
            assertEquals(List.of(), failures, "nvcc failed");
        } finally {
            pool.shutdownNow();
        }
        // the sources the test compiled are the repository's
        assertEquals(Files.readString(RepoPaths.root().resolve("calibration/src/main/cuda/gemm.cu")),
                new String(sources.get("gemm.cu"), StandardCharsets.UTF_8));
    }
}
