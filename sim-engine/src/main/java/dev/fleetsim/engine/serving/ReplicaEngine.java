package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.kernel.Simulator;
import dev.fleetsim.engine.workload.ReplicaRole;
import dev.fleetsim.engine.workload.serving.EngineSpec;
import dev.fleetsim.engine.workload.serving.PreemptionMode;

import java.util.ArrayList;
import java.util.List;

/**
 * One serving replica's engine: continuous batching at iteration level in the shape of vLLM V1
 * and Sarathi-Serve. Each iteration is one event. It is scheduled when the previous one ends:
 * <ol>
 * <li>every running decode takes one token of the budget ({@code maxBatchedTokens}) and, when its
 *     last block is full, one new KV block; when blocks run out the most recently admitted running
 *     request is preempted (recompute: its blocks are freed and it goes back to the front of the
 *     queue; swap: its blocks are copied to the host over PCIe) until the rest fit;</li>
 * <li>requests part-way through a chunked prefill continue with as many prompt tokens as the
 *     budget leaves;</li>
 * <li>waiting requests are admitted in order while the budget, {@code maxSeqs} and the free blocks
 *     allow (no preemption for admission), a cached shared prefix saving its prefill.</li>
 * </ol>
 * Without chunked prefill an iteration prefills whole prompts (first, when any fits) or decodes (vLLM
 * V0). Its time is {@link ServingModel}'s; work is O(1) for the decodes ({@link DecodeSet}) plus O(1)
 * per prefill chunk, admission and completion: never per token.
 *
 * <p>With {@code pp} stages the replica has {@code pp} schedulers ({@link Lane}s) sharing the KV
 * blocks, each with a micro-batch in flight through the {@link Pipeline}; with one stage, one lane
 * and the iteration costed whole.
 */
final class ReplicaEngine {

    private static final Request[] NONE = new Request[0];
    final String id;
    final int index;
    final ReplicaRole role;
    final ServingModel model;
    private final EngineSpec engine;
    private final Simulator sim;
    private final ReplicaListener listener;
    private final ServiceMetrics metrics;
    private final KvBlocks kv;
    private final Lane[] lanes;
    /** The stages micro-batches pass through; null with one stage. */
    private final Pipeline pipeline;
    private final ReplicaLevels levels;
    int outstanding;
    long busyNs;
    /** Micro-batches started and their tokens: what its collectives move ({@code run.ReplicaComm}). */
    final Iterated iterated = new Iterated();
    boolean accepting = true;
    private boolean stopped;
    /** Inside {@link #endIteration}: callbacks that route more requests here must not start an iteration yet. */
    private boolean ending;

    ReplicaEngine(String id, int index, ReplicaRole role, ServingModel model, Simulator sim, ReplicaListener listener,
                  ServiceMetrics metrics) {
        this.id = id;
        this.index = index;
        this.role = role;
        this.model = model;
        this.engine = model.service().engine();
        this.sim = sim;
        this.listener = listener;
        this.metrics = metrics;
        this.kv = new KvBlocks(model.memory().kvBlocks(), engine.blockTokens());
        int pp = Math.max(1, model.pp());
        this.lanes = new Lane[pp];
        for (int i = 0; i < pp; i++) {
            Lane lane = new Lane(i, engine.blockTokens());
            lane.end = s -> endIteration(lane);
            lanes[i] = lane;
        }
        this.pipeline = pp > 1 ? new Pipeline(pp) : null;
        this.levels = new ReplicaLevels(metrics.series);
        metrics.series.level(sim.nowNs(), ServingSeries.KV_TOTAL, kv.total);
    }

    long totalBlocks() {
        return kv.total;
    }

    int waitingCount() {
        return Lane.waiting(lanes);
    }

    boolean hasPrefix(int group) {
        return group >= 0 && kv.prefixes.has(group);
    }

    /** A routed request joins the queue of the lane with the fewest requests; an idle lane starts an iteration at once. */
    void enqueue(Request r, long nowNs) {
        Lane lane = Lane.lightest(lanes);
        r.replica = index;
        r.lane = lane.index;
        outstanding++;
        lane.waiting.addLast(r);
        kick(lane, nowNs);
        show(nowNs);
    }

    private void show(long nowNs) {
        levels.show(nowNs, Lane.running(lanes), Lane.waiting(lanes), kv.used(), Lane.busy(lanes));
    }

    private void kick(Lane lane, long nowNs) {
        if (lane.pending == null && !stopped && !ending) {
            startIteration(lane, nowNs);
        }
    }

