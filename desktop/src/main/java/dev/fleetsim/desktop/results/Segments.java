package dev.fleetsim.desktop.results;

import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.observe.JobEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the segments of a run: from its job events as they came (exact: every preemption
 * splits a job's time), or from its job records when only the files are left (a job's first
 * start to its end on its last placement).
 */
public final class Segments {
    private Segments() {
    }

    /** Segments from the events of a run, in start order; a job still holding GPUs ends at {@code endNs}. */
    public static List<Segment> fromEvents(List<JobEvent> events, long endNs) {
        Map<String, JobEvent> open = new HashMap<>();
        List<Segment> out = new ArrayList<>();
        for (JobEvent e : events) {
            if (e.type() == JobEvent.Type.STARTED) {
                open.put(e.jobId(), e);
            } else if (e.type() == JobEvent.Type.PREEMPTED || e.type() == JobEvent.Type.FINISHED) {
                JobEvent s = open.remove(e.jobId());
                if (s != null) {
                    out.add(new Segment(s.jobId(), s.tenant(), s.gpuIds(), s.timeNs(), e.timeNs()));
                }
            }
        }
        for (JobEvent s : open.values()) {
            out.add(new Segment(s.jobId(), s.tenant(), s.gpuIds(), s.timeNs(), Math.max(endNs, s.timeNs())));
        }
        out.sort(java.util.Comparator.comparingLong(Segment::startNs).thenComparing(Segment::jobId));
        return out;
    }

    /** One segment per started job from its record: first start to end (or {@code endNs}), last placement. */
    public static List<Segment> fromRecords(List<JobRecord> jobs, GpuIndex gpus, long endNs) {
        List<Segment> out = new ArrayList<>();
        for (JobRecord j : jobs) {
            if (j.startNs().isEmpty()) {
                continue;
            }
            long start = j.startNs().getAsLong();
            long end = j.endNs().orElse(endNs);
            out.add(new Segment(j.id(), j.tenant(), gpus.parse(j.placement()), start, Math.max(start, end)));
        }
        return out;
    }
}
