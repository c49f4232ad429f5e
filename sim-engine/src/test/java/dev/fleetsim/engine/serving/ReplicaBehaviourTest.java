package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.metrics.ServiceSummary;
import dev.fleetsim.engine.metrics.ServingCsv;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.workload.serving.ArrivalSpec;
import dev.fleetsim.engine.workload.serving.EngineSpec;
import dev.fleetsim.engine.workload.serving.LengthSpec;
import dev.fleetsim.engine.workload.serving.PreemptionMode;
import dev.fleetsim.engine.workload.serving.PrefixSpec;
import dev.fleetsim.engine.workload.serving.RequestStreamSpec;
import dev.fleetsim.engine.workload.serving.RouterKind;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A replica's engine against numbers worked out by hand: KV exhaustion, Little's law, routing, prefix reuse. */
class ReplicaBehaviourTest {
    private static final GpuSpec H100 = HardwareCatalog.defaults().get("H100-SXM");

    /** Every request at once: {@code count} requests of {@code prompt} + {@code output} tokens. */
    private static RequestStreamSpec burst(long count, int prompt, int output) {
        return new RequestStreamSpec(ArrivalSpec.poisson(1e9), OptionalLong.of(count), OptionalLong.empty(),
                LengthSpec.fixed(prompt), LengthSpec.fixed(output), Optional.empty());
    }

    /** A llama2-7b replica whose memory share leaves about {@code kvGiB} for its KV cache. */
    private static ServiceSpec smallCache(RequestStreamSpec requests, double kvGiB, PreemptionMode mode) {
        ServiceSpec base = ServingFixtures.service("kv", ServingFixtures.model("llama2-7b"), 1, 1, requests);
        EngineSpec e = new EngineSpec(2048, 256, true, 16, false, 0.9, mode, 0, true, Optional.empty(), true);
        ReplicaMemory m = ServingModel.memory(base.withEngine(e), H100);
        double utilisation = (m.weightsBytes() + m.workspaceBytes() + kvGiB * (1L << 30)) / H100.hbmBytes();
        return base.withEngine(new EngineSpec(2048, 256, true, 16, false, utilisation, mode, 0, true, Optional.empty(),
                true));
    }

    private static ServiceSummary serve(ServiceSpec s) {
        RunResult r = ServingFixtures.run(ServingFixtures.scenario(ServingFixtures.h100(1), List.of(s), List.of(),
                ServingFixtures.fifo()));
        return r.summary().services().get(0);
    }

    @Test
    void kvExhaustionPreemptsExactlyWhenTheBatchOutgrowsTheCache() {
        int prompt = 200;
        int output = 300;
        ServiceSpec probe = smallCache(burst(1, prompt, output), 2.0, PreemptionMode.RECOMPUTE);
        long blocks = ServingModel.memory(probe, H100).kvBlocks();
        // A request ends with 200 + 300 = 500 tokens: ceil(500 / 16) = 32 blocks; its prompt takes ceil(200 / 16) = 13.
        long perRequest = (prompt + output + 15) / 16;
        long fits = blocks / perRequest;
        assertTrue(fits * 13 < blocks && fits > 4, "the prompts of one more request still fit: " + blocks + " blocks");
        ServiceSummary atCapacity = serve(smallCache(burst(fits, prompt, output), 2.0, PreemptionMode.RECOMPUTE));
        ServiceSummary over = serve(smallCache(burst(fits + 3, prompt, output), 2.0, PreemptionMode.RECOMPUTE));
        assertEquals(0, atCapacity.requests().preemptions(), fits + " requests of 32 blocks fit " + blocks + " blocks");
        assertTrue(over.requests().preemptions() > 0, (fits + 3) + " requests do not: the last admitted are preempted");
        assertEquals(fits + 3, over.requests().finished(), "preempted requests are recomputed and finish");
        assertTrue(over.kv().peakUtilisation() > 0.95, "the cache was full when it preempted: " + over.kv().peakUtilisation());
        ServiceSummary swapped = serve(smallCache(burst(fits + 3, prompt, output), 2.0, PreemptionMode.SWAP));
        assertTrue(swapped.requests().preemptions() > 0);
        assertEquals(fits + 3, swapped.requests().finished());
    }

