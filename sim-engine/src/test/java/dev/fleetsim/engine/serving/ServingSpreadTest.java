package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.serving.LengthSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A replica is a synchronous group like a training job: with a profile's {@code gemmSpread} its
 * tensor-core work runs at the expected slowest of its {@code tp × pp} GPUs
 * ({@code HardwareProfile.slowestGpuSlowdown}, the training model's fact), its HBM-bound work at
 * the profile's bandwidth; a spread of 0 changes nothing. And the fabric's factor on its
 * collectives' bytes.
 */
class ServingSpreadTest {

    private static final GpuSpec H100 = HardwareCatalog.defaults().get("H100-SXM");

    private static ServingModel model(ServiceSpec s, GpuSpec gpu) {
        Topology topology = Topology.build(ServingFixtures.h100(1), HardwareCatalog.defaults());
        int[] gpus = new int[s.tp() * s.pp()];
        for (int i = 0; i < gpus.length; i++) {
            gpus[i] = i;
        }
        return ServingModel.of(s, gpu, new AnalyticCollectiveModel(topology), gpus);
    }

    private static ServiceSpec replica(int tp, int pp) {
        return ServingFixtures.withPp(ServingFixtures.service("chat", ServingFixtures.model("llama3-8b"), tp, 1,
                ServingFixtures.poisson(1, 10, LengthSpec.fixed(1000), LengthSpec.fixed(100))), pp);
    }

    @Test
    void theTensorCoreWorkOfAReplicaWaitsForItsSlowestGpu() {
        double spread = 0.02;
        GpuSpec spreadGpu = H100.withProfile(H100.profile().withGemmSpread(spread));
        double previous = 1.0;
        for (int[] layout : new int[][] {{1, 1}, {2, 1}, {2, 2}, {4, 2}}) {
            ServiceSpec s = replica(layout[0], layout[1]);
            ServingModel base = model(s, H100);
            ServingModel slow = model(s, spreadGpu);
            double f = spreadGpu.profile().slowestGpuSlowdown(layout[0] * layout[1]);
            // a 4,096-token prefill: its GEMMs and attention are compute-bound
            var b = base.breakdown(0, 0, 4096, 4096.0 * 4097 / 2, 0, 1);
            var x = slow.breakdown(0, 0, 4096, 4096.0 * 4097 / 2, 0, 1);
            assertEquals(f, x.gemmS() / b.gemmS(), 1e-9, "GEMMs at tp " + layout[0] + " pp " + layout[1]);
            assertEquals(f, x.attentionS() / b.attentionS(), 1e-9, "prefill attention");
            assertEquals(b.elementwiseS(), x.elementwiseS(), 0.0, "HBM-bound kernels");
            assertEquals(b.commS(), x.commS(), 0.0, "communication");
            // a decode step of 8 sequences reads the weights: HBM-bound, so the spread moves it at most half as much
            // (only the few kernels whose tile floor is above their HBM time feel it)
            double decode = slow.iterationSeconds(8, 8 * 1000, 0, 0, 0, 8) / base.iterationSeconds(8, 8 * 1000, 0, 0, 0, 8);
            assertTrue(decode >= 1 && decode - 1 <= (f - 1) / 2, "a memory-bound decode step: " + decode + " against " + f);
            assertTrue(f >= previous, "more GPUs in lockstep wait for a slower slowest one");
            previous = f;
        }
        assertEquals(1.0, spreadGpu.profile().slowestGpuSlowdown(1), 0.0, "one GPU waits for nobody");
        assertTrue(previous > 1.02, "tp 4 pp 2 of a 2 % spread: " + previous);
    }

    @Test
    void aFabricStretchSlowsTheBytesOfTheCollectivesNotTheirLatency() {
        // (Not the spread: the other factor on a replica's costs, ServingModel.fabricStretch, which
        // run.ReplicaComm sets from the shared fabric.) tp 2 on one node: two all-reduces a layer.
        ServingModel m = model(replica(2, 1), H100);
        double alone = m.breakdown(0, 0, 4096, 4096.0 * 4097 / 2, 0, 1).commS();
        m.fabricStretch(2, 1);
        double stretched = m.breakdown(0, 0, 4096, 4096.0 * 4097 / 2, 0, 1).commS();
        assertTrue(stretched > alone && stretched < 2 * alone, "the bytes twice as slow, the latency as it was: "
                + stretched / alone);
        m.fabricStretch(1, 5);
        assertEquals(alone, m.breakdown(0, 0, 4096, 4096.0 * 4097 / 2, 0, 1).commS(), 0.0, "one stage: no hand-off to slow");
        assertThrows(IllegalArgumentException.class, () -> m.fabricStretch(0.5, 1));
    }

    @Test
    void aSpreadOfZeroChangesNoIterationCost() {
        GpuSpec same = H100.withProfile(H100.profile().withGemmSpread(0.0));
        ServiceSpec s = replica(2, 2);
        assertEquals(model(s, H100).breakdown(16, 16_000, 512, 512.0 * 513 / 2, 0, 17),
                model(s, same).breakdown(16, 16_000, 512, 512.0 * 513 / 2, 0, 17), "bit for bit");
    }
}