    private void startIteration(Lane lane, long nowNs) {
        long j = lane.iter + 1;
        schedule(lane, j, nowNs);
        lane.measureBatch();
        int prefillTokens = lane.prefillTokens;
        double pairs = lane.prefillPairs;
        double prior = lane.prefillPrior;
        int sampled = lane.sampled;
        if (lane.batchDecodes == 0 && prefillTokens == 0) {
            show(nowNs);
            return;
        }
        double context = lane.decodes.contextAt(j);
        lane.startNs = nowNs;
        iterated.add(1, lane.batchDecodes + prefillTokens);
        if (pipeline == null) {
            double seconds = model.iterationSeconds(lane.batchDecodes, context, prefillTokens, pairs, prior, sampled)
                    + lane.extraS;
            long durationNs = Math.max(1, (long) Math.ceil(seconds * 1e9));
            lane.pending = sim.scheduleIn(durationNs, lane.end);
        } else {
            double[] part = model.stageSeconds(lane.batchDecodes, context, prefillTokens, pairs, prior, sampled);
            long endNs = pipeline.reserve(nowNs, part[3] + lane.extraS, part[0], part[1], part[2]);
            lane.busyNs = pipeline.lastOccupancyNs() / pipeline.stages();
            lane.pending = sim.schedule(endNs, lane.end);
        }
        metrics.iterationStarted(lane.running.size());
        show(nowNs);
    }

    /** Chooses the lane's iteration {@code j}: decodes, continued prefills, admissions (class comment). */
    private void schedule(Lane lane, long j, long nowNs) {
        lane.clearBatch(engine.maxBatchedTokens());
        if (!engine.chunkedPrefill() && !lane.waiting.isEmpty()) {
            admit(lane, j, nowNs, true);
            if (!lane.batch.isEmpty()) {
                return;
            }
        }
        while (lane.decodes.size() > 0) {
            int need = lane.decodes.blocksNeededAt(j);
            if (need <= kv.available()) {
                kv.take(need);
                break;
            }
            preempt(lane, lane.running.tail(), j, nowNs);
        }
        lane.decodeBlocksTaken = true;
        lane.batchDecodes = lane.decodes.size();
        lane.budget -= lane.batchDecodes;
        // Preemptions below change the list: walk a snapshot of it, and only when there is one.
        Request[] continuing = lane.prefilling.isEmpty() ? NONE : lane.prefilling.toArray(NONE);
        for (Request r : continuing) {
            if (!r.running || lane.budget <= 0) {
                continue;
            }
            int chunk = Math.min(r.prefillTarget - r.prefilled, lane.budget);
            long need = blocksFor(r, r.prefilled + chunk) - blocksFor(r, r.prefilled);
            while (need > kv.available() && lane.running.tail() != null && lane.running.tail() != r) {
                preempt(lane, lane.running.tail(), j, nowNs);
            }
            if (need > kv.available()) {
                preempt(lane, r, j, nowNs);
                continue;
            }
            kv.take(need);
            r.chunk = chunk;
            lane.batch.add(r);
            lane.budget -= chunk;
        }
        if (engine.chunkedPrefill()) {
            admit(lane, j, nowNs, false);
        }
    }

    /** Admits the lane's waiting requests in order; {@code whole}: only whole prompts (one may exceed the budget alone). */
    private void admit(Lane lane, long j, long nowNs, boolean whole) {
        while (!lane.waiting.isEmpty() && lane.running.size() < engine.maxSeqs() && lane.budget > 0) {
            Request r = lane.waiting.peekFirst();
            if (r.kvReady) {
                long need = kv.ceil(r.prefilled + 1L) - r.sharedBlocks;
                if (need > kv.available()) {
                    return;
                }
                kv.take(need);
                lane.waiting.pollFirst();
                lane.running.add(r);
                if (r.swapped) {
                    lane.extraS += model.swapSeconds(r.prefilled);
                    r.swapped = false;
                }
                r.kvReady = false;
                metrics.scheduled(r, nowNs);
                lane.decodes.add(r, j - 1);
                lane.batchDecodes++;
                lane.budget--;
                continue;
            }
            int hit = r.prefilled == 0 && engine.prefixCaching() ? kv.prefixHit(r) : 0;
            int start = Math.max(r.prefilled, hit);
            int remaining = r.prefillTarget - start;
            if (whole && remaining > lane.budget && !lane.batch.isEmpty()) {
                return;
            }
            int chunk = whole ? remaining : Math.min(remaining, lane.budget);
            long need = kv.ceil(start + chunk) - kv.ceil(start);
            if (need > kv.available()) {
                return;
            }
            if (hit > 0) {
                kv.usePrefix(r, hit);
            }
            kv.take(need);
            lane.waiting.pollFirst();
            lane.running.add(r);
            metrics.scheduled(r, nowNs);
            r.chunk = chunk;
            lane.batch.add(r);
            lane.prefilling.add(r);
            lane.budget -= chunk;
        }
    }

