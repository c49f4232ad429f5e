package dev.fleetsim.engine.workload;

import java.util.Locale;

/**
 * The kinds of work a cluster runs. Each kind is one record permitted by {@link JobSpec} and one
 * runtime in the run package; policies may treat kinds differently through
 * {@code JobView.kind()}, but never need the kind's own spec.
 */
public enum JobKind {
    /** A batch training job: a fixed number of iterations, gang-scheduled, preemptible with checkpoints. */
    TRAINING,
    /** A serving replica: a gang that serves requests until it is scaled down or its deployment retires. */
    SERVING;

    /** Made once: every job's record asks for it. */
    private final String key = name().toLowerCase(Locale.ROOT);

    /** The lower-case name results and messages use, e.g. {@code training}. */
    public String key() {
        return key;
    }
}
