package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.metrics.ServiceSummary;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.workload.serving.AutoscaleMetric;
import dev.fleetsim.engine.workload.serving.AutoscaleSpec;
import dev.fleetsim.engine.workload.serving.DisaggregationSpec;
import dev.fleetsim.engine.workload.serving.DiurnalSpec;
import dev.fleetsim.engine.workload.serving.LengthSpec;
import dev.fleetsim.engine.workload.serving.RequestStreamSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import dev.fleetsim.engine.workload.serving.ServingMode;
import dev.fleetsim.engine.workload.serving.ArrivalSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A deployment's replicas through the cluster run: autoscaling, disaggregated pools, the fluid mode. */
class DeploymentTest {

    private static RunResult run(ServiceSpec s, int nodes) {
        return ServingFixtures.run(ServingFixtures.scenario(ServingFixtures.h100(nodes), List.of(s), List.of(),
                ServingFixtures.fifo()));
    }

    @Test
    void autoscalerFollowsTheLoadUpAndDown() {
        // A rate that swings from 2 to 38 requests per second over ten minutes.
        RequestStreamSpec swing = new RequestStreamSpec(new ArrivalSpec(dev.fleetsim.engine.workload.serving.ArrivalProcess.POISSON,
                20, 1, Optional.of(new DiurnalSpec(0.9, 600_000_000_000L, 300_000_000_000L)), Optional.empty()),
                OptionalLong.empty(), OptionalLong.of(600_000_000_000L), LengthSpec.fixed(512), LengthSpec.fixed(128),
                Optional.empty());
        ServiceSpec s = ServingFixtures.withAutoscale(ServingFixtures.service("auto", ServingFixtures.model("llama3-8b"), 1,
                1, swing), new AutoscaleSpec(1, 8, AutoscaleMetric.CONCURRENCY, 8, 15_000_000_000L, 20_000_000_000L,
                60_000_000_000L));
        RunResult r = run(s, 1);
        ServiceSummary sum = r.summary().services().get(0);
        assertEquals(sum.requests().arrived(), sum.requests().finished());
        assertTrue(sum.replicas().peakActive() >= 3, "scaled up: peak " + sum.replicas().peakActive());
        assertTrue(sum.replicas().scaleDowns() > 0, "and down again");
        // Every replica the autoscaler asked for is a job of the run, and every one ended.
        assertEquals(r.summary().counts().jobs(), r.summary().counts().finished());
        assertTrue(r.summary().counts().jobs() >= sum.replicas().peakActive());
    }

    @Test
    void disaggregatedPoolsMoveEveryCacheFromPrefillToDecode(@TempDir Path tmp) throws Exception {
        RequestStreamSpec requests = ServingFixtures.poisson(8, 800, LengthSpec.lognormal(2000, 0.5, 100, 6000),
                LengthSpec.fixed(100));
        ServiceSpec s = ServingFixtures.withDisaggregation(ServingFixtures.service("pd", ServingFixtures.model("llama3-8b"),
                1, 0, requests), new DisaggregationSpec(2, 2));
        RunResult r = run(s, 1);
        ServiceSummary sum = r.summary().services().get(0);
        assertEquals(800, sum.requests().finished());
        assertEquals(800, sum.requests().kvTransfers(), "each request's cache moved once");
        assertEquals(4, r.summary().counts().jobs(), "two prefill and two decode replicas");
        assertTrue(r.jobs().stream().anyMatch(j -> j.id().equals("pd/prefill-1")));
        assertTrue(r.jobs().stream().anyMatch(j -> j.id().equals("pd/decode-1")));
        // The summary with its services group reads back equal (a resumed sweep of serving scenarios).
        Path file = tmp.resolve("summary.json");
        Files.writeString(file, ResultWriter.summaryJson(r.summary()));
        assertEquals(r.summary(), ResultWriter.readSummary(file));
    }

