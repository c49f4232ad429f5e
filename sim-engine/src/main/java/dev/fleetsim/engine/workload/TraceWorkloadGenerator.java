package dev.fleetsim.engine.workload;

import dev.fleetsim.engine.kernel.Beside;
import dev.fleetsim.engine.kernel.RandomStreams;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;

/**
 * Draws the jobs of a {@link TraceGeneratorSpec}. Each part has its own named stream
 * ({@code workload/<name>/arrivals}, {@code .../diurnal}, {@code .../gpus}, {@code .../durations},
 * {@code .../tenants}), so changing, say, the tenant list leaves every job's arrival, size and
 * duration as it was. A drawn duration becomes iterations through the job shape's iteration
 * time on the generator's reference hardware, which the caller supplies (the engine's perf
 * model on the trace's own GPU, or on the scenario's cluster), so a job is a fixed amount of
 * work: it runs for its drawn duration on the reference, faster on a faster GPU. A forecast
 * ({@code growth}, {@code rateCurve}) rescales arrival times and {@code sizeGrowth} refits the
 * GPU-count distribution once per simulated day to the grown mean.
 */
public final class TraceWorkloadGenerator {

    /** The hour of the simulated day (time 0 = midnight) at which a diurnal rate peaks. */
    public static final double DIURNAL_PEAK_H = 14;
    private static final double DAY_NS = 86_400e9;

    /** The fitted distributions of one generator: its GPU counts and its durations. */
    public record Fit(GpuCountDistribution gpus, TruncatedLogNormal durations) {
        public static Fit of(TraceProfile p, int maxGpus) {
            return new Fit(GpuCountDistribution.fit(p.meanGpusInUnits(), maxGpus),
                    TruncatedLogNormal.fit(p.medianRunS(), p.meanRunS(), p.maxRunS()));
        }
    }

    private TraceWorkloadGenerator() {
    }

    /**
     * The generator's jobs in submit order.
     *
     * @param iterationTimeS seconds per iteration of a job shape on the generator's reference
     *                       ({@link TraceGeneratorSpec#reference}); 0 (or less) for a shape that
     *                       cannot be costed there, whose jobs get one iteration (on the cluster,
     *                       they are rejected on arrival with the engine's reason)
     */
    public static List<TrainingJobSpec> draw(TraceGeneratorSpec g, RandomStreams streams,
                                             ToDoubleFunction<TrainingJobSpec> iterationTimeS) {
        Draws draws = new Draws(g, streams, iterationTimeS);
        Drawn drawn = new Drawn(g.count());
        double t = g.startNs();
        for (int i = 0; i < g.count(); i++) {
            if (i > 0) {
                t = draws.nextArrival();
                if (t >= ArrivalClock.END_NS) {
                    break; // a shrinking forecast's arrivals died out before count jobs
                }
            }
            draws.draw(drawn, i, t);
        }
        // Each job's scores, duration, id and spec depend on its own draws alone: the second half beside the first.
        int n = drawn.count;
        int half = n / 2;
        Beside<TrainingJobSpec[]> tail = Beside.of(n, () -> draws.jobs(drawn, half, n));
        List<TrainingJobSpec> out = new ArrayList<>(n);
        out.addAll(Arrays.asList(draws.jobs(drawn, 0, half)));
        out.addAll(Arrays.asList(tail.join()));
        return out;
    }

    /**
     * The sequential part of every job's draw, in job order: its submit time, its uniforms from
     * each stream, and its GPU count (the size mix keeps a per-day cache).
     */
    private static final class Drawn {
        final double[] t;
        final double[] uSize;
        final double[] uLength;
        final double[] uOwner;
        final int[] gpus;
        int count;

        Drawn(int n) {
            t = new double[n];
            uSize = new double[n];
            uLength = new double[n];
            uOwner = new double[n];
            gpus = new int[n];
        }
    }

    /**
     * One generator's streams and fitted distributions. A job is drawn by a method call rather
     * than in the body of one long loop: a loop that runs once is interpreted until the JIT
     * replaces it on the stack (tens of thousands of iterations), a method is compiled after a
     * few hundred calls.
     */
    private static final class Draws {
        private final TraceGeneratorSpec g;
        private final TruncatedLogNormal durations;
        private final double keptMass;
        private final UniformRandomProvider diurnal;
        private final UniformRandomProvider sizes;
        private final UniformRandomProvider lengths;
        private final UniformRandomProvider owners;
        private final double a;
        private final double rho;
        private final ZigguratSampler.Exponential gaps;
        private final double[] tenantCumulative;
        private final ArrivalClock clock;
        private final SizeMix sizeMix;
        private final TrainingJobSpec[] shapes;
        private final double[] iterationS;
        private final int digits;
        private final ToDoubleFunction<TrainingJobSpec> iterationTimeS;

