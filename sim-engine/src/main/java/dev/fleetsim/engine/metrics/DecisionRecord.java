package dev.fleetsim.engine.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** One line of {@code decisions.jsonl}: a policy's explanation of what it did with a job, and when. */
public record DecisionRecord(long timeNs, String jobId, String outcome, String reason, Map<String, Object> details) {
    public DecisionRecord {
        details = Collections.unmodifiableMap(new TreeMap<>(details));
    }
}
