package dev.fleetsim.calibration.raw;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One GPU as the identity line of a raw file describes it (CUDA runtime properties, plus what
 * NVML adds when the driver library is there).
 *
 * @param index CUDA device index in the run
 * @param name device name as the driver reports it
 * @param uuid {@code GPU-...} as nvidia-smi prints it
 * @param pciBusId PCI bus id
 * @param computeCapability e.g. {@code 9.0}
 * @param smCount streaming multiprocessors
 * @param smClockMHz SM clock when measured (NVML), if known
 * @param memClockMHz memory clock when measured (NVML), if known
 * @param maxSmClockMHz highest SM clock
 * @param l2Bytes L2 cache size
 * @param memoryBytes device memory
 * @param powerLimitW enforced board power limit (NVML), if known
 * @param nvlinks active NVLinks (NVML), if known
 */
public record DeviceInfo(int index, String name, String uuid, String pciBusId, String computeCapability, int smCount,
                         OptionalInt smClockMHz, OptionalInt memClockMHz, OptionalInt maxSmClockMHz, long l2Bytes,
                         long memoryBytes, OptionalDouble powerLimitW, OptionalInt nvlinks) {

    /** Compute capability as {@code 10 * major + minor} (90 for Hopper). */
    public int computeCapabilityCode() {
        String[] parts = computeCapability.split("\\.");
        try {
            return 10 * Integer.parseInt(parts[0]) + (parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
