package dev.fleetsim.cli;

import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.Placement;
import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.topology.Topology;

import java.util.List;
import java.util.Map;

/**
 * A test policy found through ServiceLoader: one job at a time, the head of the queue on the
 * lowest free GPUs of its first feasible type. Never registered in the shipped jar; tests put it
 * on a class loader of their own.
 */
public final class SerialTestPolicy implements PolicyProvider {

    @Override
    public String name() {
        return "test-serial";
    }

    @Override
    public String description() {
        return "test only: one job at a time";
    }

    @Override
    public SchedulingPolicy create(Map<String, Object> params) {
        return context -> {
            if (!context.running().isEmpty() || context.queue().isEmpty()) {
                return SchedulingDecision.NONE;
            }
            JobView job = context.queue().get(0);
            Topology t = context.cluster().topology();
            int[] gpus = new int[job.gpus()];
            int found = 0;
            for (int g = 0; g < t.gpuCount() && found < gpus.length; g++) {
                if (context.cluster().isFree(g) && t.gpuSpecOf(g).name().equals(job.feasibleGpuTypes().get(0))) {
                    gpus[found++] = g;
                }
            }
            return SchedulingDecision.start(List.of(new Placement(job.id(), gpus)));
        };
    }
}
