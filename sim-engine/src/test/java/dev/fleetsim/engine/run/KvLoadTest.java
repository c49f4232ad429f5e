package dev.fleetsim.engine.run;

import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.ServiceSummary;
import dev.fleetsim.engine.scenario.NetworkMode;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.engine.workload.serving.ArrivalProcess;
import dev.fleetsim.engine.workload.serving.ArrivalSpec;
import dev.fleetsim.engine.workload.serving.DisaggregationSpec;
import dev.fleetsim.engine.workload.serving.EngineSpec;
import dev.fleetsim.engine.workload.serving.LengthSpec;
import dev.fleetsim.engine.workload.serving.QuantFormat;
import dev.fleetsim.engine.workload.serving.RequestStreamSpec;
import dev.fleetsim.engine.workload.serving.RouterKind;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import dev.fleetsim.engine.workload.serving.ServingMode;
import dev.fleetsim.engine.workload.serving.SloSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * KV moves of a disaggregated deployment load the shared network, and a training job beside them
 * slows down, by hand. The fabric of {@code NetworkCouplingTest}: four one-GPU H100 nodes with one
 * 400 Gb/s NIC each, two nodes a leaf, one spine, leaves 4:1, so a leaf up-link carries
 * {@code U = 2 × 47 / 4 = 23.5 / 2 = 11.75 GB/s}. The training job (gpt-1.3b, data-parallel on GPUs
 * 0 and 2, no DP overlap) runs a ring of two flows, 0→2 up leaf0's up-link and down spine→leaf1,
 * 2→0 the other way; its all-reduce bursts for {@code τ = S / U} an iteration of {@code T}.
 *
 * <p>A Llama-3-8B service disaggregated into a prefill replica on GPU 1 (leaf 0) and a decode
 * replica on GPU 3 (leaf 1) moves each 1,000-token prompt's KV cache, 1,000 × 131,072 B =
 * 131.072 MB (32 layers × 8 KV heads × 128 × K and V × 2 B a token), from GPU 1 to GPU 3: up
 * leaf0's up-link and down spine→leaf1, the links of the ring's flow 0→2. Requests arrive every
 * 100 ms (gamma gaps, cv 0.001): 600 moves in every 60-s window of the service (its tick without an
 * autoscaler), registered for the next window as {@code Λ = 600 × 131.072 MB / 60 s = 1.31072 GB/s}
 * on each link of the route ({@link KvLoad}). During the ring's burst the flow 0→2 then expects
 * {@code D + Λ = U + Λ} on both links and gets the share {@code U / (U + Λ)}: the burst lasts
 * {@code τ (1 + Λ / U)}, and the iteration {@code T + τ Λ / U}, as long as the averages fit
 * ({@code S / T + Λ ≤ U}: no average-demand bound).
 */
class KvLoadTest {
    private static final double UPLINK = FabricFixtures.UPLINK;
    private static final double KV_BYTES_PER_TOKEN = 32 * 8 * 128 * 2 * 2;
    private static final Map<String, int[]> PLACED = Map.of("train", new int[] {0, 2}, "pd/prefill-0", new int[] {1},
            "pd/decode-0", new int[] {3}, "pd/replica-0", new int[] {1});
    /** The training job starts after the service's first two windows and ends within its stream. */
    private static final long TRAIN_SUBMIT_NS = 125_000_000_000L;

    private static TrainingJobSpec train(long iterations) {
        return FabricFixtures.train(iterations, TRAIN_SUBMIT_NS);
    }

