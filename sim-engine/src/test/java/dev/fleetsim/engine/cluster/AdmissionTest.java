package dev.fleetsim.engine.cluster;

import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one decision of where a job can run and where it runs ideally, on clusters small enough to reason about. */
class AdmissionTest {
    private static final Map<String, GpuSpec> HW = HardwareCatalog.defaults();

    /** Node groups in order: 1 x 4 H100, 2 x 8 H100, 1 x 8 A100 (which has no fp8). */
    private static final ClusterSpec MIXED = new ClusterSpec(List.of(
            new NodeGroupSpec("small", "H100-SXM", 1, 4, 4, 50e9),
            new NodeGroupSpec("big", "H100-SXM", 2, 8, 8, 50e9),
            new NodeGroupSpec("older", "A100-80GB", 1, 8, 2, 25e9)), Scenarios.DEFAULT_FABRIC);

    private static TrainingJobSpec job(int gpus, Optional<String> type, Precision precision) {
        TrainingJobSpec j = Scenarios.dataParallelJob("j", ModelCatalog.find("gpt-1.3b").orElseThrow(), gpus, gpus, 10, 0, "t");
        return new TrainingJobSpec(j.id(), j.model(), precision, j.globalBatchSeqs(), j.microBatchSeqs(), j.parallelism(),
                j.recompute(), j.zeroStage(), j.dpOverlap(), j.flashAttention(), j.iterations(), j.submitTimeNs(),
                j.tenant(), j.priority(), type);
    }

    @Test
    void typesInClusterOrderThatSupportThePrecisionAndHaveTheGpus() {
        Admission a = Admission.of(MIXED, HW, JobFit.ANY);

        assertEquals(List.of("H100-SXM", "A100-80GB"), a.admit(job(8, Optional.empty(), Precision.BF16)).gpuTypes());
        // 20 GPUs: H100 has 4 + 16, the A100-80GB group only 8
        Admission.Verdict big = a.admit(job(20, Optional.empty(), Precision.BF16));
        assertEquals(List.of("H100-SXM"), big.gpuTypes());
        assertEquals(List.of(new Admission.Refusal("A100-80GB", Admission.Cause.TOO_FEW_GPUS, "20 GPUs, the cluster has 8 A100-80GB")),
                big.refusals());
        Admission.Verdict none = a.admit(job(24, Optional.of("A100-80GB"), Precision.BF16));
        assertFalse(none.admitted());
        assertEquals("needs 24 GPUs, the cluster has 8 A100-80GB", none.reason());
        Admission.Verdict absent = a.admit(job(1, Optional.of("B200"), Precision.BF16));
        assertEquals("no GPU of type B200 in the cluster", absent.reason());
    }

    @Test
    void aTypeCanFailThePrecisionAndTheCountAtOnceAndTheFitRunsOnlyWhereBothPass() {
        List<String> fitAsked = new ArrayList<>();
        JobFit noH100 = (job, gpu) -> {
            fitAsked.add(gpu.name());
            return gpu.name().equals("H100-SXM") ? List.of("too big") : List.of();
        };
        Admission a = Admission.of(MIXED, HW, noH100);
        TrainingJobSpec fp8 = job(24, Optional.of("A100-80GB"), Precision.FP8);

        Admission.Verdict placeable = a.placeable(job(8, Optional.empty(), Precision.BF16));
        assertEquals(List.of("H100-SXM", "A100-80GB"), placeable.gpuTypes(), "placeable is before the fit check");
        assertEquals(List.of(), fitAsked);
        Admission.Verdict v = a.admit(job(8, Optional.empty(), Precision.BF16));
        assertEquals(List.of("A100-80GB"), v.gpuTypes());
        assertEquals(List.of("H100-SXM", "A100-80GB"), fitAsked);
        assertEquals(List.of(new Admission.Refusal("H100-SXM", Admission.Cause.DOES_NOT_FIT, "too big")), v.refusals());
        assertEquals("on H100-SXM: too big", a.admit(job(17, Optional.of("H100-SXM"), Precision.BF16)).reason());
        fitAsked.clear();
        assertEquals(List.of(Admission.Cause.PRECISION, Admission.Cause.TOO_FEW_GPUS),
                a.admit(fp8).refusals().stream().map(Admission.Refusal::cause).toList());
        assertEquals("A100-80GB does not support fp8; needs 24 GPUs, the cluster has 8 A100-80GB", a.admit(fp8).reason());
        assertEquals(List.of(), fitAsked, "no fit check on a type that fails the others");
        // without a required type, fp8 runs on the H100s only
        assertEquals(List.of("H100-SXM"), a.placeable(job(8, Optional.empty(), Precision.FP8)).gpuTypes());
    }

    @Test
    void verdictsAreOncePerShape() {
        int[] calls = {0};
        Admission a = Admission.of(MIXED, HW, (job, gpu) -> {
            calls[0]++;
            return List.of();
        });
        TrainingJobSpec one = job(8, Optional.empty(), Precision.BF16);
        a.admit(one);
        a.admit(one.withIdAndSubmit("other", 99));
        assertEquals(2, calls[0], "two types checked once, for both jobs of the shape");
    }

    @Test
    void theIdealPlacementIsFirstFitOnTheIdleCluster() {
        Admission a = Admission.of(Topology.build(MIXED, HW), JobFit.ANY);

        // fits the 4-GPU node: GPUs 0-3
        assertArrayEquals(range(0, 4), a.idealPlacement(job(4, Optional.empty(), Precision.BF16)).orElseThrow());
        // 6 GPUs do not fit the first node: the first node that holds them whole (GPUs 4-9 of node 1)
        assertArrayEquals(range(4, 10), a.idealPlacement(job(6, Optional.empty(), Precision.BF16)).orElseThrow());
        // wider than any node: the type's GPUs node by node
        assertArrayEquals(range(0, 12), a.idealPlacement(job(12, Optional.empty(), Precision.BF16)).orElseThrow());
        // a required type: its first node
        assertArrayEquals(range(20, 28), a.idealPlacement(job(8, Optional.of("A100-80GB"), Precision.BF16)).orElseThrow());
        assertTrue(a.idealPlacement(job(64, Optional.empty(), Precision.BF16)).isEmpty());
    }

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }
}
