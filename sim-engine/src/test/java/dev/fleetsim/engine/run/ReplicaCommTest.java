package dev.fleetsim.engine.run;

import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.scenario.NetworkMode;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.engine.workload.serving.ArrivalProcess;
import dev.fleetsim.engine.workload.serving.ArrivalSpec;
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
 * A serving replica whose tensor-parallel group spans nodes loads the shared fabric beside the
 * training jobs, and is slowed by them ({@link ReplicaComm}), by hand on the fabric of
 * {@code KvLoadTest}: four one-GPU H100 nodes, two a leaf, leaves 4:1 (up-link {@code U} =
 * 11.75 GB/s); gpt-1.3b data-parallel on GPUs 0 and 2 (idle iteration {@code T}, ring burst
 * {@code τ = S / U}); a Llama-3-8B replica of {@code tp: 2} on GPUs 1 and 3, so its ring's flow
 * 1→3 takes leaf 0's up-link and spine→leaf 1, the links of the training ring's flow 0→2.
 *
 * <p>Each iteration of the replica all-reduces {@code tokens × 4,096 × 2 B} twice in each of its
 * 32 layers; on two ranks a ring flow carries {@code 2 (n − 1) / n = 1} buffer. A request of
 * {@code P} prompt and {@code O} output tokens passes {@code P + O − 1} tokens through the
 * iterations (its prompt once, then one token a decode step after the first), so a steady stream
 * of {@code r} requests a second registers, a window late, {@code Λ = r (P + O − 1) × 64 × 8,192 B/s}
 * on each link of that route. The training burst then gets {@code U / (U + Λ)}: its iteration is
 * {@code T + τ Λ / U} while the averages fit ({@code S / T + Λ ≤ U}).
 */
class ReplicaCommTest {
    private static final double UPLINK = FabricFixtures.UPLINK;
    private static final ClusterSpec CLUSTER = FabricFixtures.CLUSTER;
    /** Two-GPU nodes: the replica's two ranks on one node's NVLink. */
    private static final ClusterSpec NVLINK_CLUSTER = new ClusterSpec(
            List.of(new NodeGroupSpec("n", "H100-SXM", 4, 2, 1, FabricFixtures.NIC)), new FabricSpec(2, 4.0, 5_000, 1_000));
    private static final double ALL_REDUCE_BYTES_PER_TOKEN = 2 * 32 * 4096 * 2;
    private static final long TRAIN_SUBMIT_NS = 125_000_000_000L;
    private static final int PROMPT = 1000;
    private static final int OUTPUT = 4;

    private static TrainingJobSpec train(long iterations) {
        return FabricFixtures.train(iterations, TRAIN_SUBMIT_NS);
    }

    private static ServiceSpec service(double ratePerS, long count) {
        RequestStreamSpec requests = new RequestStreamSpec(new ArrivalSpec(ArrivalProcess.GAMMA, ratePerS, 0.001,
                Optional.empty(), Optional.empty()), OptionalLong.of(count), OptionalLong.empty(), LengthSpec.fixed(PROMPT),
                LengthSpec.fixed(OUTPUT), Optional.empty());
        return new ServiceSpec("chat", "default", 0, 0, ModelCatalog.find("llama3-8b").orElseThrow(), QuantFormat.BF16,
                QuantFormat.BF16, 2, 1, Optional.empty(), 1, Optional.empty(), Optional.empty(), EngineSpec.VLLM,
                RouterKind.LEAST_OUTSTANDING, requests, SloSpec.DEFAULT, ServingMode.ITERATION,
                ServiceSpec.DEFAULT_SAMPLE_REQUESTS);
    }

    @Test
    void aTrainingJobBesideAReplicaSpanningNodesSlowsByItsShareOfTheBursts() {
        double[] ts = FabricFixtures.idleTimeAndBytes();
        double tau = ts[1] / UPLINK;
        double rate = 4;
        double lambda = rate * (PROMPT + OUTPUT - 1) * ALL_REDUCE_BYTES_PER_TOKEN;
        assertEquals(2.1035e9, lambda, 1e6);
        assertTrue(ts[1] / ts[0] + lambda <= UPLINK, "the averages fit: the bursts alone slow the job");
        double paced = ts[0] + tau * lambda / UPLINK;
        long iterations = 1000;
        RunResult r = run(CLUSTER, Map.of("train", new int[] {0, 2}, "chat/replica-0", new int[] {1, 3}),
                List.of(service(rate, 2400)), List.of(train(iterations)));
        JobRecord job = record(r, "train");
        System.out.printf("idle %.5f s, paced by hand %.5f s, run %.5f s%n", ts[0], paced, job.iterationTimeS());
        assertEquals(paced, job.iterationTimeS(), 0.01 * (paced - ts[0]), "T + tau Lambda / U, within 1 % of the slow-down");
        assertTrue(paced > 1.05 * ts[0], "a visible slow-down: " + paced / ts[0]);
    }

