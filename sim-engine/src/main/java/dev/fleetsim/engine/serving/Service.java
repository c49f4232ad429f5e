package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.kernel.EventHandle;
import dev.fleetsim.engine.kernel.RandomStreams;
import dev.fleetsim.engine.kernel.Simulator;
import dev.fleetsim.engine.metrics.ServiceResult;
import dev.fleetsim.engine.workload.ReplicaRole;
import dev.fleetsim.engine.workload.ServingReplicaSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A deployment simulated at iteration level: its request stream (one pending arrival event), its
 * router, its replicas' engines (one pending iteration event each), prefill-to-decode KV
 * transfers, and the autoscaler and metrics tick. Replicas come and go through the cluster's
 * scheduler ({@link Host}); a replica that stops hands its requests back to the router, which
 * sends them to the others (or keeps them until one serves). The deployment retires (its replicas
 * released) when its stream has ended and its last request is done.
 */
public final class Service implements Deployment, ReplicaListener {
    private final ServiceSpec spec;
    private final Simulator sim;
    private final Host host;
    private final ServiceMetrics metrics;
    private final Router router;
    private final RequestSource source;
    private final ReplicaPool pool;
    private final Autoscaler autoscaler;
    private final ArrayDeque<Request> backlog = new ArrayDeque<>();
    private final ArrayDeque<Request> decodeBacklog = new ArrayDeque<>();
    private Request nextArrival;
    private EventHandle tick;
    private long inFlight;
    private boolean sourceDone;
    private boolean retired;

