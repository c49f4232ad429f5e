package dev.fleetsim.policies.solver;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small hand-built pieces of a round's planning problem for constraint and solver tests. */
final class Fixtures {
    static final String H100 = "H100-SXM";
    static final String H200 = "H200-SXM";

    private Fixtures() {
    }

    static GpuNode node(int index, int leaf, int freeGpus) {
        return new GpuNode(index, leaf, H100, 8, freeGpus);
    }

    static GpuNode node(int index, int leaf, String type, int freeGpus) {
        return new GpuNode(index, leaf, type, 8, freeGpus);
    }

    /** A data-parallel job of {@code gpus} GPUs of tenant t1 that fits on H100 and H200, waiting since the round. */
    static JobFacts job(String id, int gpus) {
        return job(id, gpus, 1, 0, 0);
    }

    static JobFacts job(String id, int gpus, int tp, int priority, long waitedS) {
        return new JobFacts(id, 0, "t1", gpus, tp, priority, waitedS, Optional.empty(), List.of(H100, H200),
                (gpus + 7) / 8, 1, Map.of(H100, 0.0, H200, 1.5), Map.of(H100, 0.0, H200, 50.0));
    }

    static JobFacts withType(JobFacts j, Optional<String> required, List<String> feasible) {
        return new JobFacts(j.id(), j.queuePosition(), j.tenant(), j.gpus(), j.tp(), j.priority(), j.waitedS(), required,
                feasible, j.minNodes(), j.minLeaves(), j.priceAboveCheapestUsdPerGpuHour(), j.wattsAboveLowest());
    }

    static JobFacts withTenant(JobFacts j, String tenant) {
        return new JobFacts(j.id(), j.queuePosition(), tenant, j.gpus(), j.tp(), j.priority(), j.waitedS(),
                j.requiredGpuType(), j.feasibleGpuTypes(), j.minNodes(), j.minLeaves(), j.priceAboveCheapestUsdPerGpuHour(),
                j.wattsAboveLowest());
    }

    /** The job on {@code group}, with that group and the queue as its candidates. */
    static JobAssignment on(JobFacts job, GpuGroup group) {
        GpuGroup queue = GpuGroup.queue();
        return new JobAssignment(job, group.isQueue() ? List.of(group) : List.of(group, queue), group);
    }

    static GpuGroup group(int gpusPerNode, GpuNode... nodes) {
        return GpuGroup.of(List.of(nodes), gpusPerNode);
    }
}
