package dev.fleetsim.calibration.raw;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identity line a raw file starts with: which benchmark, host, time, mode, library
 * versions, the libraries that were missing (and why), and the devices.
 *
 * @param benchmark the benchmark unit, e.g. {@code gemm-bf16}
 * @param host host name
 * @param measuredAt when the benchmark started (UTC)
 * @param quick whether it ran the reduced {@code --quick} grid
 * @param versions software versions by name (cudaDriver, cudaRuntime, driver, cublasLt, cudnn, nccl)
 * @param missingLibraries a message per library that could not be loaded
 * @param devices the visible devices
 * @param synthetic how a synthetic fixture was generated (generator and seed); empty for a real measurement
 */
public record RunIdentity(String benchmark, String host, Instant measuredAt, boolean quick, Map<String, String> versions,
                          Map<String, String> missingLibraries, List<DeviceInfo> devices, Optional<String> synthetic) {

    public RunIdentity {
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        missingLibraries = Collections.unmodifiableMap(new LinkedHashMap<>(missingLibraries));
        devices = List.copyOf(devices);
    }

    /** The device with CUDA index {@code index}, or the first one. */
    public DeviceInfo device(int index) {
        for (DeviceInfo d : devices) {
            if (d.index() == index) {
                return d;
            }
        }
        return devices.get(0);
    }
}
