package dev.fleetsim.policies.round;

import dev.fleetsim.engine.cluster.ClusterView;
import dev.fleetsim.engine.scheduling.Explanation;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.Placement;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.engine.scheduling.SchedulingContext;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One scheduling round being planned: the GPUs promised so far, the jobs chosen for
 * preemption (whose GPUs count as free from then on), and the decision being built. Ordering
 * policies decide who goes first; this class does the bookkeeping they share, including the
 * search for the fewest victims that let a job in.
 */
public final class RoundPlan {
    private final SchedulingContext context;
    private final PlacementStrategy placement;
    private final ReleasedGpusView view;
    private final Topology topology;
    private final BitSet taken = new BitSet();
    private final Map<String, Integer> takenByType = new TreeMap<>();
    private final List<Placement> placements = new ArrayList<>();
    private final List<String> preempted = new ArrayList<>();
    private final Set<String> preemptedIds = new HashSet<>();
    private final List<Explanation> explanations = new ArrayList<>();
    private final List<String> gpuTypes;
    /** The most unpromised free GPUs of any one type; negative when it must be recomputed. */
    private int maxFree = -1;

    public RoundPlan(SchedulingContext context, PlacementStrategy placement) {
        this(context, placement, gpuTypesOf(context.cluster().topology()));
    }

    /**
     * A plan given the cluster's GPU types ({@link #gpuTypesOf}), for a policy that keeps them
     * from round to round instead of going through every node each round.
     */
    public RoundPlan(SchedulingContext context, PlacementStrategy placement, List<String> gpuTypes) {
        this.context = context;
        this.placement = placement;
        this.view = new ReleasedGpusView(context.cluster());
        this.topology = context.cluster().topology();
        this.gpuTypes = gpuTypes;
    }

    /** The GPU types of a topology's nodes, in node order. */
    public static List<String> gpuTypesOf(Topology topology) {
        List<String> types = new ArrayList<>();
        for (Topology.Node n : topology.nodes()) {
            if (!types.contains(n.gpu().name())) {
                types.add(n.gpu().name());
            }
        }
        return List.copyOf(types);
    }

    public long nowNs() {
        return context.nowNs();
    }

    /** The cluster as this plan leaves it so far (preempted GPUs free; promised ones are in {@link #taken()}). */
    public ClusterView cluster() {
        return view;
    }

    /** GPUs promised to jobs placed earlier in this round. */
    public BitSet taken() {
        return taken;
    }

    /** Free GPUs of a type not promised yet. */
    public int freeGpus(String gpuType) {
        return view.freeGpusOfType(gpuType) - takenByType.getOrDefault(gpuType, 0);
    }

    /** Free GPUs of any type not promised yet. */
    public int freeGpus() {
        return view.freeGpuCount() - taken.cardinality();
    }

    /**
     * The most unpromised free GPUs of any one type: a job needing more cannot start without
     * preemption. One integer comparison, so a long queue is scanned cheaply.
     */
    public int maxFreeGpusOfAnyType() {
        if (maxFree < 0) {
            maxFree = 0;
            for (String type : gpuTypes) {
                maxFree = Math.max(maxFree, freeGpus(type));
            }
        }
        return maxFree;
    }

    /** Whether some feasible type has as many unpromised free GPUs as the job needs. */
    public boolean fitsByCount(JobView job) {
        if (job.gpus() > maxFreeGpusOfAnyType()) {
            return false;
        }
        for (String type : job.feasibleGpuTypes()) {
            if (freeGpus(type) >= job.gpus()) {
                return true;
            }
        }
        return false;
    }

    /** Where the strategy would put the job now, without promising anything. */
    public Optional<int[]> propose(JobView job) {
        return fitsByCount(job) ? placement.place(job, view, taken) : Optional.empty();
    }

    /** Promises {@code gpus} to the job. */
    public void commit(JobView job, int[] gpus) {
        for (int g : gpus) {
            taken.set(g);
        }
        takenByType.merge(topology.gpuSpecOf(gpus[0]).name(), gpus.length, Integer::sum);
        maxFree = -1;
        placements.add(new Placement(job.id(), gpus));
    }

    /** Places the job if it fits now; returns whether it did. */
    public boolean place(JobView job) {
        Optional<int[]> gpus = propose(job);
        gpus.ifPresent(g -> commit(job, g));
        return gpus.isPresent();
    }

    /** GPU type of a running job. */
    public String gpuTypeOf(RunningJobView running) {
        return topology.gpuSpecOf(running.gpuIds()[0]).name();
    }

    public boolean isPreempted(String jobId) {
        return preemptedIds.contains(jobId);
    }

    /**
     * Places the job by preempting running jobs taken from {@code candidates} in order (the
     * policy's least deserving first), stopping at the first prefix that makes room. Of that
     * prefix, only the jobs whose GPUs the placement actually uses are preempted; the others keep
     * running. When no prefix makes room, nothing changes.
     *
     * @param explain the explanation recorded for each preempted job
     * @return the jobs preempted, empty when the job could not be placed
     */
    public List<RunningJobView> placeByPreempting(JobView job, List<RunningJobView> candidates,
                                                  Function<RunningJobView, Explanation> explain) {
        List<RunningJobView> tentative = new ArrayList<>();
        for (RunningJobView victim : candidates) {
            if (preemptedIds.contains(victim.id()) || !job.feasibleGpuTypes().contains(gpuTypeOf(victim))) {
                continue;
            }
            release(victim, +1);
            tentative.add(victim);
            Optional<int[]> gpus = propose(job);
            if (gpus.isPresent()) {
                BitSet used = new BitSet();
                for (int g : gpus.get()) {
                    used.set(g);
                }
                List<RunningJobView> victims = new ArrayList<>();
                for (RunningJobView v : tentative) {
                    if (usesAny(v.gpuIds(), used)) {
                        victims.add(v);
                        preempted.add(v.id());
                        preemptedIds.add(v.id());
                        explanations.add(explain.apply(v));
                    } else {
                        release(v, -1);
                    }
                }
                commit(job, gpus.get());
                return victims;
            }
        }
        for (RunningJobView v : tentative) {
            release(v, -1);
        }
        return List.of();
    }

    private void release(RunningJobView job, int sign) {
        view.release(job.gpuIds(), sign);
        maxFree = -1;
    }

    private static boolean usesAny(int[] gpus, BitSet used) {
        for (int g : gpus) {
            if (used.get(g)) {
                return true;
            }
        }
        return false;
    }

    public void explain(Explanation e) {
        explanations.add(e);
    }

    public List<Placement> placements() {
        return List.copyOf(placements);
    }

    public SchedulingDecision decision(OptionalLong wakeAtNs) {
        return new SchedulingDecision(placements, preempted, explanations, wakeAtNs);
    }
}
