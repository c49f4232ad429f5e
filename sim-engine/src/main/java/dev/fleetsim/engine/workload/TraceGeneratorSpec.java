package dev.fleetsim.engine.workload;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;

import java.util.List;
import java.util.Optional;

/**
 * A generator that draws a multi-tenant training workload from a published trace's statistics
 * ({@link TraceProfile}): Poisson arrivals at the trace's rate times {@code scale}, optionally
 * modulated by a daily cycle; GPUs per job over powers of two up to {@code maxGpus}; durations
 * from a truncated log-normal with the trace's median and mean, optionally correlated with the
 * GPU count; tenants with Zipf shares.
 *
 * @param name unique among generators; prefixes the job ids
 * @param trace the profile's name ({@code philly}, {@code helios}, {@code pai})
 * @param count jobs to draw
 * @param startNs submit time of the first job
 * @param scale arrival rate multiplier (2 = twice the trace's rate, for a cluster twice its size)
 * @param diurnalAmplitude 0 = plain Poisson; a in (0, 1): rate × (1 + a cos(2π (t − 14 h) / 1 d))
 * @param tenants tenant names, largest share first
 * @param tenantSkew Zipf exponent s of the shares, share of tenant i ∝ 1 / i^s (0 = equal shares)
 * @param sizeDurationCorrelation ρ of a Gaussian copula between a job's GPU count and its duration
 *                                (0 = independent); either marginal is unchanged by it
 * @param maxGpus the largest job, a power of two (the trace's largest unless the cluster is smaller)
 * @param gpuType required GPU type of every job, or empty for any
 * @param reference what the drawn durations are run times on: the trace's own GPU by default,
 *                  which makes each job a fixed amount of work (docs/WORKLOADS.md, "Work, not time")
 * @param growth how the arrival rate changes over the generator's span (a forecast)
 * @param sizeGrowth how the mean GPUs per job changes over the span
 */
public record TraceGeneratorSpec(String name, String trace, int count, long startNs, double scale,
                                 double diurnalAmplitude, List<String> tenants, double tenantSkew,
                                 double sizeDurationCorrelation, int maxGpus, Optional<String> gpuType,
                                 WorkReference reference, RateGrowth growth, RateGrowth sizeGrowth) {
    public TraceGeneratorSpec {
        tenants = List.copyOf(tenants);
    }

    /** A generator whose durations are on the trace's own reference GPU, at a constant rate and size mix. */
    public TraceGeneratorSpec(String name, String trace, int count, long startNs, double scale, double diurnalAmplitude,
                              List<String> tenants, double tenantSkew, double sizeDurationCorrelation, int maxGpus,
                              Optional<String> gpuType) {
        this(name, trace, count, startNs, scale, diurnalAmplitude, tenants, tenantSkew, sizeDurationCorrelation,
                maxGpus, gpuType, defaultReference(TraceProfile.get(trace)), RateGrowth.NONE, RateGrowth.NONE);
    }

    /**
     * The trace's own reference hardware, at the precision its shipped GPU entry trains a bf16
     * shape in ({@link WorkReference#trainingPrecision}: fp32 on the P40, fp16 on the V100).
     */
    public static WorkReference defaultReference(TraceProfile profile) {
        GpuSpec gpu = HardwareCatalog.defaults().get(profile.reference().gpuType());
        return WorkReference.on(profile.reference(), WorkReference.trainingPrecision(gpu::supports).orElseThrow());
    }

    /** The same generator with another work reference. */
    public TraceGeneratorSpec withReference(WorkReference newReference) {
        return new TraceGeneratorSpec(name, trace, count, startNs, scale, diurnalAmplitude, tenants, tenantSkew,
                sizeDurationCorrelation, maxGpus, gpuType, newReference, growth, sizeGrowth);
    }
}
