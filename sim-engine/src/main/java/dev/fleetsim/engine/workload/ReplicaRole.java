package dev.fleetsim.engine.workload;

import java.util.Locale;

/** What a serving replica does: everything, or only the prefill or only the decode side of a disaggregated deployment. */
public enum ReplicaRole {
    REPLICA, PREFILL, DECODE;

    /** The word in replica ids: {@code chat/replica-0}, {@code chat/prefill-1}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
