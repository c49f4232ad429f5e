package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.collective.CostedPlan;
import dev.fleetsim.engine.network.collective.FlowCollectiveModel;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training step-time model with every collective costed by the flow-level network model on
 * the job's placement, alone on an idle network: the iteration time a job has before it shares
 * links with anyone. Each collective of {@link IterationTraffic} is planned on all its
 * concurrent groups at once and costed with their flows sharing links by max-min, so a job's
 * {@code tp × pp} DP groups that all-reduce together over the same up-link are costed as they
 * run. {@link #costing} keeps the plans and each flow's rate, which the run's network coupling
 * registers; the last costing is cached, so the run loop's estimate and the coupling's
 * registration of the same job on the same GPUs share one solve. Bound to one topology; not
 * thread-safe.
 */
public final class FlowStepModel implements StepTimeModel {

    /**
     * One job on one placement costed on the idle network.
     *
     * @param compute the compute side
     * @param traffic the collectives
     * @param plans per collective, its plan on all its groups with every flow's idle rate
     * @param occurrenceS per collective, one occurrence's time
     * @param estimate the idle-network estimate
     */
    public record Costing(IterationCompute compute, IterationTraffic traffic, List<CostedPlan> plans,
                          double[] occurrenceS, StepEstimate estimate) {
        public Costing {
            plans = List.copyOf(plans);
        }

        /** The estimate with each collective's occurrence taking {@code extraS[i]} longer. */
        public StepEstimate stretched(double[] extraS) {
            double[] occ = occurrenceS.clone();
            for (int i = 0; i < occ.length; i++) {
                occ[i] += extraS[i];
            }
            return IterationTime.estimate(compute, traffic, occ);
        }
    }

    private final Topology topology;
    private final NetworkGraph graph;
    private final FlowCollectiveModel collectives;
    private final TrainingPerfModel perf = new TrainingPerfModel();
    private TrainingJobSpec lastJob;
    private int[] lastGpus;
    private Costing last;

    /** The graph of {@code topology} under the fabric its {@code FabricSpec} describes, default tuning. */
    public FlowStepModel(Topology topology) {
        this(NetworkGraph.build(topology, FabricLayout.of(topology)), CollectiveTuning.defaults());
    }

    public FlowStepModel(NetworkGraph graph, CollectiveTuning tuning) {
        this.topology = graph.topology();
        this.graph = graph;
        this.collectives = new FlowCollectiveModel(graph, tuning);
    }

    @Override
    public StepEstimate estimate(TrainingJobSpec job, Topology on, int[] gpus) {
        if (on != topology) {
            throw new IllegalArgumentException("this flow model is bound to another topology");
        }
        return costing(job, gpus).estimate();
    }

    /** The idle-network costing of {@code job} on {@code gpus} (the last one is cached: same job object, same GPUs). */
    public Costing costing(TrainingJobSpec job, int[] gpus) {
        if (job == lastJob && Arrays.equals(gpus, lastGpus)) {
            return last;
        }
        IterationCompute compute = perf.compute(job, topology, gpus);
        IterationTraffic traffic = IterationTraffic.of(job, topology, gpus);
        List<CostedPlan> plans = new ArrayList<>(traffic.size());
        double[] occurrenceS = new double[traffic.size()];
        for (int i = 0; i < occurrenceS.length; i++) {
            IterationTraffic.Collective c = traffic.get(i);
            CostedPlan plan = collectives.costed(c.kind(), c.groups(), c.bytes());
            plans.add(plan);
            occurrenceS[i] = plan.seconds();
        }
        Costing costing = new Costing(compute, traffic, plans, occurrenceS, IterationTime.estimate(compute, traffic, occurrenceS));
        lastJob = job;
        lastGpus = gpus.clone();
        last = costing;
        return costing;
    }

    @Override
    public MemoryBreakdown memory(TrainingJobSpec job, GpuSpec gpu) {
        return perf.memory(job, gpu);
    }

    public NetworkGraph graph() {
        return graph;
    }

    public FlowCollectiveModel collectives() {
        return collectives;
    }
}
