package dev.fleetsim.engine.network.flow;

import dev.fleetsim.engine.network.Clusters;
import dev.fleetsim.engine.network.collective.CollectivePhase;
import dev.fleetsim.engine.network.collective.CollectivePlanner;
import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.network.graph.Routing;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Timing harness, run on request only ({@code -Dfleetsim.bench=true}): a 16,384-GPU fabric
 * (2,048 eight-GPU nodes, 16 nodes a leaf) with 1,000 jobs running ring all-reduces on random
 * (fragmented) placements; then jobs finish and new ones start on the freed nodes, and each
 * single job start or finish is timed. It prints the median and p90 update time and checks
 * the incremental state against a full recomputation at the end. A stand-in for a JMH
 * benchmark, which needs a pom dependency this module does not have.
 */
@EnabledIfSystemProperty(named = "fleetsim.bench", matches = "true")
class FlowNetworkUpdateTiming {

    private static final int NODES = 2048;
    private static final int JOBS = 1000;
    private static final int WARMUP = 300;
    private static final int MEASURED = 1000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fat-tree 1:1, 128 spines", "3-tier, 4 pods, leaves 2:1, pods 4:1"})
    void singleJobStartAndFinish(String fabric) {
        FabricLayout layout = fabric.startsWith("fat")
                ? FabricLayout.leafSpine(128)
                : FabricLayout.leafSpine(64).withPods(32, 16, 4.0);
        double leafOversubscription = fabric.startsWith("fat") ? 1.0 : 2.0;
        NetworkGraph g = Clusters.dgx("H100-SXM", NODES, Clusters.NDR_BYTES_PER_S, 16, leafOversubscription, layout);
        CollectivePlanner planner = new CollectivePlanner(new Routing(g), CollectiveTuning.defaults());
        FlowNetwork net = new FlowNetwork(g);
        SplittableRandom rnd = new SplittableRandom(42);

        List<Integer> freeNodes = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            freeNodes.add(n);
        }
        shuffle(freeNodes, rnd);
        List<int[]> jobNodes = new ArrayList<>();
        List<int[]> jobFlows = new ArrayList<>();
        long key = 0;
        for (int j = 0; j < JOBS; j++) {
            int[] nodes = take(freeNodes, jobSizeNodes(rnd));
            jobNodes.add(nodes);
            jobFlows.add(start(net, planner, nodes, key++ << 20).addedFlowIds());
        }
        int flows = net.activeFlowCount();

        long[] finishNs = new long[MEASURED];
        long[] startNs = new long[MEASURED];
        long resolved = 0;
        boolean[] multiNode = new boolean[MEASURED];
        for (int e = 0; e < WARMUP + MEASURED; e++) {
            int victim = rnd.nextInt(JOBS);
            boolean victimMulti = jobNodes.get(victim).length > 1;
            long t0 = System.nanoTime();
            net.removeFlows(jobFlows.get(victim));
            long t1 = System.nanoTime();
            for (int n : jobNodes.get(victim)) {
                freeNodes.add(n);
            }
            shuffle(freeNodes, rnd);
            int[] nodes = take(freeNodes, jobSizeNodes(rnd));
            long t2 = System.nanoTime();
            RateUpdate up = start(net, planner, nodes, key++ << 20);
            long t3 = System.nanoTime();
            jobNodes.set(victim, nodes);
            jobFlows.set(victim, up.addedFlowIds());
            if (e >= WARMUP) {
                finishNs[e - WARMUP] = t1 - t0;
                multiNode[e - WARMUP] = victimMulti;
                startNs[e - WARMUP] = t3 - t2;
                resolved += up.flowsResolved();
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d GPUs, %d links, %d jobs, %d flows; job finish median %.3f ms p90 %.3f ms;"
                        + " job start (routing + planning + update) median %.3f ms p90 %.3f ms; mean flows re-solved per start %d%n",
                fabric, g.gpuCount(), g.linkCount(), JOBS, flows, pct(finishNs, 50), pct(finishNs, 90),
                pct(startNs, 50), pct(startNs, 90), resolved / MEASURED);

        long[] multiFinish = java.util.stream.IntStream.range(0, MEASURED).filter(i -> multiNode[i])
                .mapToLong(i -> finishNs[i]).toArray();
        System.out.printf(Locale.ROOT, "%s: finish of multi-node jobs only (%d events): median %.3f ms p90 %.3f ms%n",
                fabric, multiFinish.length, pct(multiFinish, 50), pct(multiFinish, 90));

        int[] ids = net.activeFlowIds();
        double[] incremental = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            incremental[i] = net.rateBytesPerS(ids[i]);
        }
        long f0 = System.nanoTime();
        net.recomputeAll();
        System.out.printf(Locale.ROOT, "%s: one full recomputation for comparison: %.3f ms%n", fabric,
                (System.nanoTime() - f0) / 1e6);
        for (int i = 0; i < ids.length; i++) {
            assertEquals(net.rateBytesPerS(ids[i]), incremental[i], 1e-6 * incremental[i], "flow " + ids[i]);
        }
    }

    /** Jobs of 1, 2 or 4 nodes (8, 16, 32 GPUs) in proportions 50/30/20 %. */
    private static int jobSizeNodes(SplittableRandom rnd) {
        int p = rnd.nextInt(10);
        return p < 5 ? 1 : p < 8 ? 2 : 4;
    }

    private static RateUpdate start(FlowNetwork net, CollectivePlanner planner, int[] nodes, long flowKeyBase) {
        int[] gpus = new int[nodes.length * 8];
        for (int i = 0; i < nodes.length; i++) {
            for (int k = 0; k < 8; k++) {
                gpus[i * 8 + k] = nodes[i] * 8 + k;
            }
        }
        CollectivePhase ph = planner.ringAllReduce(gpus, 1L << 30, flowKeyBase).phases().get(0);
        return net.addFlows(ph.paths(), ph.demandCapsBytesPerS());
    }

    private static int[] take(List<Integer> free, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = free.remove(free.size() - 1);
        }
        Arrays.sort(out);
        return out;
    }

    private static void shuffle(List<Integer> list, SplittableRandom rnd) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            list.set(i, list.set(j, list.get(i)));
        }
    }

    private static double pct(long[] ns, int p) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, s.length * p / 100)] / 1e6;
    }
}