        Draws(TraceGeneratorSpec g, RandomStreams streams, ToDoubleFunction<TrainingJobSpec> iterationTimeS) {
            this.g = g;
            this.iterationTimeS = iterationTimeS;
            TraceProfile profile = TraceProfile.get(g.trace());
            Fit fit = Fit.of(profile, g.maxGpus());
            durations = fit.durations();
            keptMass = durations.keptMass();
            String prefix = "workload/" + g.name() + "/";
            UniformRandomProvider arrivals = streams.stream(prefix + "arrivals");
            diurnal = streams.stream(prefix + "diurnal");
            sizes = streams.stream(prefix + "gpus");
            lengths = streams.stream(prefix + "durations");
            owners = streams.stream(prefix + "tenants");
            a = g.diurnalAmplitude();
            rho = g.sizeDurationCorrelation();
            double meanGapNs = profile.meanInterarrivalS() * 1e9 / g.scale();
            // Thinning (Lewis and Shedler): candidates at the peak rate, each kept with rate(t) / peak.
            gaps = ZigguratSampler.Exponential.of(arrivals, meanGapNs / (1 + a));
            tenantCumulative = zipf(g.tenants().size(), g.tenantSkew());
            clock = new ArrivalClock(g.startNs(), g.growth());
            sizeMix = new SizeMix(fit.gpus(), profile.meanGpusInUnits(), g.maxGpus(), g.sizeGrowth());
            int slots = Integer.numberOfTrailingZeros(g.maxGpus()) + 1;
            shapes = new TrainingJobSpec[slots];
            iterationS = new double[slots];
            digits = Math.max(4, String.valueOf(g.count()).length());
        }

        /** The next kept arrival time; {@link ArrivalClock#END_NS} or later when arrivals died out. */
        double nextArrival() {
            double t;
            do {
                t = clock.advance(gaps.sample());
            } while (a > 0 && t < ArrivalClock.END_NS
                    && diurnal.nextDouble() * (1 + a) > 1 + a * Math.cos(2 * Math.PI * (t / DAY_NS - DIURNAL_PEAK_H / 24)));
            return t;
        }

        /**
         * Job {@code i}'s (from 0) draws from the streams, submitted at {@code t}, and its GPU
         * count; the first job of each size costs its shape's iteration time here, in job order.
         */
        void draw(Drawn d, int i, double t) {
            double uSize = sizes.nextDouble();
            d.t[i] = t;
            d.uSize[i] = uSize;
            d.uLength[i] = lengths.nextDouble();
            d.uOwner[i] = owners.nextDouble();
            int gpus = sizeMix.at(t - g.startNs()).sample(uSize);
            d.gpus[i] = gpus;
            int slot = Integer.numberOfTrailingZeros(gpus);
            if (shapes[slot] == null) {
                shapes[slot] = TraceShapes.prototype(gpus, g.gpuType());
                iterationS[slot] = iterationTimeS.applyAsDouble(shapes[slot]);
            }
            d.count = i + 1;
        }

        /** Jobs {@code from} to {@code to} (exclusive) from their draws: reads only, so two threads may build two ranges. */
        TrainingJobSpec[] jobs(Drawn d, int from, int to) {
            TrainingJobSpec[] out = new TrainingJobSpec[to - from];
            for (int i = from; i < to; i++) {
                out[i - from] = job(i, d.t[i], d.uSize[i], d.uLength[i], d.uOwner[i], d.gpus[i]);
            }
            return out;
        }

        /** Job {@code i} (from 0), submitted at {@code t}, from its uniforms and GPU count. */
        private TrainingJobSpec job(int i, double t, double uSize, double uLength, double uOwner, int gpus) {
            if (rho != 0) {
                // Gaussian copula: the duration's normal score leans on the size's by rho; both marginals stay exact.
                // Half an ulp of offset keeps both scores finite when nextDouble() returns exactly 0.
                double zSize = TruncatedLogNormal.inversePhi(uSize + 0x1.0p-54);
                double zLength = TruncatedLogNormal.inversePhi(uLength + 0x1.0p-54);
                uLength = TruncatedLogNormal.phi(rho * zSize + Math.sqrt(1 - rho * rho) * zLength);
            }
            double durationS = durations.quantile(uLength, keptMass);
            String tenant = g.tenants().get(pick(tenantCumulative, uOwner));
            int slot = Integer.numberOfTrailingZeros(gpus);
            TrainingJobSpec p = shapes[slot];
            long iterations = iterationS[slot] > 0 ? Math.max(1, Math.round(durationS / iterationS[slot])) : 1;
            return new TrainingJobSpec(WorkloadGenerator.jobId(g.name(), i + 1, digits), p.model(), p.precision(),
                    p.globalBatchSeqs(), p.microBatchSeqs(), p.parallelism(), p.recompute(), p.zeroStage(),
                    p.dpOverlap(), p.flashAttention(), iterations, (long) t, tenant, p.priority(), p.gpuType(),
                    OptionalLong.empty(), p.options());
        }
    }

    /** Cumulative Zipf shares: tenant i (from 1) gets 1 / i^s of the total. */
    static double[] zipf(int n, double s) {
        double[] c = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.pow(i + 1, -s);
            c[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            c[i] /= sum;
        }
        return c;
    }

    private static int pick(double[] cumulative, double u) {
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }
}
