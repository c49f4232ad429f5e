package dev.fleetsim.calibration.run;

/**
 * How one benchmark unit of a calibration run ended.
 *
 * @param unit the unit, e.g. {@code gemm-bf16}
 * @param status {@code ok}, {@code truncated} (its time budget ran out; what it measured is kept),
 *               {@code skipped} (a library or GPU it needs is missing; re-tried by the next run),
 *               {@code resumed} (finished by an earlier run), {@code failed} or {@code cancelled}
 * @param points measured points
 * @param wallS seconds it took
 * @param message why it was skipped or failed, else empty
 */
public record UnitOutcome(String unit, String status, int points, double wallS, String message) {

    /** Whether its file is complete and kept. */
    public boolean complete() {
        return status.equals("ok") || status.equals("truncated") || status.equals("resumed");
    }
}
