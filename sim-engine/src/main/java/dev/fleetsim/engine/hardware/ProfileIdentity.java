package dev.fleetsim.engine.hardware;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Where a profile's numbers come from: {@code source} is {@code defaults} for the shipped
 * profiles and {@code calibration} for a fitted one; a calibrated profile names the device,
 * its UUIDs, clocks, software versions, power limit and when it was measured.
 *
 * @param source {@code defaults}, {@code calibration}, or a user's word for it
 * @param device device name as the driver reports it
 * @param uuids the measured GPUs' UUIDs
 * @param smCount streaming multiprocessors (compute units on AMD): the wave size of the GEMM curves
 * @param smClockMHz SM clock during the measurement
 * @param memClockMHz memory clock during the measurement
 * @param versions software versions by name (driver, cuda, cublas, cudnn, nccl), in document order
 * @param powerLimitW board power limit
 * @param measuredAt when the measurement ran
 * @param notes free text
 */
public record ProfileIdentity(String source, Optional<String> device, List<String> uuids, int smCount,
                              OptionalInt smClockMHz, OptionalInt memClockMHz, Map<String, String> versions,
                              OptionalDouble powerLimitW, Optional<Instant> measuredAt, Optional<String> notes) {

    public ProfileIdentity {
        if (smCount < 1) {
            throw new IllegalArgumentException("smCount must be at least 1, was " + smCount);
        }
        uuids = List.copyOf(uuids);
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }

    /** The identity of a shipped default profile. */
    public static ProfileIdentity defaults(String device, int smCount, String notes) {
        return new ProfileIdentity("defaults", Optional.of(device), List.of(), smCount, OptionalInt.empty(),
                OptionalInt.empty(), Map.of(), OptionalDouble.empty(), Optional.empty(), Optional.ofNullable(notes));
    }
}