    /** Llama-3-8B on one GPU a replica, a request every {@code 1 / rate} s, {@code prompt} tokens, 4 out. */
    private static ServiceSpec service(double ratePerS, long count, int prompt, boolean disaggregated) {
        RequestStreamSpec requests = new RequestStreamSpec(new ArrivalSpec(ArrivalProcess.GAMMA, ratePerS, 0.001,
                Optional.empty(), Optional.empty()), OptionalLong.of(count), OptionalLong.empty(), LengthSpec.fixed(prompt),
                LengthSpec.fixed(4), Optional.empty());
        return new ServiceSpec("pd", "default", 0, 0, ModelCatalog.find("llama3-8b").orElseThrow(), QuantFormat.BF16,
                QuantFormat.BF16, 1, 1, Optional.empty(), disaggregated ? 0 : 1, Optional.empty(),
                disaggregated ? Optional.of(new DisaggregationSpec(1, 1)) : Optional.empty(), EngineSpec.VLLM,
                RouterKind.LEAST_OUTSTANDING, requests, SloSpec.DEFAULT, ServingMode.ITERATION,
                ServiceSpec.DEFAULT_SAMPLE_REQUESTS);
    }

    @Test
    void aTrainingJobBesideTheMovesSlowsByTheirShareOfItsBursts() {
        double[] ts = FabricFixtures.idleTimeAndBytes();
        double tau = ts[1] / UPLINK;
        double lambda = 600 * 1000 * KV_BYTES_PER_TOKEN / 60;
        assertEquals(1.31072e9, lambda, 1);
        assertTrue(ts[1] / ts[0] + lambda <= UPLINK, "the averages fit: the bursts alone slow the job");
        double paced = ts[0] + tau * lambda / UPLINK;
        long iterations = (long) (150 / paced);

        RunResult r = run(List.of(service(10, 4000, 1000, true)), List.of(train(iterations)), NetworkMode.FLOW);
        JobRecord job = record(r, "train");
        System.out.printf("T %.5f s, tau %.5f s, paced %.5f s (+%.2f %%), %d iterations; record %.5f s%n", ts[0], tau, paced,
                100 * (paced / ts[0] - 1), iterations, job.iterationTimeS());
        assertEquals(iterations * paced, (job.endNs().getAsLong() - job.startNs().getAsLong()) / 1e9, 1e-6);
        assertEquals(paced, job.iterationTimeS(), 1e-9, "the record shows the slowed iteration");
        assertTrue(paced > 1.02 * ts[0], "a visible slow-down: " + paced / ts[0]);

        // The moves' own link (GPU 1's NIC to its leaf) carries only them: each window's bytes
        // one window late. Windows end at 60, 120, ... s; the stream's 4,000 requests arrive in
        // 400 s and the prefill replica stops when the last is done, in the window from 360 s:
        // [60, 360) carries the moves of [0, 300), 3,000 of them, and [360, stop) some of [300, 360)'s.
        double carried = NetworkCouplingTest.link(r, "nic1->leaf0").bytes();
        double move = 1000 * KV_BYTES_PER_TOKEN;
        assertTrue(carried >= 3000 * move * (1 - 1e-9), carried / move + " moves");
        assertTrue(carried <= 3600 * move * (1 + 1e-9), carried / move + " moves");
        ServiceSummary s = r.summary().services().get(0);
        assertEquals(4000, s.requests().kvTransfers());
        // No event of its own, and the same load every window re-paces nobody: the registration is
        // added at 60 s, replaced at 120 ... 360 s (a removal and an addition each) and removed when
        // the prefill replica stops; the job's start and stop are the other two updates.
        System.out.printf("network updates %d, rate changes %d, events %d%n", r.summary().kernel().networkUpdates(),
                r.summary().kernel().rateChanges(), r.summary().kernel().events());
        assertEquals(1 + 5 * 2 + 1 + 2, r.summary().kernel().networkUpdates());
        assertEquals(1, r.summary().kernel().rateChanges(), "the job is paced beside the moves at its start, then keeps it");
    }

