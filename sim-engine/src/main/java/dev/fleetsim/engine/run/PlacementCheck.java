package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.ClusterState;
import dev.fleetsim.engine.scheduling.Placement;
import dev.fleetsim.engine.topology.Topology;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The checks the cluster run applies to what a policy returns before it changes anything, so a
 * buggy policy cannot corrupt the run: a placement names a queued job not placed twice, exactly
 * its gang of GPUs, each existing, free and distinct, all of one GPU type the job may run on;
 * a preemption names a running job. A failed check is a {@link PolicyViolationException}.
 */
final class PlacementCheck {
    private final String policyName;
    private final Topology topology;
    private final ClusterState cluster;
    /** Per GPU, the number of the last placement that named it (a placement's repeats, without a bit set per check). */
    private final int[] seenIn;
    private int check;

    PlacementCheck(String policyName, Topology topology, ClusterState cluster) {
        this.policyName = policyName;
        this.topology = topology;
        this.cluster = cluster;
        this.seenIn = new int[topology.gpuCount()];
    }

    /** The job a preemption names, if it is running ({@code ended}: the state of a named job that is not live). */
    Job running(Job job, String id, Optional<String> ended) {
        if (job == null || job.state != JobState.RUNNING) {
            throw new PolicyViolationException(policyName, "cannot preempt job " + id + ": it is "
                    + (job == null ? ended.orElse("unknown") : stateName(job)));
        }
        return job;
    }

    /** The job a placement starts, if the placement is valid ({@code ended}: the state of a named job that is not live). */
    Job placement(Placement p, Job job, Optional<String> ended, Set<String> startedThisRound) {
        if (job == null) {
            throw new PolicyViolationException(policyName, ended.isPresent()
                    ? "job " + p.jobId() + " is " + ended.get() : "unknown job " + p.jobId());
        }
        boolean twice = startedThisRound.contains(job.traits.id());
        if (job.state != JobState.QUEUED || twice) {
            throw new PolicyViolationException(policyName, "job " + p.jobId() + " is " + stateName(job)
                    + (twice ? " (placed twice)" : ""));
        }
        int[] gpus = p.gpus();
        if (gpus.length != job.traits.gpus()) {
            throw new PolicyViolationException(policyName, "job " + p.jobId() + " needs " + job.traits.gpus()
                    + " GPUs as one gang, got " + gpus.length);
        }
        if (++check == Integer.MAX_VALUE) {
            java.util.Arrays.fill(seenIn, 0);
            check = 1;
        }
        String type = null;
        for (int g : gpus) {
            if (g < 0 || g >= topology.gpuCount()) {
                throw new PolicyViolationException(policyName, "GPU " + g + " does not exist");
            }
            if (seenIn[g] == check || !cluster.isFree(g)) {
                throw new PolicyViolationException(policyName, "GPU " + g + " for job " + p.jobId() + " is not free");
            }
            seenIn[g] = check;
            String t = topology.gpuSpecOf(g).name();
            if (type != null && !type.equals(t)) {
                throw new PolicyViolationException(policyName, "job " + p.jobId() + " mixes GPU types " + type + " and " + t);
            }
            type = t;
        }
        if (!job.traits.feasibleGpuTypes().contains(type)) {
            throw new PolicyViolationException(policyName, "job " + p.jobId() + " cannot run on " + type
                    + "; feasible: " + job.traits.feasibleGpuTypes());
        }
        return job;
    }

    private static String stateName(Job job) {
        return job.state.name().toLowerCase(Locale.ROOT);
    }
}
