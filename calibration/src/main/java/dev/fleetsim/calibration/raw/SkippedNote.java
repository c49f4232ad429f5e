package dev.fleetsim.calibration.raw;

/**
 * Something a benchmark could not measure, and why (a missing library, too little memory).
 *
 * @param where file and line
 * @param benchmark the benchmark unit
 * @param what the point or part that was skipped
 * @param reason the message, naming the library or limit
 */
public record SkippedNote(String where, String benchmark, String what, String reason) {
}
