package dev.fleetsim.bench;

import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.perf.LayoutSearch;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The layout search of GPT-3 175B on 1,024 DGX-H100 GPUs (issue 9's 10-second bound), once per call. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class LayoutSearchBenchmark {

    @Benchmark
    public LayoutSearch.Result searchGpt3() {
        ClusterSpec spec = new ClusterSpec(List.of(new NodeGroupSpec("dgx", "H100-SXM", 128, 8, 8, 400e9 / 8)),
                new FabricSpec(32, 1.0, 5_000, 1_000));
        Topology t = Topology.build(spec, HardwareCatalog.defaults());
        TrainingJobSpec gpt3 = new TrainingJobSpec("gpt3", ModelCatalog.find("gpt3-175b").orElseThrow(), Precision.BF16, 1536,
                1, new ParallelismSpec(8, 16, 8, 1), Recompute.SELECTIVE, 1, 1.0, true, 1, 0, "t", 0, Optional.empty());
        return new LayoutSearch().search(gpt3, t, 1024, 10, () -> false);
    }
}
