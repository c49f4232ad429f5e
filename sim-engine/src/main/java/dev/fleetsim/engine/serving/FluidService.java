package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.kernel.EventHandle;
import dev.fleetsim.engine.kernel.RandomStreams;
import dev.fleetsim.engine.kernel.Simulator;
import dev.fleetsim.engine.metrics.ServiceResult;
import dev.fleetsim.engine.workload.ServingReplicaSpec;
import dev.fleetsim.engine.workload.serving.ArrivalProcess;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

/**
 * A deployment in the fluid (coarse) mode, for planning horizons of months: no event per request
 * or iteration. Time is cut into epochs (the autoscaler's interval, and every change of the
 * replica set); in each, the expected arrivals (the integral of the rate, diurnal curve included)
 * join a fluid queue that the active replicas drain at their capacity, and each replica (each
 * lane of a pipeline-parallel one) runs at the steady state of its share of the load
 * ({@link SteadyState}: batch size, iteration time, TTFT and TPOT from the same
 * {@link ServingModel} as the iteration mode). Latency distributions
 * come from a fixed sample of request lengths put through each epoch's steady state, weighted by
 * the requests the epoch finished. A trace is not supported in this mode (it needs per-request
 * reads); docs/SERVING.md gives the error against the iteration mode.
 */
public final class FluidService implements Deployment {
    private static final int LENGTH_SAMPLES = 4096;
    /** Prompt lengths at which an epoch's prefill iteration is costed; others are interpolated. */
    private static final int PREFILL_POINTS = 24;

    private final ServiceSpec spec;
    private final Simulator sim;
    private final ServiceMetrics metrics;
    private final ReplicaPool pool;
    private final Host host;
    private final Autoscaler autoscaler;
    private final FluidArrivals arrivals;
    private final int[][] lengths;
    private final SteadyState.Moments moments;
    private final int minPrompt;
    private final int maxPrompt;
    private EventHandle epoch;
    private long epochStartNs;
    private double backlog;
    private double finishedFraction;
    private boolean retired;
    private boolean started;

    public FluidService(ServiceSpec spec, Simulator sim, Host host, RandomStreams streams, double pue,
                        double electricityUsdPerKWh) {
        if (spec.requests().arrival().process() == ArrivalProcess.TRACE) {
            throw new IllegalArgumentException("service " + spec.name() + ": the fluid mode takes a generated stream, "
                    + "not a trace");
        }
        this.spec = spec;
        this.sim = sim;
        this.metrics = new ServiceMetrics(spec.name(), spec.slo(), 60_000_000_000L, new RequestSample(0, null));
        this.pool = new ReplicaPool(spec, host, sim, metrics, pue, electricityUsdPerKWh);
        this.host = host;
        this.autoscaler = new Autoscaler(spec, pool, metrics);
        this.arrivals = new FluidArrivals(spec.requests(), spec.startNs());
        RequestSource sample = new RequestSource(spec.name(), spec.requests().withCount(LENGTH_SAMPLES), spec.startNs(),
                streams);
        this.lengths = new int[LENGTH_SAMPLES][];
        for (int i = 0; i < LENGTH_SAMPLES; i++) {
            Request r = sample.next();
            lengths[i] = new int[] {r.prompt, r.output};
        }
        this.moments = SteadyState.Moments.of(lengths);
        int lo = Integer.MAX_VALUE;
        int hi = 1;
        for (int[] l : lengths) {
            lo = Math.min(lo, l[0]);
            hi = Math.max(hi, l[0]);
        }
        this.minPrompt = lo;
        this.maxPrompt = hi;
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
        started = true;
        epochStartNs = nowNs;
        pool.submitInitial(nowNs);
        scheduleEpoch(nowNs);
    }

    private void scheduleEpoch(long nowNs) {
        sim.cancel(epoch);
        epoch = sim.schedule(nowNs + autoscaler.intervalNs(), s -> endEpoch(s.nowNs(), true));
    }

    /** Closes the epoch that ends now: arrivals, service, metrics; then the autoscaler decides. */
    private void endEpoch(long nowNs, boolean tick) {
        if (retired || !started) {
            return;
        }
        double dt = (nowNs - epochStartNs) / 1e9;
        if (dt > 0) {
            flow(epochStartNs, nowNs, dt);
        }
        epochStartNs = nowNs;
        if (arrivals.done(nowNs) && backlog < 0.5) {
            retired = true;
            sim.cancel(epoch);
            pool.retireAll(nowNs);
            return;
        }
        if (tick) {
            pool.reportComputeFractions(nowNs, autoscaler.intervalNs());
            host.kvWindow(spec.name(), nowNs, autoscaler.intervalNs());
            autoscaler.decide(nowNs, (int) Math.round(backlog), Math.round(backlog));
        }
        scheduleEpoch(nowNs);
    }

