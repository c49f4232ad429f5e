package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.kernel.Simulator;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.workload.ReplicaRole;
import dev.fleetsim.engine.workload.ServingReplicaSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployment's replicas through their lives: submitted to the cluster (pending), placed and
 * loading the model, active (routable), draining (scaled down, finishing what they hold),
 * preempted (back in the cluster's queue), done. It keeps the routable lists the router reads,
 * the replica counts the series and the autoscaler read, and what the replicas' GPUs cost.
 */
final class ReplicaPool {
    enum State { PENDING, LOADING, ACTIVE, DRAINING, PREEMPTED, DONE }

    private static final double NS_PER_HOUR = 3.6e12;

    static final class Slot {
        final ServingReplicaSpec spec;
        State state = State.PENDING;
        ReplicaEngine engine;
        int[] gpus;
        long startNs;
        /** Serves as soon as it is placed (the deployment's first replicas); later starts load the model first. */
        boolean warm;
        long busyAtReport;
        /** Counted among the active replicas (serving or draining) until it stops. */
        boolean counted;
        long reportedAtNs;
        double lastBusyFraction;
        long batchesAtReport;
        long tokensAtReport;

        Slot(ServingReplicaSpec spec, boolean warm) {
            this.spec = spec;
            this.warm = warm;
        }
    }

    private final ServiceSpec service;
    private final Deployment.Host host;
    private final Simulator sim;
    private final ServiceMetrics metrics;
    private final double pue;
    private final double electricityUsdPerKWh;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final List<ReplicaEngine> routable = new ArrayList<>();
    private final List<ReplicaEngine> decoders = new ArrayList<>();
    private final int[] nextIndex = new int[ReplicaRole.values().length];
    long scaleUps;
    long scaleDowns;
    int peakActive;
    double gpuCostUsd;
    double energyKWh;
    double gpuHours;
    private int active;
    private long lastBlocks;
    private String gpuTypeSeen = "";

    ReplicaPool(ServiceSpec service, Deployment.Host host, Simulator sim,
                ServiceMetrics metrics, double pue, double electricityUsdPerKWh) {
        this.service = service;
        this.host = host;
        this.sim = sim;
        this.metrics = metrics;
        this.pue = pue;
        this.electricityUsdPerKWh = electricityUsdPerKWh;
    }

    List<ReplicaEngine> routable() {
        return routable;
    }

    List<ReplicaEngine> decoders() {
        return decoders;
    }

    void submitInitial(long nowNs) {
        if (service.disaggregation().isPresent()) {
            for (int i = 0; i < service.disaggregation().get().prefillReplicas(); i++) {
                submit(ReplicaRole.PREFILL, true, nowNs);
            }
            for (int i = 0; i < service.disaggregation().get().decodeReplicas(); i++) {
                submit(ReplicaRole.DECODE, true, nowNs);
            }
            return;
        }
        int n = service.autoscale().map(a -> Math.max(a.min(), Math.min(a.max(), service.replicas())))
                .orElse(service.replicas());
        for (int i = 0; i < n; i++) {
            submit(ReplicaRole.REPLICA, true, nowNs);
        }
    }

    private void submit(ReplicaRole role, boolean warm, long nowNs) {
        ServingReplicaSpec spec = new ServingReplicaSpec(service, role, nextIndex[role.ordinal()]++, nowNs);
        slots.put(spec.id(), new Slot(spec, warm));
        host.submit(spec);
    }

    /** A replica got GPUs; returns how long it loads before it serves. */
    long started(ServingReplicaSpec spec, ReplicaEngine engine, int[] gpus, long nowNs) {
        Slot s = slots.get(spec.id());
        s.state = State.LOADING;
        s.engine = engine;
        s.gpus = gpus;
        s.startNs = nowNs;
        s.busyAtReport = 0;
        s.reportedAtNs = nowNs;
        lastBlocks = engine.totalBlocks();
        gpuTypeSeen = engine.model.gpu().name();
        metrics.series.level(nowNs, ServingSeries.PLACED, 1);
        return s.warm ? 0 : service.autoscale().map(a -> a.scaleUpDelayNs()).orElse(0L);
    }

    /** The loaded replica takes requests; false when it stopped or was retired while loading. */
    boolean activate(ServingReplicaSpec spec, long nowNs) {
        Slot s = slots.get(spec.id());
        if (s.state != State.LOADING || s.engine == null) {
            return false;
        }
        s.state = State.ACTIVE;
        s.counted = true;
        (spec.role() == ReplicaRole.DECODE ? decoders : routable).add(s.engine);
        active++;
        peakActive = Math.max(peakActive, active);
        metrics.series.level(nowNs, ServingSeries.ACTIVE, 1);
        return true;
    }

    boolean isActive(ReplicaEngine e) {
        Slot s = slots.get(e.id);
        return s != null && s.engine == e && (s.state == State.ACTIVE || s.state == State.DRAINING);
    }

    int[] gpus(ReplicaEngine e) {
        return slots.get(e.id).gpus;
    }

    /** The replica lost its GPUs: its requests, to be routed again. */
    List<Request> stopped(ServingReplicaSpec spec, long nowNs) {
        Slot s = slots.get(spec.id());
        if (s == null || s.engine == null) {
            return List.of();
        }
        account(s, nowNs);
        boolean wasServing = s.counted;
        s.counted = false;
        List<Request> orphans = s.engine.stop(nowNs);
        routable.remove(s.engine);
        decoders.remove(s.engine);
        if (wasServing) {
            active--;
            metrics.series.level(nowNs, ServingSeries.ACTIVE, -1);
        }
        metrics.series.level(nowNs, ServingSeries.PLACED, -1);
        s.engine = null;
        s.warm = false;
        if (s.state == State.DRAINING) {
            // Preempted while draining: it is not wanted back. The cluster queues it again after
            // this call returns, so it is withdrawn from the queue at the same instant, just after.
            s.state = State.DONE;
            sim.schedule(nowNs, x -> host.retire(spec.id()));
        } else if (s.state != State.DONE) {
            s.state = State.PREEMPTED;
        }
        return orphans;
    }

    /** GPU-hours, cost and energy of a replica's run from its start to {@code nowNs}. */
    private void account(Slot s, long nowNs) {
        GpuSpec gpu = s.engine.model.gpu();
        int n = s.gpus.length;
        double heldNs = nowNs - s.startNs;
        double busyNs = Math.min(heldNs, s.engine.busyNs);
        gpuHours += n * heldNs / NS_PER_HOUR;
        gpuCostUsd += n * gpu.priceUsdPerGpuHour() * heldNs / NS_PER_HOUR;
        double wattNs = n * (gpu.idleWatts() * heldNs + (gpu.tdpWatts() - gpu.idleWatts()) * busyNs);
        energyKWh += wattNs * pue / NS_PER_HOUR / 1000;
        metrics.heldGpuNs += n * heldNs;
        metrics.busyGpuNs += n * busyNs;
    }

    /** Cost of the replicas still running at the end, added once. */
    void accountRunning(long endNs) {
        for (Slot s : slots.values()) {
            if (s.engine != null) {
                account(s, endNs);
                s.startNs = endNs;
                s.engine.busyNs = 0;
            }
        }
    }

    double energyCostUsd() {
        return energyKWh * electricityUsdPerKWh;
    }

    /** A replica has no requests left: a draining one is retired. */
    void idle(ReplicaEngine e, long nowNs) {
        Slot s = slots.get(e.id);
        if (s != null && s.engine == e && s.state == State.DRAINING) {
            retire(s);
        }
    }

    private void retire(Slot s) {
        s.state = State.DONE;
        host.retire(s.spec.id());
    }

    void retireAll(long nowNs) {
        for (Slot s : new ArrayList<>(slots.values())) {
            if (s.state != State.DONE) {
                retire(s);
            }
        }
    }

    /** Replicas counted against the autoscaler's target: every one not draining or done. */
    int current() {
        int n = 0;
        for (Slot s : slots.values()) {
            if (s.state != State.DRAINING && s.state != State.DONE) {
                n++;
            }
        }
        return n;
    }

    int active() {
        return active;
    }

    /** Requests waiting in the active replicas' queues. */
    int waitingInReplicas() {
        int n = 0;
        for (ReplicaEngine e : routable) {
            n += e.waitingCount();
        }
        return n;
    }

    void scaleUp(int n, long nowNs) {
        for (Slot s : slots.values()) {
            if (n > 0 && s.state == State.DRAINING && s.engine != null) {
                s.state = State.ACTIVE;
                s.engine.accepting = true;
                routable.add(s.engine);
                n--;
                scaleUps++;
            }
        }
        for (; n > 0; n--) {
            submit(ReplicaRole.REPLICA, false, nowNs);
            scaleUps++;
        }
    }

    /** Withdraws queued replicas first, then loading ones, then drains the active ones with the fewest requests. */
    void scaleDown(int n, long nowNs) {
        for (State from : new State[] {State.PENDING, State.PREEMPTED, State.LOADING}) {
            for (Slot s : new ArrayList<>(slots.values())) {
                if (n > 0 && s.state == from) {
                    retire(s);
                    n--;
                    scaleDowns++;
                }
            }
        }
        while (n > 0) {
            ReplicaEngine e = Router.leastOutstanding(routable, -1);
            if (e == null) {
                return;
            }
            Slot s = slots.get(e.id);
            routable.remove(e);
            e.accepting = false;
            s.state = State.DRAINING;
            n--;
            scaleDowns++;
            if (e.outstanding == 0) {
                retire(s);
            }
        }
    }

    /**
     * Tells the cluster each replica's busy fraction and its micro-batches and tokens since the last
     * report, and keeps the fraction for the autoscaler.
     */
    void reportComputeFractions(long nowNs, long intervalNs) {
        for (Slot s : slots.values()) {
            if (s.engine == null || nowNs <= s.reportedAtNs) {
                continue;
            }
            double f = Math.min(1, (double) (s.engine.busyNs - s.busyAtReport) / (nowNs - s.reportedAtNs));
            Iterated i = s.engine.iterated;
            host.iterated(s.spec.id(), i.microBatches() - s.batchesAtReport, i.tokens() - s.tokensAtReport);
            s.batchesAtReport = i.microBatches();
            s.tokensAtReport = i.tokens();
            s.busyAtReport = s.engine.busyNs;
            s.reportedAtNs = nowNs;
            s.lastBusyFraction = f;
            host.computeFraction(s.spec.id(), f);
        }
    }

    /** Blocks of KV one replica holds (the first placed one's; every replica of a deployment has the same). */
    long kvBlocksPerReplica() {
        for (Slot s : slots.values()) {
            if (s.engine != null) {
                return s.engine.totalBlocks();
            }
        }
        return lastBlocks;
    }

    /** The GPU type replicas ran on ("" when none was ever placed). */
    String gpuTypeSeen() {
        return gpuTypeSeen;
    }
}