    /**
     * Three nodes of 4 H100, one 400 Gb/s NIC each, each node its own leaf, leaves 4:1 to one spine
     * (up-link 47 / 4 = 11.75 GB/s effective). A 6-GPU data-parallel job submitted first takes
     * n0[0-3] n1[0-1] (in-order first fit); its ring crosses n1's up-link. The disaggregated
     * deployment starting a second later gets n1[2-3] for its TP-2 prefill replica and n2[0-1] for
     * its TP-2 decode replica, so every KV cache leaves through the same NIC and up-link. A
     * 2,000-token prompt of Llama-3-8B leaves 32 layers x 2 x 4 KV heads x 128 x 2 B = 65.5 kB a
     * token on each rank, 131 MB a rank: alone on the up-link the two ranks get 5.875 GB/s each,
     * 22.3 ms; beside a job that averages {@code Λ} there the move takes 22.3 ms x (11.75 + Λ) /
     * 11.75 (SharedTransfersTest), and the client sees the first token when the cache is at the
     * decode replica. The same placement with a tiny model's ring (a few kB an iteration) and with
     * GPT-1.3B's (2.6 GB of gradients an iteration): more contention, a longer TTFT.
     */
    @Test
    void kvMovesBesideTrainingOnAnOversubscribedFabricLengthenTtft() {
        ModelSpec tiny = new ModelSpec("tiny", 1, 256, 4, 4, 1024, false, 1000, 128);
        ServiceSummary light = besideRing(tiny);
        ServiceSummary heavy = besideRing(ServingFixtures.model("gpt-1.3b"));
        System.out.printf("TTFT p50 beside a tiny ring %.4f s, beside GPT-1.3B's %.4f s; TPOT p50 %.5f / %.5f; "
                        + "KV move mean %.4f / %.4f s%n", light.latency().ttftS().p50(), heavy.latency().ttftS().p50(),
                light.latency().tpotS().p50(), heavy.latency().tpotS().p50(), light.requests().kvTransferMeanS(),
                heavy.requests().kvTransferMeanS());
        assertEquals(150, light.requests().kvTransfers());
        assertEquals(150, heavy.requests().kvTransfers());
        // Alone: 2,000 x 65,536 B = 131.07 MB a rank at 5.875 GB/s = 22.31 ms, plus 11 us of hops.
        // The tiny ring (1.3 M parameters: 2.6 MB of gradients every few ms) averages a few hundred
        // MB/s on the up-link, a few per cent of its 11.75 GB/s.
        assertTrue(light.requests().kvTransferMeanS() >= 0.02232, "never faster than alone");
        assertTrue(light.requests().kvTransferMeanS() <= 1.05 * 0.02232, "the tiny ring costs a few per cent");
        assertTrue(heavy.requests().kvTransferMeanS() > 1.2 * light.requests().kvTransferMeanS(), "the ring slows the moves");
        assertTrue(heavy.requests().kvTransferMeanS() <= 2 * light.requests().kvTransferMeanS() + 1e-6, "by its share at most");
        // Beside the tiny ring: a prefill of 2,000 tokens plus the 22.3 ms move (2 req/s rarely queue).
        assertTrue(light.latency().ttftS().p50() > 0.0223, "the move is in TTFT: " + light.latency().ttftS().p50());
        double extra = heavy.latency().ttftS().p50() - light.latency().ttftS().p50();
        assertTrue(extra > 0.005, "contention lengthens TTFT: +" + extra + " s");
        assertTrue(extra < 0.0223 + 1e-3, "at most a doubling of the move (a ring averaging the whole up-link): +" + extra);
        // TPOT is the decoder's own: a decode step of a TP group inside a node crosses no shared link.
        assertEquals(light.latency().tpotS().p50(), heavy.latency().tpotS().p50(), 0.02 * light.latency().tpotS().p50());
    }