    private void flow(long fromNs, long toNs, double dt) {
        double arrived = arrivals.between(fromNs, toNs);
        metrics.arrived += (long) Math.floor(arrivals.cumulative(toNs)) - (long) Math.floor(arrivals.cumulative(fromNs));
        if (metrics.firstArrivalNs < 0 && arrived > 0) {
            metrics.firstArrivalNs = fromNs;
        }
        // The load is shared by every lane of every replica: one a replica, or one a pipeline stage.
        int n = pool.routable().size() * spec.pp();
        double queued = backlog + arrived;
        if (n == 0) {
            metrics.series.level(fromNs, ServingSeries.WAITING, queued - metrics.series.current(ServingSeries.WAITING));
            metrics.series.count(toNs - 1, ServingSeries.ARRIVALS, arrived);
            backlog = queued;
            return;
        }
        ReplicaEngine first = pool.routable().get(0);
        SteadyState capacity = SteadyState.saturated(first.model, moments);
        double served = Math.min(queued, n * capacity.requestsPerS() * dt);
        double rate = served / (n * dt);
        SteadyState st = rate >= capacity.requestsPerS() * 0.999 ? capacity : SteadyState.at(first.model, moments, rate);
        double oldBacklog = backlog;
        backlog = queued - served;
        double meanBacklog = (oldBacklog + backlog) / 2;
        double waitS = st.waitS() + meanBacklog / (n * capacity.requestsPerS());
        // Levels hold over the epoch, so they go in at its start, before the counts move the series' clock to its end.
        levels(fromNs, st, n, meanBacklog);
        metrics.series.count(toNs - 1, ServingSeries.ARRIVALS, arrived);
        record(fromNs, toNs, served, st, waitS, n, dt);
        // Each lane's iterations of the epoch and the tokens they carry (a request's prompt once, then
        // a token a decode step): what the replica's collectives move on a shared network.
        long batches = Math.round(spec.pp() * dt / st.iterationS());
        long tokens = Math.round(rate * spec.pp() * dt * (moments.meanInput() + Math.max(0, moments.meanOutput() - 1)));
        for (ReplicaEngine e : pool.routable()) {
            e.busyNs += (long) (Math.min(1, st.batch()) * dt * 1e9);
            e.iterated.add(batches, tokens);
        }
    }

    /** Finished requests of the epoch into the counts and, through the length sample, the histograms. */
    private void record(long fromNs, long toNs, double served, SteadyState st, double waitS, int n, double dt) {
        double before = finishedFraction;
        finishedFraction += served;
        long done = (long) Math.floor(finishedFraction) - (long) Math.floor(before);
        if (done <= 0) {
            return;
        }
        metrics.finished += done;
        metrics.lastCompletionNs = toNs;
        metrics.iterations += (long) (n * dt / st.iterationS());
        metrics.batchSum += st.batch() * (long) (n * dt / st.iterationS());
        metrics.batchMax = Math.max(metrics.batchMax, (int) Math.ceil(st.batch()));
        long perSample = done / LENGTH_SAMPLES;
        long extra = done % LENGTH_SAMPLES;
        PrefillTable prefill = new PrefillTable(st, minPrompt, maxPrompt, PREFILL_POINTS);
        for (int i = 0; i < LENGTH_SAMPLES; i++) {
            long w = perSample + (i < extra ? 1 : 0);
            if (w == 0) {
                continue;
            }
            int in = lengths[i][0];
            int out = lengths[i][1];
            double ttft = waitS + st.prefillIterations(in) * prefill.seconds(in);
            double tpot = out > 1 ? st.iterationS() : 0;
            double e2e = ttft + (out - 1) * st.iterationS();
            long ttftNs = Math.round(ttft * 1e9);
            metrics.ttft.add(ttftNs, w);
            metrics.recentTtft.add(ttftNs, w);
            metrics.tpot.add(Math.round(tpot * 1e9), w);
            metrics.e2e.add(Math.round(e2e * 1e9), w);
            metrics.queue.add(Math.round(waitS * 1e9), w);
            metrics.itl.add(Math.round(st.iterationS() * 1e9), w * Math.max(0, out - 1));
            metrics.promptTokens += (long) in * w;
            metrics.outputTokens += (long) out * w;
            boolean ttftOk = ttft * 1e9 <= spec.slo().ttftNs();
            boolean tpotOk = tpot * 1e9 <= spec.slo().tpotNs();
            metrics.ttftMet += ttftOk ? w : 0;
            metrics.tpotMet += tpotOk ? w : 0;
            metrics.sloMet += ttftOk && tpotOk ? w : 0;
            if (ttftOk && tpotOk) {
                metrics.series.count(toNs - 1, ServingSeries.SLO_MET, w);
            }
        }
        metrics.series.count(toNs - 1, ServingSeries.COMPLETIONS, done);
        metrics.series.count(toNs - 1, ServingSeries.OUTPUT_TOKENS, served * moments.meanOutput());
    }

