package dev.fleetsim.engine.run;

/** No GPU type of the cluster can hold the job (type, precision, GPU count or memory); the message says why. */
public final class JobNotPlaceableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobNotPlaceableException(String jobId, String reason) {
        super("job " + jobId + " cannot run on this cluster: " + reason);
    }
}
