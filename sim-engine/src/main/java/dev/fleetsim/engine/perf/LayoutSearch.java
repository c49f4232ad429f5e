package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.network.CollectiveModel;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * The best parallel layouts for a job's model, global batch and precision on {@code gpus} GPUs
 * of a cluster: a search over TP × PP × virtual stages × CP × EP × DP × micro-batch × recompute ×
 * ZeRO stage, each layout placed packed on the first GPUs of the cluster (TP innermost) and costed
 * by the step-time model with the analytic collectives. A layout is valid when its degrees divide
 * what they split (heads by TP, GPUs by TP·CP·PP, global batch by DP·micro-batch, experts by EP,
 * the sequence into 2·CP chunks, at most one model chunk per layer) and its memory fits. Ranked
 * by tokens/s/GPU, ties by fewer GPUs' worth of communication (then the candidate order), so the
 * result is deterministic.
 *
 * <p>Pruning: TP stays inside a node (a TP group across nodes is never faster), a layout's memory
 * is checked before it is costed, and a layout is costed only when its compute alone
 * ({@link TrainingPerfModel#compute}) could still beat the current k-th best; for each
 * (TP, PP, v, CP, EP, micro-batch) the cheaper recompute modes are tried first and the more
 * expensive ones only when memory demands them.
 */
public final class LayoutSearch {

    /** Micro-batch sizes tried (those dividing the per-replica batch). */
    static final int[] MICRO_BATCHES = {1, 2, 4, 8, 16};
    /** Virtual stages tried with a pipeline. */
    static final int[] VIRTUAL_STAGES = {1, 2, 3, 4, 5, 6, 8, 10, 12, 16};
    /** ZeRO stages tried: plain data parallelism, the distributed optimizer, FSDP. */
    static final int[] ZERO_STAGES = {1, 0, 3};

    /** One evaluated layout. */
    public record Candidate(TrainingJobSpec job, StepEstimate estimate) {
        public double tokensPerSecondPerGpu() {
            return estimate.tokensPerSecondPerGpu();
        }
    }

    /**
     * The outcome: the best layouts, best first, and how much was looked at.
     *
     * @param best up to {@code limit} valid layouts, best first
     * @param enumerated layouts whose degrees divide what they split
     * @param refusedForMemory of which did not fit in memory
     * @param pruned of the fitting ones, skipped because their compute alone could not make the list
     * @param costed fully costed (compute and communication)
     */
    public record Result(List<Candidate> best, long enumerated, long refusedForMemory, long pruned, long costed) {
    }

    private final TrainingPerfModel model = new TrainingPerfModel();

    /**
     * The {@code limit} best layouts of {@code job}'s model and batch on {@code gpus} GPUs of
     * {@code topology} (from GPU 0, which must be of one type); {@code cancelled} is polled.
     */
    public Result search(TrainingJobSpec job, Topology topology, int gpus, int limit, BooleanSupplier cancelled) {
        if (gpus < 1 || gpus > topology.gpuCount()) {
            throw new IllegalArgumentException("search over " + gpus + " GPUs; the cluster has " + topology.gpuCount());
        }
        int[] placement = new int[gpus];
        for (int i = 0; i < gpus; i++) {
            placement[i] = i;
        }
        GpuSpec gpu = topology.gpuSpecOf(0);
        int nodeSize = topology.nodeOfGpu(0).gpuCount();
        CollectiveModel collectives = new AnalyticCollectiveModel(topology);
        ModelSpec m = job.model();
        PriorityQueue<Candidate> top = new PriorityQueue<>(ORDER.reversed());
        long enumerated = 0;
        long refused = 0;
        long pruned = 0;
        long costed = 0;
        int experts = m.moe().map(e -> e.experts()).orElse(1);
        for (int tp : divisors(gpus)) {
            if (tp > nodeSize || m.heads() % tp != 0) {
                continue;
            }
            for (int cp : divisors(gpus / tp)) {
                if (cp > 1 && m.seqLength() % (2 * cp) != 0) {
                    continue;
                }
                for (int pp : divisors(gpus / (tp * cp))) {
                    if (!ParallelismSpec.chunksFit(pp, m.layers())) {
                        continue;
                    }
                    int dp = gpus / (tp * cp * pp);
                    if (job.globalBatchSeqs() % dp != 0) {
                        continue;
                    }
                    for (int v : VIRTUAL_STAGES) {
                        if (v > 1 && (pp == 1 || !ParallelismSpec.chunksFit(pp * v, m.layers()))) {
                            continue;
                        }
                        for (int ep : divisors(tp * cp * dp)) {
                            if (ep > 1 && (experts % ep != 0)) {
                                continue;
                            }
                            if (m.moe().isEmpty() && ep > 1) {
                                break;
                            }
                            ParallelismSpec par = new ParallelismSpec(tp, pp, dp, v, cp, ep, 1, OptionalInt.empty(),
                                    OptionalInt.empty());
                            for (int mb : MICRO_BATCHES) {
                                if ((job.globalBatchSeqs() / dp) % mb != 0) {
                                    continue;
                                }
                                for (int zero : ZERO_STAGES) {
                                    if (zero == 0 && dp * cp == 1 || zero == 3 && pp > 1) {
                                        continue;
                                    }
                                    for (Recompute r : Recompute.values()) {
                                        if (cancelled.getAsBoolean()) {
                                            return result(top, enumerated, refused, pruned, costed);
                                        }
                                        enumerated++;
                                        TrainingJobSpec candidate = job.withLayout(par, mb, r, zero);
                                        if (!MemoryModel.memory(candidate, gpu).fits()) {
                                            refused++;
                                            continue;
                                        }
                                        IterationCompute c = model.compute(candidate, topology, placement);
                                        if (top.size() >= limit) {
                                            double bound = candidate.tokensPerIteration() / (c.computeS() + c.otherS()) / gpus;
                                            if (bound <= top.peek().tokensPerSecondPerGpu()) {
                                                pruned++;
                                                // A costlier recompute mode only adds compute: skip it too.
                                                break;
                                            }
                                        }
                                        costed++;
                                        StepEstimate e = model.estimate(candidate, topology, collectives, placement, c);
                                        top.add(new Candidate(candidate, e));
                                        if (top.size() > limit) {
                                            top.poll();
                                        }
                                        // The first recompute mode that fits is the fastest of the three.
                                        break;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return result(top, enumerated, refused, pruned, costed);
    }

    /** Best first: more tokens/s/GPU, then fewer model chunks and smaller degrees (a simpler layout). */
    private static final Comparator<Candidate> ORDER = Comparator
            .comparingDouble((Candidate c) -> -c.tokensPerSecondPerGpu())
            .thenComparingInt(c -> c.job().parallelism().tp())
            .thenComparingInt(c -> c.job().parallelism().pp())
            .thenComparingInt(c -> c.job().parallelism().virtualStages())
            .thenComparingInt(c -> c.job().parallelism().cp())
            .thenComparingInt(c -> c.job().parallelism().ep())
            .thenComparingInt(c -> c.job().microBatchSeqs())
            .thenComparingInt(c -> c.job().recompute().ordinal())
            .thenComparingInt(c -> c.job().zeroStage());

    private static Result result(PriorityQueue<Candidate> top, long enumerated, long refused, long pruned, long costed) {
        List<Candidate> best = new ArrayList<>(top);
        best.sort(ORDER);
        return new Result(List.copyOf(best), enumerated, refused, pruned, costed);
    }

    /** The divisors of {@code n} in increasing order. */
    static List<Integer> divisors(int n) {
        List<Integer> small = new ArrayList<>();
        List<Integer> large = new ArrayList<>();
        for (int d = 1; (long) d * d <= n; d++) {
            if (n % d == 0) {
                small.add(d);
                if (d != n / d) {
                    large.add(0, n / d);
                }
            }
        }
        small.addAll(large);
        return small;
    }
}
