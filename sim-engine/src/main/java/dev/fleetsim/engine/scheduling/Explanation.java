package dev.fleetsim.engine.scheduling;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why a policy did what it did with one job in one round, for {@code decisions.jsonl} and
 * {@code fleetsim explain}: an outcome ({@code placed}, {@code waiting}, {@code preempted}), a
 * sentence, and details as plain values (for a solver policy: constraint names and their score
 * impact). Details are kept in key order so the file is deterministic.
 */
public record Explanation(String jobId, String outcome, String reason, Map<String, Object> details) {
    public Explanation {
        details = Collections.unmodifiableMap(new TreeMap<>(details));
    }
}
