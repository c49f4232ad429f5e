package dev.fleetsim.policies.solver;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a round knows about one queued job, fixed for the round: its gang, layout, tenant,
 * priority, how long it has waited, the GPU types it may use (type requirement and memory fit)
 * and the fewest nodes and leaves it could occupy.
 *
 * @param id job id
 * @param queuePosition place in the queue (0 = head)
 * @param tenant owner
 * @param gpus gang size
 * @param tp tensor-parallel degree (a TP group must stay inside one node when a node can hold it)
 * @param priority larger = more important
 * @param waitedS seconds since submission at the round
 * @param requiredGpuType the type the job asks for, or empty for any
 * @param feasibleGpuTypes types where it fits in memory (and matching the requirement), from the engine
 * @param minNodes the fewest nodes its gang could use on its best feasible type
 * @param minLeaves the fewest leaf switches those nodes could span
 * @param priceAboveCheapestUsdPerGpuHour per feasible type: $/GPU-hour above the cheapest feasible type
 * @param wattsAboveLowest per feasible type: board watts per GPU above the lowest-power feasible type
 */
public record JobFacts(String id, int queuePosition, String tenant, int gpus, int tp, int priority, long waitedS,
                       Optional<String> requiredGpuType, List<String> feasibleGpuTypes, int minNodes, int minLeaves,
                       Map<String, Double> priceAboveCheapestUsdPerGpuHour, Map<String, Double> wattsAboveLowest) {

    public JobFacts {
        feasibleGpuTypes = List.copyOf(feasibleGpuTypes);
        priceAboveCheapestUsdPerGpuHour = Collections.unmodifiableMap(new TreeMap<>(priceAboveCheapestUsdPerGpuHour));
        wattsAboveLowest = Collections.unmodifiableMap(new TreeMap<>(wattsAboveLowest));
    }

    /** Priority factor (at least 1) × minutes waited, counting the minute under way. */
    public long waitingPenalty() {
        return (long) Math.max(1, 1 + priority) * (1 + waitedS / 60);
    }

    /**
     * Whether {@code gpusPerNode} GPUs on each node keep every tensor-parallel group of {@code tp}
     * ranks inside one node; a TP group larger than a node must take whole nodes.
     */
    public static boolean tensorGroupsInsideNodes(int tp, int gpusPerNode, int nodeGpuCount) {
        if (tp <= nodeGpuCount) {
            return gpusPerNode % tp == 0;
        }
        return gpusPerNode == nodeGpuCount && tp % nodeGpuCount == 0;
    }
}
