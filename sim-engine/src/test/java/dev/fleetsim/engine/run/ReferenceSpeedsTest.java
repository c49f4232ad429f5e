package dev.fleetsim.engine.run;

import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import dev.fleetsim.engine.workload.TraceProfile;
import dev.fleetsim.engine.workload.TraceShapes;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.engine.workload.WorkReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsim.engine.testing.RepositoryFiles;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference hardware a trace's durations are measured on, costed by the engine's own
 * training model: the shipped references (Philly's P40 in fp32, Helios' and PAI's V100 in fp16),
 * and what a job shape's time there is against modern GPUs on their usual servers. Prints the
 * table of docs/WORKLOADS.md ("Work, not time"); asserts only what must hold whatever the
 * compute model's curves: the reference's own servers, precisions, and the order of the GPUs.
 */
class ReferenceSpeedsTest {
    private final ReferenceSpeeds speeds = new ReferenceSpeeds(HardwareCatalog.defaults(), topology -> new dev.fleetsim.engine.perf.TrainingPerfModel());

    @Test
    void theShippedReferencesAreTheTracesOwnServers() {
        assertEquals(WorkReference.on(TraceProfile.PHILLY.reference(), Precision.FP32),
                TraceGeneratorSpec.defaultReference(TraceProfile.PHILLY));
        assertEquals(WorkReference.on(TraceProfile.HELIOS.reference(), Precision.FP16),
                TraceGeneratorSpec.defaultReference(TraceProfile.HELIOS));
        assertEquals("V100-SXM2-32GB", TraceProfile.PAI.reference().gpuType());
        assertEquals(8, TraceProfile.HELIOS.reference().gpusPerNode());
        assertEquals(100e9 / 8, TraceProfile.HELIOS.reference().nicBandwidthBytesPerS());
    }

    @Test
    void theReferenceGpusAreWhatTheTracesPublishersReleased() {
        JsonNode refs = RepositoryFiles.reference("traces.json").path("reference_hardware");
        // Philly: most GPUs (231 x 8 of 2,490) are 24 GB ones, and the P40 is the 24 GB Tesla of 2017
        int gpus24 = 0;
        int gpus = 0;
        for (JsonNode server : refs.path("philly").path("servers")) {
            int n = server.get(0).asInt() * server.get(1).asInt();
            gpus += n;
            gpus24 += server.get(2).asText().equals("24GB") ? n : 0;
        }
        assertEquals(refs.path("philly").path("derived_gpus").asInt(), gpus);
        assertEquals(refs.path("philly").path("derived_share_24gb_gpus").asDouble(), (double) gpus24 / gpus, 1e-3);
        assertTrue(gpus24 > gpus / 2);
        assertEquals(24e9, HardwareCatalog.defaults().get(TraceProfile.PHILLY.reference().gpuType()).hbmBytes(), 1);
        assertEquals(8, TraceProfile.PHILLY.reference().gpusPerNode());
        // Helios: the artifact's node has 8 V100-SXM2 of 32,510 MiB and a 300 W cap
        String helios = refs.path("helios").path("gpu").asText();
        assertTrue(helios.contains("V100-SXM2") && helios.contains("300 W"), helios);
        var v100 = HardwareCatalog.defaults().get(TraceProfile.HELIOS.reference().gpuType());
        assertEquals(32510 * 1024.0 * 1024, v100.hbmBytes(), 0.01 * v100.hbmBytes());
        assertEquals(300, v100.tdpWatts());
        assertEquals(refs.path("helios").path("gpus_per_node").asInt(), TraceProfile.HELIOS.reference().gpusPerNode());
    }

    @Test
    void aJobShapeIsSlowestOnTheOldestReferenceAndTheTableIsPrinted() {
        WorkReference p40 = TraceGeneratorSpec.defaultReference(TraceProfile.PHILLY);
        WorkReference v100 = TraceGeneratorSpec.defaultReference(TraceProfile.HELIOS);
        List<String> modern = List.of("A100-80GB", "H100-SXM", "B200");
        System.out.println("| GPUs | shape | P40 fp32 (s) | V100 fp16 (s) | A100 bf16 | H100 bf16 | B200 bf16 |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (int g = 1; g <= 128; g *= 2) {
            if (g == 2 || g == 4 || g == 32 || g == 64) {
                continue;
            }
            TrainingJobSpec shape = TraceShapes.prototype(g, Optional.empty());
            double tP40 = speeds.iterationTimeS(shape, p40);
            double tV100 = speeds.iterationTimeS(shape, v100);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d | %s | %.2f | %.2f |", g,
                    shape.model().name(), tP40, tV100));
            double previous = tV100;
            for (String type : modern) {
                // the modern GPUs on 8-GPU servers with one 400 Gb/s NIC per GPU, in bf16
                WorkReference r = WorkReference.on(TraceProfile.HELIOS.reference().withGpuType(type), Precision.BF16);
                WorkReference dgx = WorkReference.on(new dev.fleetsim.engine.workload.ReferenceHardware(type, 8, 8,
                        400e9 / 8, "test"), Precision.BF16);
                double t = speeds.iterationTimeS(shape, dgx);
                assertTrue(t > 0 && speeds.iterationTimeS(shape, r) >= t, type);
                assertTrue(t < previous, type + " is faster than the GPU before it for " + shape.model().name());
                previous = t;
                row.append(String.format(Locale.ROOT, " %.3f s (V100 / %.1f, P40 / %.0f) |", t, tV100 / t, tP40 / t));
            }
            System.out.println(row);
            assertTrue(tP40 > tV100, "the P40 in fp32 is slower than the V100 in fp16");
        }
    }
}
