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

    private static final JobKind[] VALUES = values();

    /** Made once: every job's record asks for it. */
    private final String key = name().toLowerCase(Locale.ROOT);

    /** The lower-case name results and messages use, e.g. {@code training}. */
    public String key() {
        return key;
    }

    /**
     * Whether work of this kind is a job of the run's job statistics (wait, queueing time, JCT, slowdown,
     * goodput, the tenants' job figures, the JCT CDFs): a training job is; a serving replica is not, since it
     * ends when its deployment scales it down or retires, so its "completion time" is a lifetime and its
     * figures are the summary's {@code replicas} group. The one place that decides what a job is.
     */
    public boolean isJob() {
        return this == TRAINING;
    }

    /** {@link #isJob()} of the kind whose {@link #key()} this is; a key of no kind (none today) is a job. */
    public static boolean isJob(String key) {
        for (JobKind k : VALUES) {
            if (k.key.equals(key)) {
                return k.isJob();
            }
        }
        return true;
    }
}
