package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.kernel.Event;
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
    /** Ends its iteration in flight (one event object for all its iterations). */
    Event end;
    long startNs;
    /** GPU time of the iteration in flight over the replica's GPUs (its stages' occupancy / stages). */
    long busyNs;
    // the iteration in flight
    final List<Request> batch = new ArrayList<>();
    int batchDecodes;
    int budget;
    double extraS;
    boolean decodeBlocksTaken;
    int prefillTokens;
    double prefillPairs;
    double prefillPrior;
    int sampled;

    Lane(int index, int blockTokens) {
        this.index = index;
        this.decodes = new DecodeSet(blockTokens);
    }

    /** Requests it holds: running and waiting. */
    int load() {
        return running.size() + waiting.size();
    }

    /**
     * Measures the batch's prompt work into {@link #prefillTokens} (its chunks' tokens),
     * {@link #prefillPairs} (query-key pairs: per chunk of {@code c} after {@code p} cached,
     * {@code c·p + c(c+1)/2}), {@link #prefillPrior} (KV tokens the chunks read from before them)
     * and {@link #sampled} (every decode and every prompt whose last chunk this is).
     */
    void measureBatch() {
        prefillTokens = 0;
        prefillPairs = 0;
        prefillPrior = 0;
        sampled = batchDecodes;
        for (Request r : batch) {
            prefillTokens += r.chunk;
            prefillPairs += (double) r.chunk * r.prefilled + r.chunk * (r.chunk + 1.0) / 2;
            prefillPrior += r.prefilled;
            if (r.prefilled + r.chunk >= r.prefillTarget) {
                sampled++;
            }
        }
    }

    /** Requests waiting in any of the lanes. */
    static int waiting(Lane[] lanes) {
        if (lanes.length == 1) {
            return lanes[0].waiting.size();
        }
        int n = 0;
        for (Lane l : lanes) {
            n += l.waiting.size();
        }
        return n;
    }

    /** Requests running in any of the lanes. */
    static int running(Lane[] lanes) {
        if (lanes.length == 1) {
            return lanes[0].running.size();
        }
        int n = 0;
        for (Lane l : lanes) {
            n += l.running.size();
        }
        return n;
    }

    /** Whether any lane has a micro-batch in flight. */
    static boolean busy(Lane[] lanes) {
        for (Lane l : lanes) {
            if (l.pending != null) {
                return true;
            }
        }
        return false;
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