    @Test
    void theLoadFollowsTheReplicaOneWindowLateAndTheLagIsBounded() {
        // Training and serving start together: the replica's first 60-s window is not registered
        // yet, so the job runs it at its idle pace. An oracle registering the replica's traffic as it
        // happens would have paced those 60 s too: the lag is worth 60 s × (paced / T − 1) of the
        // JCT at most, whatever the run's length (as KvLoadTest holds for KV moves).
        double[] ts = FabricFixtures.idleTimeAndBytes();
        double paced = ts[0] + ts[1] / UPLINK * (4 * (PROMPT + OUTPUT - 1) * ALL_REDUCE_BYTES_PER_TOKEN) / UPLINK;
        long iterations = 1500;
        TrainingJobSpec atZero = FabricFixtures.train(iterations, 0);
        double jct = FabricFixtures.jct(run(CLUSTER, Map.of("train", new int[] {0, 2}, "chat/replica-0", new int[] {1, 3}),
                List.of(service(4, 2400)), List.of(atZero)), "train");
        double lag = 60 * (paced / ts[0] - 1);
        assertTrue(jct <= iterations * paced * (1 + 1e-6), "never slower than paced from the start: " + jct);
        // (1 % more: the first window's first request arrives a gap after 0.)
        assertTrue(jct >= iterations * paced - lag * 1.01, "the lag costs at most one window: " + jct);
        assertTrue(jct > iterations * ts[0] + 0.5 * iterations * (paced - ts[0]), "most of the slow-down is there");
    }

    @Test
    void theFluidModeLoadsTheFabricAlike() {
        // The fluid replica serves the 4 requests/s at its steady state: the same tokens a second,
        // the same Lambda, the same paced iteration.
        double[] ts = FabricFixtures.idleTimeAndBytes();
        double paced = ts[0] + ts[1] / UPLINK * (4 * (PROMPT + OUTPUT - 1) * ALL_REDUCE_BYTES_PER_TOKEN) / UPLINK;
        RunResult r = run(CLUSTER, Map.of("train", new int[] {0, 2}, "chat/replica-0", new int[] {1, 3}),
                List.of(service(4, 2400).withMode(ServingMode.FLUID)), List.of(train(1000)));
        assertEquals(paced, record(r, "train").iterationTimeS(), 0.01 * (paced - ts[0]));
    }

    @Test
    void theReplicaIsSlowedByTheTrainingJobBesideIt() {
        Map<String, int[]> placed = Map.of("train", new int[] {0, 2}, "chat/replica-0", new int[] {1, 3});
        var alone = run(CLUSTER, placed, List.of(service(4, 2400)), List.of()).summary().services().get(0);
        var beside = run(CLUSTER, placed, List.of(service(4, 2400)), List.of(train(100_000))).summary().services().get(0);
        System.out.printf("TTFT mean alone %.4f s, beside %.4f s; TPOT %.5f / %.5f s%n", alone.latency().ttftS().mean(),
                beside.latency().ttftS().mean(), alone.latency().tpotS().mean(), beside.latency().tpotS().mean());
        // A 1,000-token prefill all-reduces 8.2 MB 64 times across the up-link; beside the ring
        // (average load S / T) it gets U / (U + S / T) of it.
        assertTrue(beside.latency().ttftS().mean() > 1.1 * alone.latency().ttftS().mean(), "prefill slowed");
        assertTrue(beside.latency().tpotS().mean() >= alone.latency().tpotS().mean(), "decodes never faster");
    }

    @Test
    void aReplicaInsideANodeLoadsNothingAndTheEventCountDoesNotGrowWithIterations() {
        // tp 2 on the two GPUs of node 1 (NVLink): the training job on nodes 0 and 2 runs as alone.
        Map<String, int[]> inNode = Map.of("train", new int[] {0, 4}, "chat/replica-0", new int[] {2, 3});
        RunResult alone = run(NVLINK_CLUSTER, inNode, List.of(), List.of(train(1000)));
        RunResult beside = run(NVLINK_CLUSTER, inNode, List.of(service(4, 2400)), List.of(train(1000)));
        assertEquals(record(alone, "train").endNs(), record(beside, "train").endNs(), "bit for bit");
        assertEquals(alone.summary().kernel().networkUpdates(), beside.summary().kernel().networkUpdates());
        // Across nodes: two updates a window (a removal and an addition) whatever the request rate,
        // so twice the rate (twice the iterations and tokens) costs the same updates.
        Map<String, int[]> across = Map.of("train", new int[] {0, 2}, "chat/replica-0", new int[] {1, 3});
        RunResult slow = run(CLUSTER, across, List.of(service(2, 1200)), List.of(train(1000)));
        RunResult fast = run(CLUSTER, across, List.of(service(4, 2400)), List.of(train(1000)));
        assertEquals(slow.summary().kernel().networkUpdates(), fast.summary().kernel().networkUpdates());
        assertTrue(fast.summary().kernel().networkUpdates() > alone.summary().kernel().networkUpdates());
        assertEquals(fast.summary(), run(CLUSTER, across, List.of(service(4, 2400)), List.of(train(1000))).summary(),
                "deterministic");
    }

    private static JobRecord record(RunResult r, String id) {
        return FabricFixtures.record(r, id);
    }

    private static RunResult run(ClusterSpec cluster, Map<String, int[]> placed, List<ServiceSpec> services,
                                 List<TrainingJobSpec> jobs) {
        return FabricFixtures.run(cluster, placed, services, jobs, NetworkMode.FLOW);
    }
}
