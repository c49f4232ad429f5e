package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spread of GPU speed in a fleet ({@link HardwareProfile#gemmSpread}): the slowest-of-n
 * slowdown's arithmetic, that a spread of 0 leaves every estimate exactly as it was, and that a
 * spread slows the tensor-core work of a job by the slowdown of its GPU count and nothing else.
 */
class GpuSpreadTest {

    private static final GpuSpec H100 = ReferenceData.catalogGpu("H100-SXM");

    @Test
    void theSlowestOfNGrowsWithNAndIsBounded() {
        // Sinha et al.'s 8 % read as an even band of width w = 0.08 around the mean: sigma = w / sqrt(12)
        HardwareProfile p = H100.profile().withGemmSpread(0.08 / Math.sqrt(12));
        assertEquals(1.0, p.slowestGpuSlowdown(1), 0.0);
        // by hand: slowest of 8 at 1 - 0.08 x 7 / 18 = 0.96889 of the mean rate, so 1.03211 x the time
        assertEquals(1 / (1 - 0.08 * 7 / 18.0), p.slowestGpuSlowdown(8), 1e-12);
        assertEquals(1.032110, p.slowestGpuSlowdown(8), 1e-6);
        double bound = 1 / (1 - Math.sqrt(3) * p.gemmSpread());
        double previous = 1.0;
        for (int n = 2; n <= 10_000_000; n *= 2) {
            double f = p.slowestGpuSlowdown(n);
            assertTrue(f > previous, "grows with n at " + n);
            assertTrue(f < bound, "bounded at " + n);
            previous = f;
        }
        assertEquals(bound, p.slowestGpuSlowdown(Integer.MAX_VALUE), 1e-8);
        assertEquals(1.0, H100.profile().slowestGpuSlowdown(16_384), 0.0, "no spread, no slowdown");
        assertThrows(IllegalArgumentException.class, () -> H100.profile().withGemmSpread(0.21));
        assertThrows(IllegalArgumentException.class, () -> H100.profile().withGemmSpread(-0.01));
    }

    @Test
    void aSpreadOfZeroChangesNoEstimate() {
        GpuSpec same = H100.withProfile(H100.profile().withGemmSpread(0.0));
        for (TrainingJobSpec job : new TrainingJobSpec[]{job(8, 1), job(4, 16)}) {
            StepEstimate a = estimate(H100, job);
            StepEstimate b = estimate(same, job);
            assertEquals(a, b, "identical estimate, bit for bit");
        }
    }

    @Test
    void aSpreadSlowsTheTensorCoreWorkByTheSlowdownOfTheJobsGpus() {
        double spread = 0.02;
        GpuSpec spreadGpu = H100.withProfile(H100.profile().withGemmSpread(spread));
        double lastIteration = 0;
        for (int dp : new int[]{1, 2, 8, 32}) {
            TrainingJobSpec job = job(8, dp);
            StepEstimate base = estimate(H100, job);
            StepEstimate slow = estimate(spreadGpu, job);
            double f = spreadGpu.profile().slowestGpuSlowdown(job.gpus());
            assertEquals(f, slow.computeByClass().gemmS() / base.computeByClass().gemmS(), 1e-9, "GEMMs at " + dp);
            assertEquals(f, slow.computeByClass().attentionS() / base.computeByClass().attentionS(), 1e-9, "attention");
            assertEquals(base.computeByClass().memoryBoundS(), slow.computeByClass().memoryBoundS(), 1e-12, "HBM-bound kernels");
            assertTrue(slow.iterationTimeS() > base.iterationTimeS());
            assertTrue(slow.iterationTimeS() <= f * base.iterationTimeS() + 1e-12, "at most the slowdown on the whole step");
            // per GPU, more GPUs wait for a slower slowest one
            double ratio = slow.iterationTimeS() / base.iterationTimeS();
            assertTrue(ratio > lastIteration, "the slowdown grows with the GPUs: " + ratio + " at dp " + dp);
            lastIteration = ratio;
        }
    }

    @Test
    void theProfileDocumentCarriesTheSpreadOnlyWhenThereIsOne() throws Exception {
        HardwareProfile base = H100.profile();
        String plain = dev.fleetsim.engine.hardware.ProfileWriter.yaml(base);
        assertTrue(!plain.contains("gemmSpread"), "not written at 0, so an unmeasured profile keeps its hash");
        HardwareProfile spread = base.withGemmSpread(0.0125);
        String text = dev.fleetsim.engine.hardware.ProfileWriter.yaml(spread);
        assertTrue(text.contains("gemmSpread: 0.0125"), text);
        assertEquals(spread, dev.fleetsim.engine.hardware.ProfileReader.read(text, "p.yaml"));
        assertTrue(!spread.contentHash().equals(base.contentHash()));
        assertEquals(0.0, dev.fleetsim.engine.hardware.ProfileReader.read(plain, "p.yaml").gemmSpread(), 0.0);
        var e = assertThrows(dev.fleetsim.engine.hardware.HardwareDocumentException.class, () ->
                dev.fleetsim.engine.hardware.ProfileReader.read(text.replace("gemmSpread: 0.0125", "gemmSpread: 0.3"), "p.yaml"));
        assertTrue(e.getMessage().contains("gemmSpread: found 0.3; expected a number in [0, 0.2]"), e.getMessage());
    }

    private static TrainingJobSpec job(int tp, int dp) {
        return new TrainingJobSpec("spread", ModelCatalog.find("llama3-8b").orElseThrow(), Precision.BF16, 16 * dp, 1,
                new ParallelismSpec(tp, 1, dp, 1), Recompute.NONE, 1, 1.0, true, 1, 0, "t", 0, Optional.empty());
    }

    private static StepEstimate estimate(GpuSpec gpu, TrainingJobSpec job) {
        Topology cluster = ModernTrainingValidationTest.dgx(gpu, Math.max(1, job.gpus() / 8));
        return new TrainingPerfModel().estimate(job, cluster, ReferenceData.packed(job.gpus()));
    }
}
