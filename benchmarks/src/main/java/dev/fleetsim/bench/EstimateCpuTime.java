package dev.fleetsim.bench;

import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.perf.StepEstimate;
import dev.fleetsim.engine.perf.TrainingPerfModel;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link EstimateBenchmark#estimate}'s job, timed in the calling thread's CPU time rather than
 * wall time: on a machine shared with other work the wall time mostly measures the waits for a
 * core. Prints, per round of {@code iterations} estimates, the mean CPU microseconds of one.
 * Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.fleetsim.bench.EstimateCpuTime [gpus] [iterations] [rounds] [block|fragmented]}.
 */
public final class EstimateCpuTime {

    private EstimateCpuTime() {
    }

    public static void main(String[] args) {
        int gpus = args.length > 0 ? Integer.parseInt(args[0]) : 16384;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String kind = args.length > 3 ? args[3] : "block";
        EstimateSetup setup = new EstimateSetup(gpus, kind);
        Topology topology = setup.topology;
        AnalyticCollectiveModel collectives = new AnalyticCollectiveModel(topology);
        TrainingJobSpec job = setup.job;
        int[] placement = setup.placement;
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
            System.out.printf("round %d: %.1f us CPU, %.1f us wall per estimate (%d GPUs, %s)%n", r,
                    (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / iterations, (System.nanoTime() - wall) / 1e3 / iterations, gpus, kind);
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
