package dev.fleetsim.calibration.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A quick look, before a build of a minute or more, for any sign of an NVIDIA GPU on this
 * machine: a device node {@code /dev/nvidia0...}, the driver's {@code /proc/driver/nvidia}, or
 * WSL 2's {@code /dev/dxg}. It only rules a machine out; whether the GPU is usable (driver version,
 * CUDA runtime) the benchmark program's own probe says afterwards.
 */
public final class GpuPresence {

    private GpuPresence() {
    }

    /** Whether this machine shows any sign of an NVIDIA GPU. */
    public static boolean present() {
        return present(Path.of("/"));
    }

    static boolean present(Path root) {
        if (Files.isDirectory(root.resolve("proc/driver/nvidia")) || Files.exists(root.resolve("dev/dxg"))) {
            return true;
        }
        try (Stream<Path> dev = Files.list(root.resolve("dev"))) {
            return dev.anyMatch(p -> p.getFileName().toString().matches("nvidia[0-9]+"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws a {@link CalibrationException} that says what to do when {@link #present()} is false. */
    public static void require() {
        require(Path.of("/"));
    }

    static void require(Path root) {
        if (!present(root)) {
            throw new CalibrationException("no NVIDIA GPU on this machine (no " + root.resolve("dev/nvidia0") + ", no "
                    + root.resolve("proc/driver/nvidia") + "): calibrate run measures the GPUs of the node it runs on, so run it "
                    + "on a GPU node with the NVIDIA driver installed (in a container: with the GPUs passed through). "
                    + "calibrate fit, report and diff run anywhere, on raw files copied from that node (docs/CALIBRATION.md)");
        }
    }
}
