package dev.fleetsim.desktop.results;

import dev.fleetsim.desktop.Formats;
import dev.fleetsim.engine.metrics.JobRecord;

import java.util.List;

/** A job's timeline and placement as text: when it was submitted, each stretch on GPUs, how it ended. */
public final class JobDetail {
    private JobDetail() {
    }

    public static String of(JobRecord j, List<Segment> segments, GpuIndex gpus, boolean exact) {
        StringBuilder sb = new StringBuilder();
        sb.append(j.id()).append("  (tenant ").append(j.tenant()).append(", ").append(j.state()).append(")\n");
        sb.append(j.gpus()).append(" GPUs").append(j.gpuType().isEmpty() ? "" : " of " + j.gpuType())
                .append(j.placement().isEmpty() ? "" : ": " + j.placement()).append("\n\n");
        sb.append(String.format(java.util.Locale.ROOT, "%-12s %s%n", "submitted", Formats.durationNs(j.submitNs())));
        int k = 0;
        for (Segment s : segments) {
            if (!s.jobId().equals(j.id())) {
                continue;
            }
            String verb = k++ == 0 ? "started" : "resumed";
            sb.append(String.format(java.util.Locale.ROOT, "%-12s %s on %s, for %s%n", verb, Formats.durationNs(s.startNs()), gpus.describe(s.gpus()),
                    Formats.durationNs(s.endNs() - s.startNs())));
        }
        if (!exact && j.preemptions() > 0) {
            sb.append("             (").append(j.preemptions()).append(" preemptions: the files keep the first start and the last placement)\n");
        }
        if (j.waitNs().isPresent()) {
            sb.append(String.format(java.util.Locale.ROOT, "%-12s %s%n", "waited", Formats.durationNs(j.waitNs().getAsLong())));
        }
        if (j.endNs().isPresent()) {
            sb.append(String.format(java.util.Locale.ROOT, "%-12s %s (JCT %s%s)%n", "finished", Formats.durationNs(j.endNs().getAsLong()),
                    Formats.durationNs(j.jctNs().getAsLong()),
                    j.slowdown().isPresent() ? ", " + Formats.number(j.slowdown().getAsDouble(), 2) + "× its ideal run time" : ""));
        }
        sb.append('\n');
        sb.append(String.format(java.util.Locale.ROOT, "iterations   %s of %s, %.4f s each%n", Formats.number(j.iterationsDone(), 0),
                Formats.count(j.iterations()), j.iterationTimeS()));
        sb.append(String.format(java.util.Locale.ROOT, "throughput   %s TFLOP/s per GPU, MFU %s%n", Formats.number(j.modelTflopsPerGpu(), 1),
                Formats.percent(j.mfu())));
        sb.append(String.format(java.util.Locale.ROOT, "preemptions  %d (lost work %s, restarts %s)%n", j.preemptions(),
                Formats.durationNs(Math.round(j.lostWorkNs())), Formats.durationNs(j.restartNs())));
        sb.append(String.format(java.util.Locale.ROOT, "cost         %s (%s kWh)%n", Formats.usd(j.costUsd()), Formats.number(j.energyKWh(), 2)));
        if (!j.reason().isEmpty()) {
            sb.append("reason       ").append(j.reason()).append('\n');
        }
        return sb.toString();
    }
}
