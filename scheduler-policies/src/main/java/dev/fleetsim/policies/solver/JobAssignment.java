package dev.fleetsim.policies.solver;

import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.entity.PlanningPin;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

import java.util.List;

/**
 * The planning entity: one queued job of the round's window and the GPU group it gets (or the
 * queue). Its value range holds only groups of its own shapes on GPU types it can use, plus
 * the queue, so the search never wastes moves on impossible layouts. The penalty functions
 * live here so that the constraints, the greedy start and the explanations share one
 * definition.
 */
@PlanningEntity
public final class JobAssignment {
    /** A leaf switch crossed counts as this many extra NVLink domains in the locality penalty. */
    public static final int LEAF_CROSSING_NODES = 4;

    private final JobFacts job;
    private final List<GpuGroup> candidates;

    @PlanningVariable(valueRangeProviderRefs = "candidateGroups")
    private GpuGroup group;

    public JobAssignment(JobFacts job, List<GpuGroup> candidates, GpuGroup group) {
        this.job = job;
        this.candidates = candidates;
        this.group = group;
    }

    /** A copy with the same facts and group: what the solution cloner makes. */
    JobAssignment copy() {
        return new JobAssignment(job, candidates, group);
    }

    @PlanningId
    public String getId() {
        return job.id();
    }

    public JobFacts job() {
        return job;
    }

    @ValueRangeProvider(id = "candidateGroups")
    public List<GpuGroup> getCandidates() {
        return candidates;
    }

    /**
     * A job with no group but the queue cannot move: pinned, so local search spends no moves on
     * it (and tabu search always has a non-tabu job to move).
     */
    @PlanningPin
    public boolean isPinned() {
        return candidates.size() <= 1;
    }

    public GpuGroup getGroup() {
        return group;
    }

    public void setGroup(GpuGroup group) {
        this.group = group;
    }

    public boolean isWaiting() {
        return group.isQueue();
    }

    public boolean isPlaced() {
        return !group.isQueue();
    }

    public String tenant() {
        return job.tenant();
    }

    public int gpus() {
        return job.gpus();
    }

    public List<NodeShare> shares() {
        return group.shares();
    }

    /** Waiting: priority factor × minutes waited, counting the minute under way (so a new job counts too). */
    public long waitingPenalty() {
        return job.waitingPenalty();
    }

    /** NVLink domains and leaf switches spanned beyond the fewest the job could use. */
    public long localityPenalty() {
        return localityPenalty(group);
    }

    public long localityPenalty(GpuGroup g) {
        if (g.isQueue()) {
            return 0;
        }
        int extraNodes = Math.max(0, g.nodeCount() - job.minNodes());
        int extraLeaves = Math.max(0, g.leafCount() - job.minLeaves());
        return extraNodes + (long) LEAF_CROSSING_NODES * extraLeaves;
    }

    /** Cents per hour above the cheapest GPU type the job could use. */
    public long costPenalty() {
        return costPenalty(group);
    }

    public long costPenalty(GpuGroup g) {
        return g.isQueue() ? 0 : Math.round(100.0 * job.gpus() * job.priceAboveCheapestUsdPerGpuHour().getOrDefault(g.gpuType(), 0.0));
    }

    /** Watts of board power above the lowest-power GPU type the job could use. */
    public long energyPenalty() {
        return energyPenalty(group);
    }

    public long energyPenalty(GpuGroup g) {
        return g.isQueue() ? 0 : Math.round(job.gpus() * job.wattsAboveLowest().getOrDefault(g.gpuType(), 0.0));
    }

    /** True when the group holds the job's gang exactly, with each tensor-parallel group inside one node. */
    public boolean gangFits(GpuGroup g) {
        return g.isQueue() || (g.totalGpus() == job.gpus() && JobFacts.tensorGroupsInsideNodes(job.tp(), g.gpusPerNode(), g.shares().get(0).node().gpuCount()));
    }

    @Override
    public String toString() {
        return job.id() + "->" + group;
    }
}
