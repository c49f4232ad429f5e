package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.Admission;
import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.metrics.RequestRecord;
import dev.fleetsim.engine.metrics.ServiceResult;
import dev.fleetsim.engine.metrics.ServiceSummary;
import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.serving.IsolatedDeployment;
import dev.fleetsim.engine.serving.ReplicaMemory;
import dev.fleetsim.engine.serving.ServingModel;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ReplicaRole;
import dev.fleetsim.engine.workload.ServingReplicaSpec;
import dev.fleetsim.engine.workload.serving.ArrivalSpec;
import dev.fleetsim.engine.workload.serving.RequestStreamSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import dev.fleetsim.engine.workload.serving.ServingMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One deployment's latency at a request rate and the highest rate at which it still meets its
 * objectives (for its {@code slo.attainment} share of requests), found by bisection over short
 * simulations of the deployment alone on its replicas' ideal placements (Vidur-Search for one
 * configuration): what {@code fleetsim estimate serving} prints. Each simulation is the run's own
 * replica engine at iteration level, with the deployment's fixed replica count (its autoscaler's
 * maximum when it has one) and its stream's lengths and burstiness at the rate tried, stationary
 * (no daily cycle); a rate counts as met when the requests arriving after the first 20 % of the
 * trial and before its last 10 % meet the objectives often enough (so neither the empty start nor
 * the drain decides), and the search stops within {@value #PRECISION} of the rate.
 *
 * @param service the deployment as estimated (fixed replicas, iteration mode)
 * @param gpuType the GPU type its replicas were placed on
 * @param placements each replica's GPUs, node by node
 * @param memory one GPU's memory: weights, workspace, KV cache
 * @param prefillS one iteration prefilling a prompt of the stream's mean length alone
 * @param decodeStepS one decode iteration of a single request at the mean context
 * @param atRate the simulation at {@code ratePerS} (the whole trial, its warm-up and drain included)
 * @param atRateSteadyAttainment the share meeting both objectives among the requests the verdict counts (those
 *                               arriving after the trial's first 20 % and before its last 10 %)
 * @param maxRatePerS the highest rate found to meet the objectives (0 when none does)
 * @param atMaxRate the simulation at that rate (null when none)
 * @param atMaxRateSteadyAttainment the verdict's share at that rate (0 when none)
 * @param requestsPerTrial requests each simulation sends
 * @param trials simulations the search ran
 */
public record ServingEstimate(ServiceSpec service, String gpuType, List<String> placements, ReplicaMemory memory,
                              double prefillS, double decodeStepS, double ratePerS, ServiceSummary atRate,
                              double atRateSteadyAttainment, double maxRatePerS, ServiceSummary atMaxRate,
                              double atMaxRateSteadyAttainment, long requestsPerTrial, int trials) {

    /** Relative width at which the bisection stops. */
    static final double PRECISION = 0.02;

    public ServingEstimate {
        placements = List.copyOf(placements);
    }

    /** The deployment named {@code service}, or the scenario's only one; IllegalArgumentException otherwise. */
    public static ServiceSpec chosen(ScenarioSpec spec, Optional<String> service) {
        List<ServiceSpec> services = spec.workload().services();
        if (service.isPresent()) {
            List<String> names = services.stream().map(ServiceSpec::name).toList();
            return services.stream().filter(s -> s.name().equals(service.get())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--service: found " + Echo.quoted(service.get())
                            + "; expected " + (names.isEmpty() ? "a scenario with services in workload.services: this one has none"
                            : "a service of the scenario: " + Suggestions.oneOf(service.get(), names))));
        }
        if (services.size() == 1) {
            return services.get(0);
        }
        throw new IllegalArgumentException("workload.services: found " + services.size() + " services"
                + (services.isEmpty() ? "" : " (" + String.join(", ", services.stream().map(ServiceSpec::name).toList()) + ")")
                + "; expected one, or --service NAME to pick one: estimate serving sizes one deployment");
    }

    /**
     * Estimates {@code service} of {@code scenario} at {@code ratePerS} (≤ 0: its own rate) with
     * {@code requests} requests per simulation (≤ 0: a minute of traffic at the rate tried, 1,000
     * to 10,000).
     *
     * @throws JobNotPlaceableException when no GPU type of the cluster can hold a replica
     * @throws IllegalArgumentException when the cluster cannot place every replica at once, or the stream is a trace
     */
    public static ServingEstimate of(ScenarioSpec scenario, ServiceSpec service, double ratePerS, long requests) {
        if (service.requests().arrival().trace().isPresent()) {
            throw new IllegalArgumentException("service " + service.name() + ": estimate serving needs a generated "
                    + "stream (arrival poisson or gamma), not a trace");
        }
        int replicas = service.disaggregation().isPresent() ? 0
                : service.autoscale().map(a -> a.max()).orElse(Math.max(1, service.replicas()));
        ServiceSpec fixed = service.withFixedReplicas(replicas).withMode(ServingMode.ITERATION);
        Topology topology = Topology.build(scenario.cluster(), scenario.hardware());
        Admission admission = Admission.of(topology, JobRuntimes.fit(PerformanceModels.of(scenario).training().apply(topology)));
        ServingReplicaSpec shape = new ServingReplicaSpec(fixed, ReplicaRole.REPLICA, 0, 0);
        Admission.Verdict v = admission.admit(shape);
        if (!v.admitted()) {
            throw new JobNotPlaceableException(shape.id(), v.reason());
        }
        String type = v.gpuTypes().get(0);
        int count = fixed.disaggregation().map(d -> d.prefillReplicas() + d.decodeReplicas()).orElse(replicas);
        List<int[]> groups = groups(topology, type, fixed.gpusPerReplica(), count);
        List<String> placements = new ArrayList<>();
        groups.forEach(g -> placements.add(Placements.describe(topology, g)));
        ServingModel model = ServingModel.of(fixed, topology.gpuSpecOf(groups.get(0)[0]), new AnalyticCollectiveModel(topology),
                groups.get(0));
        int prompt = (int) Math.max(1, Math.round(fixed.requests().input().mean()
                + fixed.requests().prefix().map(p -> p.tokens() * p.share()).orElse(0.0)));
        double prefill = model.iterationSeconds(0, 0, prompt, prompt * (prompt + 1) / 2.0, 0, 1);
        double decode = model.iterationSeconds(1, prompt + fixed.requests().output().mean() / 2, 0, 0, 0, 1);
        double rate = ratePerS > 0 ? ratePerS : fixed.requests().arrival().ratePerS();
        Search search = new Search(scenario, fixed, topology, groups, requests);
        ServiceResult atRate = search.trial(rate);
        // The bracket: a rate that meets the objectives below, one that does not above.
        double lo = 0;
        ServiceResult best = null;
        double hi = Math.max(rate, 1e-3);
        ServiceResult probe = atRate;
        while (search.meets(probe) && hi < 1e7) {
            lo = hi;
            best = probe;
            hi *= 2;
            probe = search.trial(hi);
        }
        if (best == null) {
            // The given rate fails: come down until one meets the objectives (or give up near zero).
            while (!search.meets(probe) && hi > 1e-3) {
                hi /= 2;
                probe = search.trial(hi);
            }
            if (search.meets(probe)) {
                lo = hi;
                best = probe;
                hi *= 2;
            }
        }
        while (best != null && hi - lo > PRECISION * lo) {
            double mid = (lo + hi) / 2;
            ServiceResult at = search.trial(mid);
            if (search.meets(at)) {
                lo = mid;
                best = at;
            } else {
                hi = mid;
            }
        }
        return new ServingEstimate(fixed, type, placements, model.memory(), prefill, decode, rate, atRate.summary(),
                Search.steadyAttainment(atRate), best == null ? 0 : lo, best == null ? null : best.summary(),
                best == null ? 0 : Search.steadyAttainment(best), search.requestsAt(rate), search.trials);
    }

    /** {@code count} groups of {@code size} GPUs of {@code type}, first fit node by node on the idle cluster. */
    static List<int[]> groups(Topology topology, String type, int size, int count) {
        List<int[]> out = new ArrayList<>();
        List<Integer> free = new ArrayList<>();
        for (Topology.Node n : topology.nodes()) {
            if (n.gpu().name().equals(type)) {
                for (int g = n.firstGpu(); g < n.firstGpu() + n.gpuCount(); g++) {
                    free.add(g);
                }
            }
        }
        if (free.size() < (long) size * count) {
            throw new IllegalArgumentException("the cluster has " + free.size() + " " + type + " GPUs; " + count
                    + " replicas of " + size + " need " + (long) size * count);
        }
        for (int r = 0; r < count; r++) {
            int[] g = new int[size];
            for (int i = 0; i < size; i++) {
                g[i] = free.get(r * size + i);
            }
            out.add(g);
        }
        return out;
    }

    /** The simulations of one search, counted. */
    private static final class Search {
        /** Requests arriving in the first and last parts of a trial are left out of its verdict (warm-up, drain). */
        static final double WARM_UP = 0.2;
        static final double COOL_DOWN = 0.1;
        private final ScenarioSpec scenario;
        private final ServiceSpec service;
        private final Topology topology;
        private final List<int[]> groups;
        private final long requests;
        int trials;

        Search(ScenarioSpec scenario, ServiceSpec service, Topology topology, List<int[]> groups, long requests) {
            this.scenario = scenario;
            this.service = service;
            this.topology = topology;
            this.groups = groups;
            this.requests = requests;
        }

        /**
         * Requests per trial: enough for the batch to fill and the queue to show whether it grows: four
         * times what every replica can run at once, a minute of traffic, and at least 1,000.
         */
        long requestsAt(double rate) {
            if (requests > 0) {
                return requests;
            }
            long concurrency = (long) groups.size() * service.engine().maxSeqs();
            return Math.min(50_000, Math.max(Math.max(1000, 4 * concurrency), Math.round(60 * rate)));
        }

        ServiceResult trial(double rate) {
            trials++;
            RequestStreamSpec r = service.requests();
            long n = requestsAt(rate);
            // A stationary stream at the rate tried: no daily cycle, no duration, every request kept for the verdict.
            ArrivalSpec arrival = new ArrivalSpec(r.arrival().process(), rate, r.arrival().cv(), Optional.empty(),
                    Optional.empty());
            ServiceSpec s = service.withRequests(new RequestStreamSpec(arrival, OptionalLong.of(n), OptionalLong.empty(),
                    r.input(), r.output(), r.prefix())).withSampleRequests((int) n);
            return IsolatedDeployment.run(s, topology, groups, scenario.simulation().seed(), Long.MAX_VALUE, 10);
        }

        /**
         * Whether the requests that arrived after the warm-up and before the drain met the objectives
         * often enough: a rate above what the deployment sustains queues more and more, so its later
         * requests miss their TTFT however the early ones fared.
         */
        boolean meets(ServiceResult result) {
            return steadyAttainment(result) >= service.slo().attainment();
        }

        /** The share meeting both objectives among the requests that arrived between the warm-up and the drain. */
        static double steadyAttainment(ServiceResult result) {
            List<RequestRecord> records = result.requests();
            if (records.isEmpty()) {
                return 0;
            }
            long first = records.get(0).arrivalNs();
            long last = records.get(records.size() - 1).arrivalNs();
            long from = first + (long) (WARM_UP * (last - first));
            long to = last - (long) (COOL_DOWN * (last - first));
            long met = 0;
            long counted = 0;
            for (RequestRecord rec : records) {
                if (rec.arrivalNs() >= from && rec.arrivalNs() <= to) {
                    counted++;
                    met += rec.sloMet() ? 1 : 0;
                }
            }
            return counted == 0 ? 0 : (double) met / counted;
        }
    }
}
