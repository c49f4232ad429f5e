package dev.fleetsim.bench;

import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.perf.FlowStepModel;
import dev.fleetsim.engine.perf.StepEstimate;
import dev.fleetsim.engine.perf.TrainingPerfModel;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One step-time estimate as the run loop asks for it on every job start: a dense Llama-3-70B job
 * (TP 8, PP 8, DP {@code gpus}/64, selective recompute, distributed optimizer) on DGX-H100 nodes,
 * whole nodes in order or a fragmented placement ({@link EstimateSetup}), analytic collectives. {@code compute} is the compute side
 * alone (the profile curves, layer by layer); {@code estimate} adds the traffic and its costing.
 * {@code flowEstimate} is the flow model as the run loop asks it at a job start: a new job object of
 * a shape already costed on a placement of the same shape (the kept idle costing, {@code
 * FlowStepModel}); {@code flowEstimateCold} the flow model without kept costings, every call
 * planning and solving every collective on the idle network.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EstimateBenchmark {

    @Param({"1024", "16384"})
    int gpus;

    /** {@code block}: whole nodes in order; {@code fragmented}: partial nodes of a busy cluster ({@link EstimateSetup}). */
    @Param({"block", "fragmented"})
    String placementKind;

    private Topology topology;
    private AnalyticCollectiveModel collectives;
    private TrainingJobSpec job;
    private int[] placement;
    private final TrainingPerfModel model = new TrainingPerfModel();
    private FlowStepModel flow;
    private FlowStepModel flowCold;
    private TrainingJobSpec[] jobs;
    private int call;

    @Setup
    public void setUp() {
        EstimateSetup setup = new EstimateSetup(gpus, placementKind);
        topology = setup.topology;
        collectives = new AnalyticCollectiveModel(topology);
        job = setup.job;
        placement = setup.placement;
        NetworkGraph graph = NetworkGraph.build(topology, FabricLayout.of(topology));
        flow = new FlowStepModel(graph, CollectiveTuning.defaults());
        flowCold = new FlowStepModel(graph, CollectiveTuning.defaults(), 0);
        jobs = new TrainingJobSpec[] {job, job.withIdAndSubmit("other", 1)};
        flow.estimate(job, topology, placement);
    }

    @Benchmark
    public StepEstimate estimate() {
        return model.estimate(job, topology, collectives, placement);
    }

    @Benchmark
    public StepEstimate flowEstimate() {
        return flow.estimate(jobs[call++ & 1], topology, placement);
    }

    @Benchmark
    public StepEstimate flowEstimateCold() {
        return flowCold.estimate(jobs[call++ & 1], topology, placement);
    }

    @Benchmark
    public Object compute() {
        return model.compute(job, topology, placement);
    }
}
