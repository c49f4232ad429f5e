package dev.fleetsim.calibration.run;

import dev.fleetsim.engine.metrics.AtomicFiles;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds the benchmark program {@code fleetsim-bench} with nvcc, once per version of the
 * sources and the compiler: the build goes into {@code <cache>/fleetsim-bench-<hash>/}, where
 * {@code <hash>} covers every source, the nvcc version and the flags, so a second run reuses it
 * and a changed source rebuilds. It compiles for the GPU of the machine ({@code -arch=native});
 * where nvcc sees no GPU it falls back to Ampere and Hopper code with PTX for newer GPUs.
 */
public final class BenchBuilder {

    /** The binary's name inside its build folder. */
    public static final String BINARY = "fleetsim-bench";
    static final List<String> FLAGS = List.of("-O3", "-std=c++17");
    static final List<String> FALLBACK_ARCH = List.of("-gencode", "arch=compute_80,code=sm_80", "-gencode",
            "arch=compute_90,code=sm_90", "-gencode", "arch=compute_90,code=compute_90");

    private BenchBuilder() {
    }

    /** The nvcc to use: {@code explicit}, else {@code $CUDA_HOME/bin}, {@code $CUDA_PATH/bin}, {@code PATH}, {@code /usr/local/cuda/bin}. */
    public static Path nvcc(Optional<Path> explicit) {
        return nvcc(explicit, System::getenv, List.of(Path.of("/usr/local/cuda/bin/nvcc")));
    }

    static Path nvcc(Optional<Path> explicit, java.util.function.UnaryOperator<String> env, List<Path> fallbacks) {
        if (explicit.isPresent()) {
            Path p = explicit.get();
            if (!Files.isExecutable(p)) {
                throw new CalibrationException("--nvcc " + p + ": no executable there");
            }
            return p;
        }
        List<Path> candidates = new ArrayList<>();
        for (String name : List.of("CUDA_HOME", "CUDA_PATH")) {
            String v = env.apply(name);
            if (v != null && !v.isBlank()) {
                candidates.add(Path.of(v, "bin", "nvcc"));
            }
        }
        String path = env.apply("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "nvcc"));
                }
            }
        }
        candidates.addAll(fallbacks);
        for (Path c : candidates) {
            if (Files.isExecutable(c)) {
                return c;
            }
        }
        throw new CalibrationException("nvcc not found (looked in $CUDA_HOME/bin, $CUDA_PATH/bin, PATH and /usr/local/cuda/bin): "
                + "install the CUDA toolkit 12.4 or newer on the GPU node, pass --nvcc PATH, or give a built benchmark with --bench PATH");
    }

    /** The cache folder: {@code $XDG_CACHE_HOME/fleetsim}, else {@code ~/.cache/fleetsim}. */
    public static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "fleetsim") : Path.of(System.getProperty("user.home"), ".cache", "fleetsim");
    }

    /**
     * The built binary, building it first if this version was never built.
     *
     * @param log receives one line when a build starts
     */
    public static Path build(Path nvcc, Path cache, java.util.function.Consumer<String> log) {
        Map<String, byte[]> sources = BenchSources.load();
        String version = run(List.of(nvcc.toString(), "--version"), null, 60).output();
        String hash = hash(sources, version);
        Path dir = cache.resolve(BINARY + "-" + hash);
        Path binary = dir.resolve(BINARY);
        if (Files.isExecutable(binary)) {
            return binary;
        }
        log.accept("building the benchmarks with " + nvcc + " into " + dir + " (once; about a minute)");
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> e : sources.entrySet()) {
                byte[] bytes = e.getValue();
                AtomicFiles.write(dir.resolve(e.getKey()), o -> o.write(bytes));
            }
        } catch (IOException e) {
            throw new CalibrationException("cannot write the benchmark sources to " + dir + ": " + e.getMessage()
                    + " (choose another folder with --build-dir)");
        }
        Path tmp = dir.resolve(BINARY + ".tmp");
        Result native_ = compile(nvcc, dir, tmp, List.of("-arch=native"));
        Result r = native_;
        // without a GPU in sight nvcc builds -arch=native for its default architecture only: use the explicit list
        if (r.exit() != 0 || r.output().contains("Cannot find valid GPU for '-arch=native'")) {
            r = compile(nvcc, dir, tmp, FALLBACK_ARCH);
        }
        try {
            AtomicFiles.writeString(dir.resolve("build.log"), native_.output() + (r == native_ ? "" : "\n--- fallback architectures ---\n" + r.output()));
            if (r.exit() != 0) {
                throw new CalibrationException("nvcc failed to build the benchmarks (log in " + dir.resolve("build.log") + "):\n"
                        + tail(r.output(), 20));
            }
            Files.move(tmp, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return binary;
    }

    private static Result compile(Path nvcc, Path dir, Path out, List<String> arch) {
        List<String> cmd = new ArrayList<>();
        cmd.add(nvcc.toString());
        cmd.addAll(FLAGS);
        cmd.addAll(arch);
        cmd.add("-o");
        cmd.add(out.getFileName().toString());
        cmd.addAll(BenchSources.units());
        cmd.add("-ldl");
        return run(cmd, dir, 1800);
    }

    static String hash(Map<String, byte[]> sources, String compilerVersion) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : sources.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue());
            }
            md.update(compilerVersion.getBytes(StandardCharsets.UTF_8));
            md.update(String.join(" ", FLAGS).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Exit code and combined output of a finished command. */
    record Result(int exit, String output) {
    }

    static Result run(List<String> cmd, Path dir, long timeoutS) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CalibrationException(cmd.get(0) + " did not finish in " + timeoutS + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CalibrationException("cannot run " + cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CalibrationException("interrupted while running " + cmd.get(0));
        }
    }

    static String tail(String text, int lines) {
        String[] all = text.strip().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }
}
