package dev.fleetsim.engine.run;

/** The caller cancelled a run; nothing was written. */
public final class RunCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunCancelledException(long simulatedNowNs) {
        super("run cancelled at simulated time " + simulatedNowNs + " ns");
    }
}
