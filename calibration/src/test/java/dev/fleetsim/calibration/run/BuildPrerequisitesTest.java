package dev.fleetsim.calibration.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code calibrate run} checks before it builds anything: where nvcc is looked for and what
 * it says when there is none, and the quick look for a GPU (the machines of this test have any
 * mix of nvcc and GPU, so both are tested on made-up environments and file trees).
 */
class BuildPrerequisitesTest {

    @TempDir
    Path tmp;

    private Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void withoutNvccTheMessageSaysWhereItLookedAndWhatToDo() {
        CalibrationException e = assertThrows(CalibrationException.class,
                () -> BenchBuilder.nvcc(Optional.empty(), k -> null, List.of(tmp.resolve("cuda/bin/nvcc"))));
        assertTrue(e.getMessage().startsWith("nvcc not found (looked in $CUDA_HOME/bin, $CUDA_PATH/bin, PATH"), e.getMessage());
        assertTrue(e.getMessage().contains("--nvcc PATH") && e.getMessage().contains("--bench PATH"), e.getMessage());
    }

    @Test
    void nvccComesFromCudaHomeThenPathThenTheFallback() throws IOException {
        Path home = executable(tmp.resolve("home/bin/nvcc"));
        Path onPath = executable(tmp.resolve("path/nvcc"));
        Path fallback = executable(tmp.resolve("fallback/nvcc"));
        Map<String, String> env = Map.of("CUDA_HOME", tmp.resolve("home").toString(), "PATH", tmp.resolve("empty") + ":" + tmp.resolve("path"));
        assertEquals(home, BenchBuilder.nvcc(Optional.empty(), env::get, List.of(fallback)));
        assertEquals(onPath, BenchBuilder.nvcc(Optional.empty(), k -> k.equals("PATH") ? env.get(k) : null, List.of(fallback)));
        assertEquals(fallback, BenchBuilder.nvcc(Optional.empty(), k -> null, List.of(tmp.resolve("missing"), fallback)));
        Path explicit = tmp.resolve("not-executable");
        CalibrationException e = assertThrows(CalibrationException.class,
                () -> BenchBuilder.nvcc(Optional.of(explicit), env::get, List.of(fallback)));
        assertEquals("--nvcc " + explicit + ": no executable there", e.getMessage());
    }

    @Test
    void aMachineWithoutDeviceNodesOrDriverHasNoGpu() throws IOException {
        Files.createDirectories(tmp.resolve("dev"));
        Files.createFile(tmp.resolve("dev/null"));
        Files.createFile(tmp.resolve("dev/nvidiactl"));  // a control node alone is no GPU
        assertFalse(GpuPresence.present(tmp));
        CalibrationException e = assertThrows(CalibrationException.class, () -> GpuPresence.require(tmp));
        assertTrue(e.getMessage().startsWith("no NVIDIA GPU on this machine (no " + tmp.resolve("dev/nvidia0")), e.getMessage());
        assertTrue(e.getMessage().contains("run it on a GPU node"), e.getMessage());
        assertFalse(GpuPresence.present(tmp.resolve("no-such-root")));
    }

    @Test
    void aDeviceNodeTheDriverOrWslCountsAsAGpu() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a/dev"));
        Files.createFile(a.resolve("nvidia3"));
        assertTrue(GpuPresence.present(tmp.resolve("a")));
        Files.createDirectories(tmp.resolve("b/proc/driver/nvidia"));
        assertTrue(GpuPresence.present(tmp.resolve("b")));
        Files.createDirectories(tmp.resolve("c/dev"));
        Files.createFile(tmp.resolve("c/dev/dxg"));
        assertTrue(GpuPresence.present(tmp.resolve("c")));
        GpuPresence.require(tmp.resolve("a"));
    }
}
