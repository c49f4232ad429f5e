package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.kernel.EventHandle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One scheduler of a replica's engine and the batch it has in flight: a replica has one, and with
 * pipeline parallelism one per stage, as vLLM runs one scheduler "virtual engine" per stage and
 * TensorRT-LLM keeps a micro-batch per stage in flight. A request routed to the replica joins the
 * lane with the fewest requests and stays in it (its decodes advance with that lane's
 * iterations); the lanes share the replica's KV blocks and prefix cache. State only: the
 * {@link ReplicaEngine} schedules it.
 */
final class Lane {
    final int index;
    final ArrayDeque<Request> waiting = new ArrayDeque<>();
    final List<Request> prefilling = new ArrayList<>();
    final DecodeSet decodes;
    final RunningList running = new RunningList();
    /** Iterations this lane has completed. */
    long iter;
    EventHandle pending;
    long startNs;
    /** GPU time of the iteration in flight over the replica's GPUs (its stages' occupancy / stages). */
    long busyNs;
    // the iteration in flight
    final List<Request> batch = new ArrayList<>();
    int batchDecodes;
    int budget;
    double extraS;
    boolean decodeBlocksTaken;

    Lane(int index, int blockTokens) {
        this.index = index;
        this.decodes = new DecodeSet(blockTokens);
    }

    /** Requests it holds: running and waiting. */
    int load() {
        return running.size() + waiting.size();
    }

    /** Prompt tokens of the batch's prefill chunks. */
    int prefillTokens() {
        int n = 0;
        for (Request r : batch) {
            n += r.chunk;
        }
        return n;
    }

    /** Query-key pairs of the batch's prefill chunks: per chunk of {@code c} after {@code p} cached, {@code c·p + c(c+1)/2}. */
    double prefillPairs() {
        double pairs = 0;
        for (Request r : batch) {
            pairs += (double) r.chunk * r.prefilled + r.chunk * (r.chunk + 1.0) / 2;
        }
        return pairs;
    }

    /** KV tokens the batch's prefill chunks read from before them. */
    double prefillPrior() {
        double prior = 0;
        for (Request r : batch) {
            prior += r.prefilled;
        }
        return prior;
    }

    /** Sequences that sample a token: every decode and every prompt whose last chunk this is. */
    int sampled() {
        int n = batchDecodes;
        for (Request r : batch) {
            if (r.prefilled + r.chunk >= r.prefillTarget) {
                n++;
            }
        }
        return n;
    }

    /** Requests waiting in any of the lanes. */
    static int waiting(Lane[] lanes) {
        int n = 0;
        for (Lane l : lanes) {
            n += l.waiting.size();
        }
        return n;
    }

    /** The lane a new request joins: the fewest requests, the first of equals. */
    static Lane lightest(Lane[] lanes) {
        Lane lane = lanes[0];
        for (Lane l : lanes) {
            if (l.load() < lane.load()) {
                lane = l;
            }
        }
        return lane;
    }

    /** Starts choosing the next iteration's batch with {@code budget} tokens. */
    void clearBatch(int tokenBudget) {
        batch.clear();
        batchDecodes = 0;
        budget = tokenBudget;
        extraS = 0;
        decodeBlocksTaken = false;
    }

    /** The replica stops: its running requests, in admission order, go to {@code out}, and the lane holds none. */
    void takeRunning(List<Request> out) {
        for (Request r : batch) {
            r.chunk = 0;
        }
        batch.clear();
        int from = out.size();
        for (Request r = running.head(); r != null; r = r.next) {
            out.add(r);
        }
        for (int i = from; i < out.size(); i++) {
            if (out.get(i).decoding) {
                decodes.remove(out.get(i), iter);
            }
        }
        running.clear();
        prefilling.clear();
    }
}