    @Test
    void littlesLawHoldsOverASteadyRun() {
        RequestStreamSpec poisson = ServingFixtures.poisson(12, 4000, LengthSpec.lognormal(600, 1.0, 16, 4000),
                LengthSpec.lognormal(200, 1.0, 4, 2000));
        ServiceSummary s = serve(ServingFixtures.service("ll", ServingFixtures.model("llama3-8b"), 1, 2, poisson));
        assertEquals(4000, s.requests().finished());
        // Over a run that starts and ends empty, the time integral of requests in the system is the sum of their
        // times in it: L x T = n x W, with L the time-weighted requests running or waiting.
        double windowS = s.requests().finished() / s.throughput().requestsPerS();
        double inSystem = s.batching().meanRunning() + s.batching().meanWaiting();
        double lambda = s.requests().arrived() / windowS;
        assertEquals(inSystem, lambda * s.latency().e2eS().mean(), 0.02 * inSystem,
                "L = lambda W: L " + inSystem + ", lambda " + lambda + ", W " + s.latency().e2eS().mean());
    }

    @Test
    void leastOutstandingBeatsRoundRobinOnSkewedLengths() {
        // Outputs with a long tail and room for 8 requests a replica: round robin piles long requests on one
        // replica while the other has room; least-outstanding sends each request where there is room.
        RequestStreamSpec skewed = ServingFixtures.poisson(10, 1500, LengthSpec.fixed(256),
                LengthSpec.lognormal(300, 2.5, 1, 6000));
        ServiceSpec base = ServingFixtures.service("route", ServingFixtures.model("llama3-8b"), 1, 4, skewed)
                .withEngine(new EngineSpec(8192, 8, true, 16, false, 0.9, PreemptionMode.RECOMPUTE, 0, true,
                        Optional.empty(), true));
        ServiceSummary rr = serve(ServingFixtures.withRouter(base, RouterKind.ROUND_ROBIN));
        ServiceSummary lor = serve(ServingFixtures.withRouter(base, RouterKind.LEAST_OUTSTANDING));
        assertTrue(lor.latency().queueS().mean() < 0.5 * rr.latency().queueS().mean(),
                "queueing: least-outstanding " + lor.latency().queueS().mean() + " s, round-robin " + rr.latency().queueS().mean());
        assertTrue(lor.latency().e2eS().p90() < rr.latency().e2eS().p90());
    }

    @Test
    void prefixAwareRoutingReusesMorePrefixesThanRoundRobin() {
        RequestStreamSpec chat = ServingFixtures.poisson(20, 2000, LengthSpec.fixed(64), LengthSpec.fixed(32));
        ServiceSpec base = ServingFixtures.withPrefix(ServingFixtures.service("prefix", ServingFixtures.model("llama3-8b"),
                1, 4, chat), new PrefixSpec(8, 2048, 1.0));
        ServiceSummary rr = serve(ServingFixtures.withRouter(base, RouterKind.ROUND_ROBIN));
        ServiceSummary aware = serve(ServingFixtures.withRouter(base, RouterKind.PREFIX_AWARE));
        assertTrue(aware.requests().prefixHitShare() > rr.requests().prefixHitShare(),
                aware.requests().prefixHitShare() + " vs " + rr.requests().prefixHitShare());
        // Every prompt is a 2,048-token prefix and 64 tokens of its own: the most a cache can save is 2048 / 2112.
        assertTrue(aware.requests().prefixHitShare() > 0.9 * 2048 / 2112.0, "" + aware.requests().prefixHitShare());
        assertTrue(aware.latency().ttftS().mean() < rr.latency().ttftS().mean());
    }

    @Test
    void sameSeedSameResults() throws Exception {
        RequestStreamSpec poisson = ServingFixtures.poisson(15, 1500, LengthSpec.lognormal(500, 1.5, 1, 4000),
                LengthSpec.lognormal(150, 1.5, 1, 2000));
        var spec = ServingFixtures.scenario(ServingFixtures.h100(1), List.of(ServingFixtures.service("d",
                ServingFixtures.model("llama3-8b"), 1, 2, poisson)), List.of(), ServingFixtures.fifo());
        RunResult a = ServingFixtures.run(spec);
        RunResult b = ServingFixtures.run(spec);
        assertEquals(ResultWriter.summaryJson(a.summary()), ResultWriter.summaryJson(b.summary()));
        assertEquals(ServingCsv.requests(a.services()), ServingCsv.requests(b.services()));
        assertEquals(ServingCsv.series(a.services()), ServingCsv.series(b.services()));
    }
}
