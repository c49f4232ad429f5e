package dev.fleetsim.engine.workload.serving;

import dev.fleetsim.engine.workload.ModelSpec;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One inference deployment ({@code workload.services[]}): the model and how it is stored, the
 * layout of one replica, how many replicas (fixed, autoscaled, or prefill and decode pools), the
 * engine every replica runs, the router in front of them, the requests it serves and its
 * latency objectives. Each replica is a gang of {@code tp × pp} GPUs that the cluster's scheduler
 * places like any job; it runs until it is scaled down or the deployment retires.
 *
 * @param name unique among services; names its replicas {@code <name>/replica-0}, ...
 * @param startNs when the deployment's replicas are submitted and its requests begin
 * @param model the transformer served
 * @param weights weight format
 * @param kvCache KV-cache format
 * @param tp tensor-parallel degree of a replica (its GPUs stay in one NVLink domain when they can)
 * @param pp pipeline stages of a replica
 * @param gpuType the GPU type replicas require, or empty for any the model fits
 * @param replicas replicas at the start (fixed when there is no autoscaler; ignored with disaggregation)
 * @param mode iteration-level or fluid simulation
 * @param sampleRequests rows of {@code requests.csv} for this deployment: every request up to this many, a seeded
 *                       sample of this many beyond
 */
public record ServiceSpec(String name, String tenant, int priority, long startNs, ModelSpec model, QuantFormat weights,
                          QuantFormat kvCache, int tp, int pp, Optional<String> gpuType, int replicas,
                          Optional<AutoscaleSpec> autoscale, Optional<DisaggregationSpec> disaggregation,
                          EngineSpec engine, RouterKind router, RequestStreamSpec requests, SloSpec slo,
                          ServingMode mode, int sampleRequests) {

    public ServiceSpec {
        if (tp < 1 || pp < 1 || replicas < 0 || sampleRequests < 0) {
            throw new IllegalArgumentException("service " + name + ": tp, pp >= 1, replicas and sampleRequests >= 0");
        }
    }

    /** GPUs of one replica. */
    public int gpusPerReplica() {
        return tp * pp;
    }

    /**
     * What decides where a replica can run and how fast (model, formats, layout, GPU type, engine),
     * with everything else blanked: replicas of every service of one shape share admission work.
     */
    public ServiceSpec shape() {
        return new ServiceSpec("", "", 0, 0, model, weights, kvCache, tp, pp, gpuType, 1, Optional.empty(),
                Optional.empty(), engine, RouterKind.ROUND_ROBIN, SHAPE_REQUESTS, SloSpec.DEFAULT, ServingMode.ITERATION, 0);
    }

    /** The same deployment serving another request stream (estimate serving searches over rates with it). */
    public ServiceSpec withRequests(RequestStreamSpec newRequests) {
        return new ServiceSpec(name, tenant, priority, startNs, model, weights, kvCache, tp, pp, gpuType, replicas,
                autoscale, disaggregation, engine, router, newRequests, slo, mode, sampleRequests);
    }

    /** The same deployment with a fixed number of replicas and no autoscaler. */
    public ServiceSpec withFixedReplicas(int n) {
        return new ServiceSpec(name, tenant, priority, startNs, model, weights, kvCache, tp, pp, gpuType, n,
                Optional.empty(), disaggregation, engine, router, requests, slo, mode, sampleRequests);
    }

    public ServiceSpec withMode(ServingMode newMode) {
        return new ServiceSpec(name, tenant, priority, startNs, model, weights, kvCache, tp, pp, gpuType, replicas,
                autoscale, disaggregation, engine, router, requests, slo, newMode, sampleRequests);
    }

    public ServiceSpec withSampleRequests(int n) {
        return new ServiceSpec(name, tenant, priority, startNs, model, weights, kvCache, tp, pp, gpuType, replicas,
                autoscale, disaggregation, engine, router, requests, slo, mode, n);
    }

    public ServiceSpec withEngine(EngineSpec newEngine) {
        return new ServiceSpec(name, tenant, priority, startNs, model, weights, kvCache, tp, pp, gpuType, replicas,
                autoscale, disaggregation, newEngine, router, requests, slo, mode, sampleRequests);
    }

    /** Rows of {@code requests.csv} a deployment keeps by default. */
    public static final int DEFAULT_SAMPLE_REQUESTS = 100_000;

    private static final RequestStreamSpec SHAPE_REQUESTS = new RequestStreamSpec(ArrivalSpec.poisson(1),
            OptionalLong.of(1), OptionalLong.empty(), LengthSpec.fixed(1), LengthSpec.fixed(1), Optional.empty());
}