    public Service(ServiceSpec spec, Simulator sim, Host host, RandomStreams streams, int sampleRequests,
                   double pue, double electricityUsdPerKWh) {
        this.spec = spec;
        this.sim = sim;
        this.host = host;
        this.metrics = new ServiceMetrics(spec.name(), spec.slo(), 1_000_000_000L,
                new RequestSample(sampleRequests, streams.stream("serving/" + spec.name() + "/sample")));
        this.router = new Router(spec.router());
        this.source = new RequestSource(spec.name(), spec.requests(), spec.startNs(), streams);
        this.pool = new ReplicaPool(spec, host, sim, metrics, pue, electricityUsdPerKWh);
        this.autoscaler = new Autoscaler(spec, pool, metrics);
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public double expectedRunSeconds() {
        return ExpectedLength.seconds(spec);
    }

    @Override
    public void start(long nowNs) {
        pool.submitInitial(nowNs);
        nextArrival = source.next();
        if (nextArrival == null) {
            sourceDone = true;
            retireIfDone(nowNs);
            return;
        }
        sim.schedule(Math.max(nowNs, nextArrival.arrivalNs), s -> arrive());
        tick = sim.scheduleIn(autoscaler.intervalNs(), s -> tick());
    }

    private void arrive() {
        long now = sim.nowNs();
        while (nextArrival != null && nextArrival.arrivalNs <= now) {
            Request r = nextArrival;
            metrics.arrived(now);
            inFlight++;
            dispatch(r, now);
            nextArrival = source.next();
        }
        if (nextArrival != null) {
            sim.schedule(nextArrival.arrivalNs, s -> arrive());
        } else {
            sourceDone = true;
            source.close();
            retireIfDone(now);
        }
    }

    private void dispatch(Request r, long now) {
        ReplicaEngine e = router.route(r, pool.routable());
        if (e == null) {
            backlog.addLast(r);
            metrics.series.level(now, ServingSeries.WAITING, 1);
        } else {
            e.enqueue(r, now);
        }
    }

    private void tick() {
        long now = sim.nowNs();
        tick = null;
        if (retired) {
            return;
        }
        pool.reportComputeFractions(now, autoscaler.intervalNs());
        host.kvWindow(spec.name(), now, autoscaler.intervalNs());
        autoscaler.decide(now, backlog.size(), inFlight);
        tick = sim.scheduleIn(autoscaler.intervalNs(), s -> tick());
    }

    @Override
    public void replicaStarted(ServingReplicaSpec replica, ServingModel model, int[] gpus, long nowNs) {
        ReplicaEngine engine = new ReplicaEngine(replica.id(), replica.index(), replica.role(), model, sim, this, metrics);
        long delay = pool.started(replica, engine, gpus, nowNs);
        if (delay == 0) {
            activate(replica, nowNs);
        } else {
            sim.scheduleIn(delay, s -> activate(replica, s.nowNs()));
        }
    }

    private void activate(ServingReplicaSpec replica, long now) {
        if (!pool.activate(replica, now)) {
            return;
        }
        while (!backlog.isEmpty() && !pool.routable().isEmpty()) {
            metrics.series.level(now, ServingSeries.WAITING, -1);
            dispatch(backlog.pollFirst(), now);
        }
        while (!decodeBacklog.isEmpty() && !pool.decoders().isEmpty()) {
            sendToDecoder(decodeBacklog.pollFirst(), null, now);
        }
    }

    @Override
    public void replicaStopped(ServingReplicaSpec replica, long nowNs) {
        List<Request> orphans = pool.stopped(replica, nowNs);
        for (Request r : orphans) {
            r.preemptions++;
            metrics.preemptions++;
            dispatch(r, nowNs);
        }
    }

    @Override
    public void firstToken(ReplicaEngine replica, Request r, long nowNs) {
        metrics.firstToken(r, nowNs);
    }

    @Override
    public void finished(ReplicaEngine replica, Request r, long nowNs) {
        metrics.finished(r, replica.id, nowNs);
        inFlight--;
        retireIfDone(nowNs);
    }

    @Override
    public void prefilled(ReplicaEngine replica, Request r, long nowNs) {
        sendToDecoder(r, replica, nowNs);
    }

    /** Sends a prefilled request's KV cache to the least loaded decode replica; it decodes there once it has arrived. */
    private void sendToDecoder(Request r, ReplicaEngine from, long now) {
        ReplicaEngine to = Router.leastOutstanding(pool.decoders(), -1);
        if (to == null) {
            decodeBacklog.addLast(r);
            return;
        }
        double seconds = from == null ? 0 : host.kvTransferSeconds(from.id, pool.gpus(from), pool.gpus(to),
                from.model.kvBytesPerGpu(r.prefilled));
        metrics.kvTransfers++;
        metrics.kvTransferBytes += from == null ? 0 : from.model.kvBytesPerGpu(r.prefilled) * from.model.service().tp();
        metrics.kvTransferNs += seconds * 1e9;
        r.kvReady = true;
        to.outstanding++;
        sim.scheduleIn((long) Math.ceil(seconds * 1e9), s -> {
            to.outstanding--;
            if (pool.isActive(to)) {
                if (r.firstTokenNs < 0) {
                    // The prefill sampled the first token; the client gets it with the cache at the decoder.
                    r.firstTokenNs = s.nowNs();
                    metrics.firstToken(r, s.nowNs());
                }
                to.enqueue(r, s.nowNs());
            } else {
                // The decode replica stopped while the cache was on its way: the request starts over.
                r.resetForRecompute();
                r.replica = -1;
                r.preemptions++;
                metrics.preemptions++;
                dispatch(r, s.nowNs());
            }
        });
    }

    @Override
    public void idle(ReplicaEngine replica, long nowNs) {
        pool.idle(replica, nowNs);
    }

    private void retireIfDone(long now) {
        if (retired || !sourceDone || inFlight > 0) {
            return;
        }
        retired = true;
        sim.cancel(tick);
        tick = null;
        pool.retireAll(now);
    }

    @Override
    public ServiceResult outcome(long endNs, int points) {
        return ServiceReport.of(spec, metrics, pool, autoscaler, inFlight, endNs, points);
    }

    /** Requests arrived and not finished. */
    long inFlight() {
        return inFlight;
    }

    List<ReplicaEngine> engines() {
        return new ArrayList<>(pool.routable());
    }

    ReplicaRole routingRole() {
        return spec.disaggregation().isPresent() ? ReplicaRole.PREFILL : ReplicaRole.REPLICA;
    }
}
