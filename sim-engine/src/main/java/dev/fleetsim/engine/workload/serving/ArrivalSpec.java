package dev.fleetsim.engine.workload.serving;

import java.nio.file.Path;
import java.util.Optional;

/**
 * When a deployment's requests arrive.
 *
 * @param process Poisson, gamma or a trace file
 * @param ratePerS mean arrival rate (requests per second) of a Poisson or gamma process; for a trace, 0
 * @param cv coefficient of variation of the gaps of a gamma process (1 = Poisson)
 * @param diurnal an optional daily cycle of the rate (Poisson and gamma)
 * @param trace the trace, for {@code process: trace}
 */
public record ArrivalSpec(ArrivalProcess process, double ratePerS, double cv, Optional<DiurnalSpec> diurnal,
                          Optional<TraceFileSpec> trace) {

    public ArrivalSpec {
        if (process == ArrivalProcess.TRACE) {
            if (trace.isEmpty()) {
                throw new IllegalArgumentException("a trace arrival process needs its file");
            }
        } else if (!(ratePerS > 0) || !(cv > 0)) {
            throw new IllegalArgumentException("a rate and a cv > 0 are needed, were " + ratePerS + ", " + cv);
        }
    }

    public static ArrivalSpec poisson(double ratePerS) {
        return new ArrivalSpec(ArrivalProcess.POISSON, ratePerS, 1, Optional.empty(), Optional.empty());
    }

    /** The same process at another mean rate (a trace is played faster by the ratio of rates). */
    public ArrivalSpec withRate(double newRatePerS) {
        return new ArrivalSpec(process, newRatePerS, cv, diurnal, trace);
    }

    /**
     * A request trace file: CSV with a header row and the columns {@code timestamp} (seconds from
     * the first request, non-decreasing), {@code input_tokens} and {@code output_tokens}.
     *
     * @param file absolute path
     * @param rows requests in the file
     * @param durationS timestamp of the last request minus that of the first
     * @param speedup how many times faster than recorded the trace is played (gaps divided by it)
     */
    public record TraceFileSpec(Path file, long rows, double durationS, double speedup) {
        public TraceFileSpec {
            if (rows < 1 || !(speedup > 0)) {
                throw new IllegalArgumentException("a trace needs at least one row and a speedup > 0");
            }
        }

        /** The recorded mean rate at this speedup (requests per second; 0 for a one-row trace). */
        public double ratePerS() {
            return durationS > 0 ? (rows - 1) / durationS * speedup : 0;
        }
    }
}
