package dev.fleetsim.engine.run;

import dev.fleetsim.engine.network.burst.BurstTraffic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The KV-cache moves of disaggregated serving as load on the shared network (docs/SERVING.md,
 * "Prefill/decode disaggregation"). Registering every move for its few milliseconds would re-pace
 * the training jobs beside it twice a request; instead each prefill replica's moves are one
 * registration in {@link NetworkCoupling}, an average rate per route: the bytes its moves put on
 * each route during one window of its service (the autoscaler's interval, one tick), over the
 * window, registered for the next window. To the training jobs it is one more bursty neighbour:
 * its average load {@code Λ} enters the share {@code C / (D + Λ)} of their bursts and the
 * average-demand bound, as another job's would. What this approximates: a move's own demand while
 * it runs is replaced by its window's average (the burst rule's expectation, as for two training
 * jobs), and the rate follows the moves one window late (bytes are conserved: the registered load
 * carries exactly the bytes moved, shifted by one window; {@code KvLoadTest}). The event count is
 * unchanged (no event of its own); the training jobs are re-paced at most once a window. A
 * replica's own collectives between nodes ({@link ReplicaComm}: TP or pipeline stages across
 * nodes) are the same kind of load and join the same registration, one per replica: its window's
 * micro-batches as classes beside its moves', and the stretch its classes get is handed back to
 * its costs.
 */
final class KvLoad {

    /** One route of a source's moves in the current window. */
    private static final class Route {
        final int[] links;
        double bytes;
        double rateSum;
        int flows;

        Route(int[] links) {
            this.links = links;
        }
    }

    /** A prefill replica's moves: the window being measured and what is registered now. */
    private static final class Source {
        final String service;
        /** The window's routes by content, numbered in the order first seen: {@link #routes} by that number. */
        final RouteIds routeIds = new RouteIds();
        final List<Route> routes = new ArrayList<>();
        int moves;
        double idleSecondsSum;
        /** Registered average load per link, bytes/s (what its own next move does not compete with). */
        Map<Integer, Double> registered = Map.of();
        /** The replica's collectives between nodes (null: none), and the first of their classes in the registration. */
        ReplicaComm comm;
        int commFirstClass;

        Source(String service) {
            this.service = service;
        }
    }

    private final NetworkCoupling network;
    private final Map<Integer, Source> sources = new TreeMap<>();

    KvLoad(NetworkCoupling network) {
        this.network = network;
    }

    /**
     * One flow of a move from prefill replica {@code source} (its job index) of {@code service}:
     * its links outside the nodes (its GPUs' links to their NICs and the fabric's), its bytes and
     * its rate alone. (A GPU's link to its NIC is no training job's; registering it only counts
     * its bytes in the link statistics.)
     */
    void flow(int source, String service, int[] links, double bytes, double idleRate) {
        Source s = sources.computeIfAbsent(source, k -> new Source(service));
        int id = s.routeIds.idOf(links);
        if (id == s.routes.size()) {
            s.routes.add(new Route(links));
        }
        Route r = s.routes.get(id);
        r.bytes += bytes;
        r.rateSum += idleRate;
        r.flows++;
    }

    /** Replica {@code source} of {@code service} started with collectives between nodes. */
    void comm(int source, String service, ReplicaComm comm) {
        sources.computeIfAbsent(source, k -> new Source(service)).comm = comm;
    }

    /** Replica {@code source} iterated {@code microBatches} times over {@code tokens} since its last report. */
    void iterated(int source, long microBatches, long tokens) {
        Source s = sources.get(source);
        if (s != null && s.comm != null) {
            s.comm.record(microBatches, tokens);
        }
    }

    /** The registration of {@code source} may have a new contention: its collectives get it. */
    void contentionMoved(int source) {
        Source s = sources.get(source);
        if (s != null && s.comm != null && !s.registered.isEmpty()) {
            s.comm.apply(network.contention(source), s.commFirstClass);
        }
    }

    /** A whole move of {@code source} was recorded flow by flow: it took {@code idleS} alone. */
    void moved(int source, double idleS) {
        Source s = sources.get(source);
        if (s != null) {
            s.moves++;
            s.idleSecondsSum += idleS;
        }
    }

    /** The average load on {@code link} registered for {@code source}'s own moves, bytes/s. */
    double ownLoad(int source, int link) {
        Source s = sources.get(source);
        return s == null ? 0 : s.registered.getOrDefault(link, 0.0);
    }

    /**
     * {@code service}'s window of {@code windowNs} ended: each of its prefill replicas' moves in it
     * become the load registered until the next window ends (none: its registration is removed).
     */
    void window(String service, long nowNs, long windowNs) {
        for (Map.Entry<Integer, Source> e : sources.entrySet()) {
            Source s = e.getValue();
            if (!s.service.equals(service)) {
                continue;
            }
            double windowS = windowNs / 1e9;
            BurstTraffic.Builder b = BurstTraffic.builder();
            Map<Integer, Double> registered = new HashMap<>();
            s.commFirstClass = 0;
            if (s.moves > 0 && windowS > 0) {
                // One class: the window's moves, each burst moving a route's mean bytes at its mean rate.
                int cls = b.addClass(s.moves, s.idleSecondsSum / s.moves);
                s.commFirstClass = 1;
                for (Route r : s.routes) {
                    b.addFlow(cls, r.links, r.bytes / s.moves, r.rateSum / r.flows);
                    for (int l : r.links) {
                        registered.merge(l, r.bytes / windowS, Double::sum);
                    }
                }
            }
            if (s.comm != null && windowS > 0) {
                s.comm.addWindow(b, windowS, registered);
            }
            BurstTraffic traffic = b.build();
            if (traffic.isEmpty()) {
                if (!s.registered.isEmpty()) {
                    network.external(e.getKey(), null, 0, nowNs);
                    s.registered = Map.of();
                }
            } else {
                s.registered = registered;
                network.external(e.getKey(), traffic, windowS, nowNs);
            }
            if (s.comm != null) {
                s.comm.apply(s.registered.isEmpty() ? null : network.contention(e.getKey()), s.commFirstClass);
            }
            s.routes.clear();
            s.routeIds.clear();
            s.moves = 0;
            s.idleSecondsSum = 0;
        }
    }

    /** Prefill replica {@code source} stopped: its moves load nothing any more. */
    void stopped(int source, long nowNs) {
        Source s = sources.remove(source);
        if (s != null && !s.registered.isEmpty()) {
            network.external(source, null, 0, nowNs);
        }
    }
}
