package dev.fleetsim.engine.perf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.collective.FlowCollectiveModel;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.testing.RepositoryFiles;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers: the reference files of validation/reference, DGX-style clusters, and error statistics. */
final class ReferenceData {

    /** One NIC per GPU at 200 Gb/s (DGX A100 / Selene); 8 x 200 Gb/s is also MosaicML's 1600 Gb/s. */
    static final double HDR_NIC_BYTES_PER_S = 200e9 / 8;

    private ReferenceData() {
    }

    /** {@code validation/reference/<name>} of this repository. */
    static JsonNode read(String name) {
        return RepositoryFiles.reference(name);
    }

    /** {@code nodes} identical 8-GPU nodes with 8 NICs each on a full-bisection fabric. */
    static Topology dgxCluster(GpuSpec gpu, int nodes) {
        NodeGroupSpec group = new NodeGroupSpec("dgx", gpu.name(), nodes, 8, 8, HDR_NIC_BYTES_PER_S);
        FabricSpec fabric = new FabricSpec(32, 1.0, 5_000, 1_000);
        return Topology.build(new ClusterSpec(List.of(group), fabric), Map.of(gpu.name(), gpu));
    }

    /**
     * The estimate with collectives costed by the analytic model ({@code "analytic"}) or by the
     * flow-level model alone on the idle network of the cluster ({@code "flow"}).
     */
    static StepEstimate estimate(TrainingPerfModel model, String network, TrainingJobSpec job, Topology cluster, int[] gpus) {
        if (network.equals("analytic")) {
            return model.estimate(job, cluster, gpus);
        }
        return model.estimate(job, cluster, new FlowCollectiveModel(NetworkGraph.build(cluster, FabricLayout.of(cluster)),
                CollectiveTuning.defaults()), gpus);
    }

    static GpuSpec catalogGpu(String name) {
        return HardwareCatalog.defaults().get(name);
    }

    /** GPU ids 0..n-1: ranks packed node by node, TP innermost, as Megatron and FSDP launch them. */
    static int[] packed(int n) {
        int[] gpus = new int[n];
        for (int i = 0; i < n; i++) {
            gpus[i] = i;
        }
        return gpus;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
