package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.kernel.EventHandle;
import dev.fleetsim.engine.kernel.Simulator;
import dev.fleetsim.engine.workload.ReplicaRole;
import dev.fleetsim.engine.workload.serving.EngineSpec;
import dev.fleetsim.engine.workload.serving.PreemptionMode;

import java.util.ArrayDeque;
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
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private final List<Request> prefilling = new ArrayList<>();
    private final DecodeSet decodes;
    private final RunningList running = new RunningList();
    private long iter;
    private EventHandle pending;
    private long startNs;
    // the iteration in flight
    private final List<Request> batch = new ArrayList<>();
    private int batchDecodes;
    private int budget;
    private double extraS;
    private boolean decodeBlocksTaken;
    private final ReplicaLevels levels;
    int outstanding;
    long busyNs;
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
        this.decodes = new DecodeSet(engine.blockTokens());
        this.levels = new ReplicaLevels(metrics.series);
        metrics.series.level(sim.nowNs(), ServingSeries.KV_TOTAL, kv.total);
    }

    long totalBlocks() {
        return kv.total;
    }

    int waitingCount() {
        return waiting.size();
    }

    boolean hasPrefix(int group) {
        return group >= 0 && kv.prefixes.has(group);
    }

    /** A routed request joins the queue; an idle replica starts an iteration at once. */
    void enqueue(Request r, long nowNs) {
        r.replica = index;
        outstanding++;
        waiting.addLast(r);
        kick(nowNs);
        levels.show(nowNs, running.size(), waiting.size(), kv.used(), pending != null);
    }

    private void kick(long nowNs) {
        if (pending == null && !stopped && !ending) {
            startIteration(nowNs);
        }
    }

    private void startIteration(long nowNs) {
        long j = iter + 1;
        schedule(j, nowNs);
        int prefillTokens = 0;
        double pairs = 0;
        double prior = 0;
        int sampled = batchDecodes;
        for (Request r : batch) {
            prefillTokens += r.chunk;
            pairs += (double) r.chunk * r.prefilled + r.chunk * (r.chunk + 1.0) / 2;
            prior += r.prefilled;
            if (r.prefilled + r.chunk >= r.prefillTarget) {
                sampled++;
            }
        }
        if (batchDecodes == 0 && prefillTokens == 0) {
            levels.show(nowNs, running.size(), waiting.size(), kv.used(), pending != null);
            return;
        }
        double seconds = model.iterationSeconds(batchDecodes, decodes.contextAt(j), prefillTokens, pairs, prior, sampled)
                + extraS;
        long durationNs = Math.max(1, (long) Math.ceil(seconds * 1e9));
        startNs = nowNs;
        pending = sim.scheduleIn(durationNs, s -> endIteration());
        metrics.iterationStarted(running.size());
        levels.show(nowNs, running.size(), waiting.size(), kv.used(), pending != null);
    }

    /** Chooses iteration {@code j}'s batch: decodes, continued prefills, admissions (class comment). */
    private void schedule(long j, long nowNs) {
        batch.clear();
        batchDecodes = 0;
        budget = engine.maxBatchedTokens();
        extraS = 0;
        decodeBlocksTaken = false;
        if (!engine.chunkedPrefill() && !waiting.isEmpty()) {
            admit(j, nowNs, true);
            if (!batch.isEmpty()) {
                return;
            }
        }
        while (decodes.size() > 0) {
            int need = decodes.blocksNeededAt(j);
            if (need <= kv.available()) {
                kv.take(need);
                break;
            }
            preempt(running.tail(), j, nowNs);
        }
        decodeBlocksTaken = true;
        batchDecodes = decodes.size();
        budget -= batchDecodes;
        // Preemptions below change the list: walk a snapshot of it, and only when there is one.
        Request[] continuing = prefilling.isEmpty() ? NONE : prefilling.toArray(NONE);
        for (Request r : continuing) {
            if (!r.running || budget <= 0) {
                continue;
            }
            int chunk = Math.min(r.prefillTarget - r.prefilled, budget);
            long need = blocksFor(r, r.prefilled + chunk) - blocksFor(r, r.prefilled);
            while (need > kv.available() && running.tail() != null && running.tail() != r) {
                preempt(running.tail(), j, nowNs);
            }
            if (need > kv.available()) {
                preempt(r, j, nowNs);
                continue;
            }
            kv.take(need);
            r.chunk = chunk;
            batch.add(r);
            budget -= chunk;
        }
        if (engine.chunkedPrefill()) {
            admit(j, nowNs, false);
        }
    }

    /** Admits waiting requests in order; {@code whole}: only whole prompts (one may exceed the budget alone). */
    private void admit(long j, long nowNs, boolean whole) {
        while (!waiting.isEmpty() && running.size() < engine.maxSeqs() && budget > 0) {
            Request r = waiting.peekFirst();
            if (r.kvReady) {
                long need = kv.ceil(r.prefilled + 1L) - r.sharedBlocks;
                if (need > kv.available()) {
                    return;
                }
                kv.take(need);
                waiting.pollFirst();
                running.add(r);
                if (r.swapped) {
                    extraS += model.swapSeconds(r.prefilled);
                    r.swapped = false;
                }
                r.kvReady = false;
                metrics.scheduled(r, nowNs);
                decodes.add(r, j - 1);
                batchDecodes++;
                budget--;
                continue;
            }
            int hit = r.prefilled == 0 && engine.prefixCaching() ? kv.prefixHit(r) : 0;
            int start = Math.max(r.prefilled, hit);
            int remaining = r.prefillTarget - start;
            if (whole && remaining > budget && !batch.isEmpty()) {
                return;
            }
            int chunk = whole ? remaining : Math.min(remaining, budget);
            long need = kv.ceil(start + chunk) - kv.ceil(start);
            if (need > kv.available()) {
                return;
            }
            if (hit > 0) {
                kv.usePrefix(r, hit);
            }
            kv.take(need);
            waiting.pollFirst();
            running.add(r);
            metrics.scheduled(r, nowNs);
            r.chunk = chunk;
            batch.add(r);
            prefilling.add(r);
            budget -= chunk;
        }
    }

    private void endIteration() {
        long now = sim.nowNs();
        pending = null;
        ending = true;
        iter++;
        long j = iter;
        busyNs += now - startNs;
        int tokensOut = batchDecodes;
        if (batchDecodes > 0) {
            metrics.decodeGap(now - startNs, batchDecodes);
        }
        Request done;
        while (!stopped && (done = decodes.pollFinished(j)) != null) {
            finish(done, j, now);
        }
        // A last completion may retire the replica from inside this loop (its deployment is done), which empties the batch.
        for (int i = 0; i < batch.size() && !stopped; i++) {
            Request r = batch.get(i);
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
                prefillDone(r, j, now);
            }
        }
        batch.clear();
        metrics.tokensOut(tokensOut, now);
        ending = false;
        if (outstanding == 0) {
            levels.show(now, running.size(), waiting.size(), kv.used(), pending != null);
            listener.idle(this, now);
        }
        kick(now);
    }

    private void prefillDone(Request r, long j, long now) {
        prefilling.remove(r);
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
            decodes.add(r, j);
        }
    }

    private void finish(Request r, long j, long now) {
        release(r, j);
        r.generated = r.output;
        outstanding--;
        listener.finished(this, r, now);
    }

    /** Takes a running request out of the replica and frees what it holds; after it, {@code r.prefilled} is its KV tokens. */
    private void release(Request r, long j) {
        if (r.decoding) {
            decodes.remove(r, decodeBlocksTaken || j == iter ? j : j - 1);
        } else {
            prefilling.remove(r);
        }
        long tokens = r.prefilled + (long) r.chunk;
        kv.give(kv.ceil(tokens) - r.sharedBlocks);
        if (r.pinsPrefix) {
            kv.prefixes.unpin(r.prefixGroup);
            r.pinsPrefix = false;
        }
        running.remove(r);
    }

    /** Preempts a running request while iteration {@code j} is being scheduled (KV cache full). */
    private void preempt(Request victim, long j, long nowNs) {
        boolean wasDecoding = victim.decoding;
        if (victim.chunk > 0) {
            batch.remove(victim);
            budget += victim.chunk;
        }
        if (wasDecoding && decodeBlocksTaken) {
            batchDecodes--;
            budget++;
        }
        release(victim, j);
        victim.chunk = 0;
        victim.preemptions++;
        metrics.preemptions++;
        if (victim.generated > 0) {
            victim.stalledSinceNs = nowNs;
        }
        if (engine.preemption() == PreemptionMode.SWAP && wasDecoding) {
            extraS += model.swapSeconds(victim.prefilled);
            victim.swapped = true;
            victim.kvReady = true;
            victim.sharedBlocks = 0;
        } else {
            victim.resetForRecompute();
        }
        waiting.addFirst(victim);
    }

    /**
     * The replica stops (preempted by the cluster, or retired): the iteration in flight is lost and
     * every request it holds is handed back, running ones first in admission order, for the
     * deployment to route again; their KV is gone, so each is recomputed.
     */
    List<Request> stop(long nowNs) {
        stopped = true;
        if (pending != null) {
            sim.cancel(pending);
            pending = null;
            busyNs += nowNs - startNs;
        }
        List<Request> out = new ArrayList<>();
        for (Request r : batch) {
            r.chunk = 0;
        }
        batch.clear();
        for (Request r = running.head(); r != null; r = r.next) {
            out.add(r);
        }
        for (Request r : out) {
            if (r.decoding) {
                decodes.remove(r, iter);
            }
        }
        running.clear();
        prefilling.clear();
        out.addAll(waiting);
        waiting.clear();
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
        levels.show(nowNs, running.size(), waiting.size(), kv.used(), pending != null);
        metrics.series.level(nowNs, ServingSeries.KV_TOTAL, -kv.total);
        return out;
    }

    private long blocksFor(Request r, long tokens) {
        return kv.ceil(tokens) - r.sharedBlocks;
    }
}