    private void endIteration(Lane lane) {
        long now = sim.nowNs();
        lane.pending = null;
        ending = true;
        lane.iter++;
        long j = lane.iter;
        busyNs += pipeline == null ? now - lane.startNs : lane.busyNs;
        int tokensOut = lane.batchDecodes;
        if (lane.batchDecodes > 0) {
            metrics.decodeGap(now - lane.startNs, lane.batchDecodes);
        }
        Request done;
        while (!stopped && (done = lane.decodes.pollFinished(j)) != null) {
            finish(done, j, now);
        }
        // A last completion may retire the replica from inside this loop (its deployment is done), which empties the batch.
        for (int i = 0; i < lane.batch.size() && !stopped; i++) {
            Request r = lane.batch.get(i);
            if (!r.running) {
                continue;
            }
            r.prefilled += r.chunk;
            r.chunk = 0;
            if (engine.prefixCaching()) {
                kv.cachePrefix(r);
            }
            if (r.prefilled >= r.prefillTarget) {
                tokensOut++;
                prefillDone(lane, r, j, now);
            }
        }
        lane.batch.clear();
        metrics.tokensOut(tokensOut, now);
        ending = false;
        if (outstanding == 0) {
            show(now);
            listener.idle(this, now);
        }
        kick(lane, now);
        // Blocks this lane freed may let an idle lane admit what it holds.
        for (int i = 1; i < lanes.length; i++) {
            Lane other = lanes[(lane.index + i) % lanes.length];
            if (!other.waiting.isEmpty()) {
                kick(other, now);
            }
        }
    }

    private void prefillDone(Lane lane, Request r, long j, long now) {
        lane.prefilling.remove(r);
        r.generated++;
        // A prefill replica's first token reaches the client from the decode replica, once the
        // KV cache is there (Service#sendToDecoder), as a disaggregated vLLM's proxy returns it.
        boolean handedOver = role == ReplicaRole.PREFILL && r.generated < r.output;
        if (r.firstTokenNs < 0 && !handedOver) {
            r.firstTokenNs = now;
            listener.firstToken(this, r, now);
        } else if (r.stalledSinceNs >= 0) {
            metrics.decodeGap(now - r.stalledSinceNs, 1);
        }
        r.stalledSinceNs = -1;
        if (r.generated >= r.output) {
            finish(r, j, now);
        } else if (role == ReplicaRole.PREFILL) {
            release(r, j);
            outstanding--;
            listener.prefilled(this, r, now);
        } else {
            lane.decodes.add(r, j);
        }
    }

    private void finish(Request r, long j, long now) {
        release(r, j);
        r.generated = r.output;
        outstanding--;
        listener.finished(this, r, now);
    }

    /** Takes a running request out of its lane and frees what it holds; after it, {@code r.prefilled} is its KV tokens. */
    private void release(Request r, long j) {
        Lane lane = lanes[r.lane];
        if (r.decoding) {
            lane.decodes.remove(r, lane.decodeBlocksTaken || j == lane.iter ? j : j - 1);
        } else {
            lane.prefilling.remove(r);
        }
        long tokens = r.prefilled + (long) r.chunk;
        kv.give(kv.ceil(tokens) - r.sharedBlocks);
        if (r.pinsPrefix) {
            kv.prefixes.unpin(r.prefixGroup);
            r.pinsPrefix = false;
        }
        lane.running.remove(r);
    }

    /** Preempts a running request of the lane while its iteration {@code j} is being scheduled (KV cache full). */
    private void preempt(Lane lane, Request victim, long j, long nowNs) {
        boolean wasDecoding = victim.decoding;
        if (victim.chunk > 0) {
            lane.batch.remove(victim);
            lane.budget += victim.chunk;
        }
        if (wasDecoding && lane.decodeBlocksTaken) {
            lane.batchDecodes--;
            lane.budget++;
        }
        release(victim, j);
        victim.chunk = 0;
        victim.preemptions++;
        metrics.preemptions++;
        if (victim.generated > 0) {
            victim.stalledSinceNs = nowNs;
        }
        if (engine.preemption() == PreemptionMode.SWAP && wasDecoding) {
            lane.extraS += model.swapSeconds(victim.prefilled);
            victim.swapped = true;
            victim.kvReady = true;
            victim.sharedBlocks = 0;
        } else {
            victim.resetForRecompute();
        }
        lane.waiting.addFirst(victim);
    }

    /**
     * The replica stops (preempted by the cluster, or retired): the iterations in flight are lost
     * and every request it holds is handed back, lane by lane the running ones first in admission
     * order, then the waiting ones, for the deployment to route again; their KV is gone, so each is
     * recomputed.
     */
    List<Request> stop(long nowNs) {
        stopped = true;
        List<Request> out = new ArrayList<>();
        for (Lane lane : lanes) {
            if (lane.pending != null) {
                sim.cancel(lane.pending);
                lane.pending = null;
                busyNs += pipeline == null ? nowNs - lane.startNs : Math.min(lane.busyNs, nowNs - lane.startNs);
            }
            lane.takeRunning(out);
        }
        for (Lane lane : lanes) {
            out.addAll(lane.waiting);
            lane.waiting.clear();
        }
        for (Request r : out) {
            if (r.generated > 0) {
                r.stalledSinceNs = nowNs;
            }
            r.pinsPrefix = false;
            r.resetForRecompute();
            r.replica = -1;
        }
        kv.reset();
        outstanding = 0;
        show(nowNs);
        metrics.series.level(nowNs, ServingSeries.KV_TOTAL, -kv.total);
        return out;
    }

    private long blocksFor(Request r, long tokens) {
        return kv.ceil(tokens) - r.sharedBlocks;
    }
}
