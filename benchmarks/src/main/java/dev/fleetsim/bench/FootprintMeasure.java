package dev.fleetsim.bench;

import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.ClusterRun;
import dev.fleetsim.engine.run.PerformanceModels;
import dev.fleetsim.engine.run.RunFootprint;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.ScenarioLoader;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.PolicyRegistry;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Measures the heap a run retains (the simulation's state after the run plus its result) for
 * clusters, fabrics and workloads of a few sizes, beside what {@link RunFootprint} estimates, so
 * the estimate's bytes per GPU, link and job can be checked and re-fitted:
 * {@code java -Xmx8g -cp benchmarks/target/benchmarks.jar dev.fleetsim.bench.FootprintMeasure}.
 */
public final class FootprintMeasure {

    private FootprintMeasure() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("%-44s %10s %10s %10s %12s %12s%n", "case", "GPUs", "links", "jobs", "measured MB",
                "estimate MB");
        for (int nodes : new int[] {1_000, 4_000, 16_000}) {
            measure("leaf-spine, " + nodes + " nodes of 8", scenario(nodes, 4, 1, 1, "flow"));
        }
        measure("analytic, 16000 nodes of 8", scenario(16_000, 4, 1, 1, "analytic"));
        for (int spines : new int[] {16, 64}) {
            measure("1 node a leaf, " + spines + " spines, 2000 nodes", scenario(2_000, 1, spines, 1, "flow"));
        }
        for (int jobs : new int[] {20_000, 80_000}) {
            measure(jobs + " jobs on 64 nodes", scenario(64, 4, 1, jobs, "flow"));
        }
    }

    private static String scenario(int nodes, int nodesPerLeaf, int spines, int jobs, String network) {
        return String.join("\n",
                "name: footprint",
                "simulation: {network: " + network + ", charts: false}",
                "cluster:",
                "  nodeGroups:",
                "    - {name: g, gpuType: H100-SXM, count: " + nodes + ", gpusPerNode: 8, nicsPerNode: 8,"
                        + " nicBandwidth: 400 Gb/s}",
                "  fabric: {nodesPerLeaf: " + nodesPerLeaf + ", spines: " + spines + "}",
                "workload:",
                "  generators:",
                "    - {name: w, count: " + jobs + ", meanInterarrival: 10 min, mix: [{name: a, weight: 1,"
                        + " iterations: {min: 10, max: 1000}, job: {model: gpt-1.3b, precision: bf16, globalBatch: 16,"
                        + " parallelism: {dp: 8}}}]}",
                "");
    }

    private static void measure(String label, String text) throws Exception {
        ScenarioSpec spec = new ScenarioLoader().parse(text, "footprint.yaml", PerformanceModels.feasibilityCheck());
        PolicyRegistry registry = PolicyRegistry.load();
        long before = used();
        PolicyProvider provider = registry.get(spec.policy().name());
        ClusterRun sim = new ClusterRun(spec, provider.name(), provider.create(spec.policy().params()),
                PerformanceModels.of(spec));
        RunResult result = sim.run(SimulationObserver.NONE);
        long after = used();
        RunFootprint.Estimate e = RunFootprint.of(spec);
        System.out.printf(Locale.ROOT, "%-44s %10d %10d %10d %12.1f %12.1f%n", label, e.gpus(), e.links(), e.jobs(),
                (after - before) / 1e6, (e.bytes() - 64e6) / 1e6);
        // Keep both alive until measured.
        if (result.jobs().size() < 0 || sim.topology() == null) {
            System.out.println();
        }
    }

    private static long used() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
