package dev.fleetsim.bench;

import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.perf.FlowStepModel;
import dev.fleetsim.engine.perf.TrainingPerfModel;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.ToDoubleFunction;

/**
 * {@link EstimateBenchmark}'s cases timed in the calling thread's CPU time rather than wall time:
 * on a machine shared with other work the wall time mostly measures the waits for a core. Prints,
 * per round of {@code iterations} estimates, the mean CPU microseconds of one. Models:
 * {@code analytic} (analytic collectives); {@code flow} (the flow model as the run loop asks it on
 * a job start, a new job object of a shape it costed before: the kept idle costing);
 * {@code flow-costing} (what the network coupling then asks for: the same costing with its flows
 * planned on the placement); {@code flow-cold} (the flow model without kept costings: every
 * estimate plans and solves).
 * Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.fleetsim.bench.EstimateCpuTime [gpus] [iterations] [rounds] [block|fragmented] [analytic|flow|flow-costing|flow-cold]}.
 */
public final class EstimateCpuTime {

    private EstimateCpuTime() {
    }

    public static void main(String[] args) {
        int gpus = args.length > 0 ? Integer.parseInt(args[0]) : 16384;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String kind = args.length > 3 ? args[3] : "block";
        String model = args.length > 4 ? args[4] : "analytic";
        EstimateSetup setup = new EstimateSetup(gpus, kind);
        ToDoubleFunction<TrainingJobSpec> estimate = estimator(setup, model);
        // Equal jobs, distinct objects: what the run loop passes for jobs of one shape.
        TrainingJobSpec[] jobs = {setup.job, setup.job.withIdAndSubmit("other", 1)};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int r = 0; r < rounds; r++) {
            long cpu = mx.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                sink += estimate.applyAsDouble(jobs[i & 1]);
            }
            System.out.printf("round %d: %.1f us CPU, %.1f us wall per estimate (%d GPUs, %s, %s)%n", r,
                    (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / iterations, (System.nanoTime() - wall) / 1e3 / iterations,
                    gpus, kind, model);
        }
        System.out.printf("iteration time %.9f s%n", sink / ((double) rounds * iterations));
    }

    private static ToDoubleFunction<TrainingJobSpec> estimator(EstimateSetup setup, String model) {
        Topology topology = setup.topology;
        int[] placement = setup.placement;
        if (model.equals("analytic")) {
            AnalyticCollectiveModel collectives = new AnalyticCollectiveModel(topology);
            TrainingPerfModel perf = new TrainingPerfModel();
            return job -> perf.estimate(job, topology, collectives, placement).iterationTimeS();
        }
        NetworkGraph graph = NetworkGraph.build(topology, FabricLayout.of(topology));
        if (model.equals("flow-cold")) {
            FlowStepModel flow = new FlowStepModel(graph, CollectiveTuning.defaults(), 0);
            return job -> flow.estimate(job, topology, placement).iterationTimeS();
        }
        FlowStepModel flow = new FlowStepModel(graph, CollectiveTuning.defaults());
        if (model.equals("flow")) {
            return job -> flow.estimate(job, topology, placement).iterationTimeS();
        }
        if (model.equals("flow-costing")) {
            return job -> flow.costing(job, placement).estimate().iterationTimeS();
        }
        throw new IllegalArgumentException("model must be analytic, flow, flow-costing or flow-cold, not " + model);
    }
}