    /** The epoch's levels in the series: running and waiting requests, KV blocks in use. */
    private void levels(long fromNs, SteadyState st, int n, double meanBacklog) {
        ServingSeries s = metrics.series;
        s.level(fromNs, ServingSeries.RUNNING, n * st.batch() - s.current(ServingSeries.RUNNING));
        s.level(fromNs, ServingSeries.WAITING, meanBacklog - s.current(ServingSeries.WAITING));
        double blocks = n * st.kvTokens() / spec.engine().blockTokens();
        s.level(fromNs, ServingSeries.KV_USED, blocks - s.current(ServingSeries.KV_USED));
    }

    @Override
    public void replicaStarted(ServingReplicaSpec replica, ServingModel model, int[] gpus, long nowNs) {
        endEpoch(nowNs, false);
        ReplicaEngine handle = new ReplicaEngine(replica.id(), replica.index(), replica.role(), model, sim,
                NO_LISTENER, metrics);
        long delay = pool.started(replica, handle, gpus, nowNs);
        sim.schedule(nowNs + delay, s -> {
            endEpoch(s.nowNs(), false);
            pool.activate(replica, s.nowNs());
        });
    }

    @Override
    public void replicaStopped(ServingReplicaSpec replica, long nowNs) {
        endEpoch(nowNs, false);
        pool.stopped(replica, nowNs);
    }

    @Override
    public ServiceResult outcome(long endNs, int points) {
        if (!retired && started && endNs > epochStartNs) {
            flow(epochStartNs, endNs, (endNs - epochStartNs) / 1e9);
            epochStartNs = endNs;
        }
        return ServiceReport.of(spec, metrics, pool, autoscaler, Math.round(backlog), endNs, points);
    }

    /**
     * An epoch's prefill iteration time by prompt length, costed at a few log-spaced lengths and
     * interpolated between them, so the length sample costs arithmetic, not a model call each.
     */
    private static final class PrefillTable {
        private final double[] tokens;
        private final double[] seconds;

        PrefillTable(SteadyState st, int min, int max, int points) {
            int n = max > min ? points : 1;
            tokens = new double[n];
            seconds = new double[n];
            for (int i = 0; i < n; i++) {
                double t = n == 1 ? min : min * Math.pow((double) max / min, (double) i / (n - 1));
                tokens[i] = t;
                seconds[i] = st.prefillIterationS((int) Math.round(t));
            }
        }

        double seconds(int prompt) {
            if (tokens.length == 1 || prompt <= tokens[0]) {
                return seconds[0];
            }
            for (int i = 1; i < tokens.length; i++) {
                if (prompt <= tokens[i]) {
                    double f = (prompt - tokens[i - 1]) / (tokens[i] - tokens[i - 1]);
                    return seconds[i - 1] + f * (seconds[i] - seconds[i - 1]);
                }
            }
            return seconds[tokens.length - 1];
        }
    }

    /** Replicas in the fluid mode are handles for the pool: they never receive a request. */
    private static final ReplicaListener NO_LISTENER = new ReplicaListener() {
        @Override
        public void firstToken(ReplicaEngine replica, Request r, long nowNs) {
        }

        @Override
        public void finished(ReplicaEngine replica, Request r, long nowNs) {
        }

        @Override
        public void prefilled(ReplicaEngine replica, Request r, long nowNs) {
        }

        @Override
        public void idle(ReplicaEngine replica, long nowNs) {
        }
    };
}