    @Test
    void theLoadFollowsTheMovesOneWindowLate() {
        // The job starts with the stream: in the first window nothing is registered yet, so it runs
        // its first 60 s at its idle pace and the rest at the paced one. An oracle registering the
        // moves as they happen would have slowed those 60 s too: their 60 / T iterations would have
        // taken 60 paced / T s, so the lag is worth 60 s × (paced / T − 1) of the JCT at most, one
        // window's difference of pace, whatever the run's length.
        double[] ts = FabricFixtures.idleTimeAndBytes();
        double paced = ts[0] + ts[1] / UPLINK * (600 * 1000 * KV_BYTES_PER_TOKEN / 60) / UPLINK;
        long iterations = 2000;
        TrainingJobSpec atZero = FabricFixtures.train(iterations, 0);
        double jct = jct(run(List.of(service(10, 4000, 1000, true)), List.of(atZero), NetworkMode.FLOW));
        double lag = 60 * (paced / ts[0] - 1);
        System.out.printf("JCT %.3f s; paced throughout %.3f s; one window's lag at most %.3f s%n", jct,
                iterations * paced, lag);
        assertTrue(jct <= iterations * paced + 1e-6, "never slower than paced from the first move");
        // (1 % more: the first window holds 599 moves, the first request arriving a gap after 0.)
        assertTrue(jct >= iterations * paced - lag * 1.01, "the lag costs at most one window");
        assertTrue(jct > iterations * ts[0] + 0.5 * (iterations * paced - iterations * ts[0]), "most of the slow-down is there");
    }

    @Test
    void moreKvTrafficNeverSpeedsTheTrainingJob() {
        double previous = 0;
        for (int prompt : new int[] {250, 500, 1000, 2000}) {
            double jct = jct(run(List.of(service(10, 4000, prompt, true)), List.of(train(2000)), NetworkMode.FLOW));
            assertTrue(jct >= previous, prompt + " tokens: " + jct + " s after " + previous + " s");
            previous = jct;
        }
        double previousRate = 0;
        for (double rate : new double[] {2, 5, 10}) {
            double jct = jct(run(List.of(service(rate, (long) (400 * rate), 1000, true)), List.of(train(2000)),
                    NetworkMode.FLOW));
            assertTrue(jct >= previousRate, rate + " req/s: " + jct + " s after " + previousRate + " s");
            previousRate = jct;
        }
    }

    @Test
    void withoutDisaggregationOrOnTheAnalyticNetworkTheTrainingJobIsUntouched() {
        RunResult alone = run(List.of(), List.of(train(2000)), NetworkMode.FLOW);
        RunResult colocated = run(List.of(service(10, 4000, 1000, false)), List.of(train(2000)), NetworkMode.FLOW);
        assertEquals(record(alone, "train").endNs(), record(colocated, "train").endNs(), "bit for bit");
        assertEquals(record(alone, "train").iterationTimeS(), record(colocated, "train").iterationTimeS());
        assertEquals(alone.summary().kernel().networkUpdates(), colocated.summary().kernel().networkUpdates());
        assertEquals(alone.summary().kernel().rateChanges(), colocated.summary().kernel().rateChanges());

        RunResult analyticAlone = run(List.of(), List.of(train(2000)), NetworkMode.ANALYTIC);
        RunResult analyticMoves = run(List.of(service(10, 4000, 1000, true)), List.of(train(2000)), NetworkMode.ANALYTIC);
        assertEquals(record(analyticAlone, "train").endNs(), record(analyticMoves, "train").endNs());
    }

    @Test
    void theLoadIsDeterministic() {
        List<ServiceSpec> services = List.of(service(10, 4000, 1000, true));
        RunResult a = run(services, List.of(train(2000)), NetworkMode.FLOW);
        RunResult b = run(services, List.of(train(2000)), NetworkMode.FLOW);
        assertEquals(a.summary(), b.summary());
        assertEquals(a.jobs(), b.jobs());
        assertEquals(a.links(), b.links());
    }

    private static double jct(RunResult r) {
        return FabricFixtures.jct(r, "train");
    }

    private static JobRecord record(RunResult r, String id) {
        return FabricFixtures.record(r, id);
    }

    private static RunResult run(List<ServiceSpec> services, List<TrainingJobSpec> jobs, NetworkMode mode) {
        return FabricFixtures.run(FabricFixtures.CLUSTER, PLACED, services, jobs, mode);
    }
}
