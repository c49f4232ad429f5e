package dev.fleetsim.bench;

import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.perf.StepEstimate;
import dev.fleetsim.engine.perf.TrainingPerfModel;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
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

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One step-time estimate as the run loop asks for it on every job start: a dense Llama-3-70B job
 * (TP 8, PP 8, DP {@code gpus}/64, selective recompute, distributed optimizer) on the first
 * {@code gpus} GPUs of DGX-H100 nodes, analytic collectives. {@code compute} is the compute side
 * alone (the profile curves, layer by layer); {@code estimate} adds the traffic and its costing.
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

    private Topology topology;
    private AnalyticCollectiveModel collectives;
    private TrainingJobSpec job;
    private int[] placement;
    private final TrainingPerfModel model = new TrainingPerfModel();

    @Setup
    public void setUp() {
        ClusterSpec spec = new ClusterSpec(List.of(new NodeGroupSpec("dgx", "H100-SXM", gpus / 8, 8, 8, 400e9 / 8)),
                new FabricSpec(32, 1.0, 5_000, 1_000));
        topology = Topology.build(spec, HardwareCatalog.defaults());
        collectives = new AnalyticCollectiveModel(topology);
        job = new TrainingJobSpec("bench", ModelCatalog.find("llama3-70b").orElseThrow(), Precision.BF16, gpus / 4, 1,
                new ParallelismSpec(8, 8, gpus / 64, 1), Recompute.SELECTIVE, 1, 1.0, true, 1, 0, "t", 0, Optional.empty());
        placement = new int[gpus];
        for (int i = 0; i < gpus; i++) {
            placement[i] = i;
        }
    }

    @Benchmark
    public StepEstimate estimate() {
        return model.estimate(job, topology, collectives, placement);
    }

    @Benchmark
    public Object compute() {
        return model.compute(job, topology, placement);
    }
}
