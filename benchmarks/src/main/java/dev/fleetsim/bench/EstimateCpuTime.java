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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Optional;

/**
 * {@link EstimateBenchmark#estimate}'s job, timed in the calling thread's CPU time rather than
 * wall time: on a machine shared with other work the wall time mostly measures the waits for a
 * core. Prints, per round of {@code iterations} estimates, the mean CPU microseconds of one.
 * Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.fleetsim.bench.EstimateCpuTime [gpus] [iterations] [rounds]}.
 */
public final class EstimateCpuTime {

    private EstimateCpuTime() {
    }

    public static void main(String[] args) {
        int gpus = args.length > 0 ? Integer.parseInt(args[0]) : 16384;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Topology topology = Topology.build(new ClusterSpec(List.of(new NodeGroupSpec("dgx", "H100-SXM", gpus / 8, 8, 8,
                400e9 / 8)), new FabricSpec(32, 1.0, 5_000, 1_000)), HardwareCatalog.defaults());
        AnalyticCollectiveModel collectives = new AnalyticCollectiveModel(topology);
        TrainingJobSpec job = new TrainingJobSpec("bench", ModelCatalog.find("llama3-70b").orElseThrow(), Precision.BF16,
                gpus / 4, 1, new ParallelismSpec(8, 8, gpus / 64, 1), Recompute.SELECTIVE, 1, 1.0, true, 1, 0, "t", 0,
                Optional.empty());
        int[] placement = new int[gpus];
        for (int i = 0; i < gpus; i++) {
            placement[i] = i;
        }
        TrainingPerfModel model = new TrainingPerfModel();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int r = 0; r < rounds; r++) {
            long cpu = mx.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                StepEstimate e = model.estimate(job, topology, collectives, placement);
                sink += e.iterationTimeS();
            }
            System.out.printf("round %d: %.1f us CPU, %.1f us wall per estimate (%d GPUs)%n", r,
                    (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / iterations, (System.nanoTime() - wall) / 1e3 / iterations, gpus);
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