    private static ServiceSummary besideRing(ModelSpec trained) {
        ClusterSpec cluster = new ClusterSpec(List.of(new NodeGroupSpec("h100", "H100-SXM", 3, 4, 1, 400e9 / 8)),
                new FabricSpec(1, 4, 5000, 1000, FabricSpec.Kind.LEAF_SPINE, 1, Optional.empty()));
        RequestStreamSpec requests = ServingFixtures.poisson(2, 150, LengthSpec.fixed(2000), LengthSpec.fixed(20));
        ServiceSpec d = ServingFixtures.withDisaggregation(ServingFixtures.service("pd", ServingFixtures.model("llama3-8b"),
                2, 0, requests), new DisaggregationSpec(1, 1));
        ServiceSpec s = new ServiceSpec(d.name(), d.tenant(), d.priority(), 1_000_000_000L, d.model(), d.weights(), d.kvCache(),
                d.tp(), d.pp(), d.gpuType(), d.replicas(), d.autoscale(), d.disaggregation(), d.engine(), d.router(),
                d.requests(), d.slo(), d.mode(), d.sampleRequests());
        TrainingJobSpec job = Scenarios.dataParallelJob("train", trained, 6, 6, 20_000, 0, "t");
        RunResult r = ServingFixtures.run(ServingFixtures.scenario(cluster, List.of(s), List.of(job), ServingFixtures.fifo()));
        String placements = r.jobs().stream().map(j -> j.id() + "@" + j.placement()).toList().toString();
        assertEquals("[train@n0[0-3] n1[0-1], pd/prefill-0@n1[2-3], pd/decode-0@n2[0-1]]", placements);
        return r.summary().services().get(0);
    }

    @Test
    void fluidModeTracksTheIterationModeOnASteadyStream() {
        RequestStreamSpec steady = ServingFixtures.poisson(20, 12_000, LengthSpec.lognormal(800, 1.0, 16, 6000),
                LengthSpec.lognormal(200, 1.0, 4, 2000));
        ServiceSpec s = ServingFixtures.service("fluid", ServingFixtures.model("llama3-8b"), 1, 2, steady);
        ServiceSummary it = run(s, 1).summary().services().get(0);
        ServiceSummary fl = run(s.withMode(ServingMode.FLUID), 1).summary().services().get(0);
        for (ServiceSummary x : List.of(it, fl)) {
            System.out.printf("%s: %.2f req/s, TTFT mean %.4f p90 %.4f, TPOT mean %.5f p90 %.5f, E2E mean %.3f p90 %.3f, "
                            + "running %.1f, KV %.3f, events %d%n", x.mode(), x.throughput().requestsPerS(),
                    x.latency().ttftS().mean(), x.latency().ttftS().p90(), x.latency().tpotS().mean(), x.latency().tpotS().p90(),
                    x.latency().e2eS().mean(), x.latency().e2eS().p90(), x.batching().meanRunning(), x.kv().meanUtilisation(),
                    x.batching().iterations());
        }
        assertEquals(it.throughput().requestsPerS(), fl.throughput().requestsPerS(), 0.05 * it.throughput().requestsPerS());
        // The stated case of docs/SERVING.md: the fluid mode's means within 15 % of the iteration mode's.
        assertEquals(it.latency().ttftS().mean(), fl.latency().ttftS().mean(), 0.15 * it.latency().ttftS().mean());
        assertEquals(it.latency().tpotS().mean(), fl.latency().tpotS().mean(), 0.15 * it.latency().tpotS().mean());
        assertEquals(it.latency().e2eS().mean(), fl.latency().e2eS().mean(), 0.15 * it.latency().e2eS().mean());
        assertEquals(it.latency().e2eS().p90(), fl.latency().e2eS().p90(), 0.15 * it.latency().e2eS().p90());
        assertEquals(it.batching().meanRunning(), fl.batching().meanRunning(), 0.15 * it.batching().meanRunning());
    }
}
