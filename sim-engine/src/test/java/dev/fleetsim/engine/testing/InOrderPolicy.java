package dev.fleetsim.engine.testing;

import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.Placement;
import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.topology.Topology;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * A policy for the engine's own tests (the real ones live downstream, in scheduler-policies):
 * queued jobs in submit order, each on the free GPUs of its first feasible type, node by node,
 * until one does not fit. Registered as {@code in-order}.
 */
public final class InOrderPolicy implements PolicyProvider {
    /** A registry holding only this policy. */
    public static final PolicyRegistry REGISTRY = PolicyRegistry.of(List.of(new InOrderPolicy()));

    @Override
    public String name() {
        return "in-order";
    }

    @Override
    public String description() {
        return "test only: submit order, first free GPUs";
    }

    @Override
    public SchedulingPolicy create(Map<String, Object> params) {
        return context -> {
            List<Placement> out = new ArrayList<>();
            BitSet taken = new BitSet();
            Topology t = context.cluster().topology();
            for (JobView job : context.queue()) {
                String type = job.feasibleGpuTypes().get(0);
                int[] gpus = new int[job.gpus()];
                int found = 0;
                for (int g = 0; g < t.gpuCount() && found < gpus.length; g++) {
                    if (context.cluster().isFree(g) && !taken.get(g) && t.gpuSpecOf(g).name().equals(type)) {
                        gpus[found++] = g;
                    }
                }
                if (found < gpus.length) {
                    break;
                }
                for (int g : gpus) {
                    taken.set(g);
                }
                out.add(new Placement(job.id(), gpus));
            }
            return SchedulingDecision.start(out);
        };
    }
}
