package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.collective.FlowCollectiveModel;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.TrainingJobSpec;

/**
 * The training step-time model with every collective costed by the flow-level network model on
 * the job's placement, alone on an idle network: the iteration time a job has before it shares
 * links with anyone. The run loop's network coupling starts from this and slows a job down when
 * the flows of other jobs take part of its links. Bound to one topology; not thread-safe.
 */
public final class FlowStepModel implements StepTimeModel {

    private final Topology topology;
    private final NetworkGraph graph;
    private final FlowCollectiveModel collectives;
    private final TrainingPerfModel perf = new TrainingPerfModel();

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
        return perf.estimate(job, topology, collectives, gpus);
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
