package dev.fleetsim.engine.workload;

import dev.fleetsim.engine.kernel.RandomStreams;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Expands a scenario's jobs and training generators into the full, submit-ordered job list. Each
 * generator draws from its own named streams ({@code workload/<name>/...}), so adding a
 * generator does not change the jobs another one draws.
 */
public final class WorkloadGenerator {

    private WorkloadGenerator() {
    }

    /** All jobs of listed jobs (any kind) and mix generators, sorted by submit time then id. */
    public static List<JobSpec> expand(List<? extends JobSpec> jobs, List<GeneratorSpec> generators,
                                       RandomStreams streams) {
        return expand(jobs, generators, List.of(), streams, trace -> shape -> 0);
    }

    /**
     * All jobs, trace generators' too, sorted by submit time then id. {@code iterationTimes}
     * gives each trace generator the iteration time of a job shape on its reference hardware,
     * which turns a drawn duration into iterations (see {@link TraceWorkloadGenerator}).
     */
    public static List<JobSpec> expand(List<? extends JobSpec> jobs, List<GeneratorSpec> generators,
                                       List<TraceGeneratorSpec> traces, RandomStreams streams,
                                       Function<TraceGeneratorSpec, ToDoubleFunction<TrainingJobSpec>> iterationTimes) {
        List<GeneratedJobs> drawn = new ArrayList<>(generators.size());
        for (GeneratorSpec g : generators) {
            drawn.add(draw(g, streams));
        }
        // One generator alone draws its jobs in the run's order: they stay in its columns (an
        // unmodifiable list, so reading it as a list of JobSpec is safe).
        if (jobs.isEmpty() && traces.isEmpty() && drawn.size() == 1 && drawn.get(0).inSubmitOrder()) {
            @SuppressWarnings("unchecked")
            List<JobSpec> only = (List<JobSpec>) (List<? extends JobSpec>) drawn.get(0);
            return only;
        }
        List<JobSpec> all = new ArrayList<>(jobs);
        for (GeneratedJobs d : drawn) {
            all.addAll(d);
        }
        for (TraceGeneratorSpec g : traces) {
            all.addAll(TraceWorkloadGenerator.draw(g, streams, iterationTimes.apply(g)));
        }
        all.sort(Comparator.comparingLong(JobSpec::submitTimeNs).thenComparing(JobSpec::id));
        return all;
    }

    static GeneratedJobs draw(GeneratorSpec g, RandomStreams streams) {
        String prefix = "workload/" + g.name() + "/";
        UniformRandomProvider arrivals = streams.stream(prefix + "arrivals");
        UniformRandomProvider kinds = streams.stream(prefix + "mix");
        UniformRandomProvider lengths = streams.stream(prefix + "lengths");
        UniformRandomProvider tenants = streams.stream(prefix + "tenants");
        ZigguratSampler.Exponential gaps = ZigguratSampler.Exponential.of(arrivals, g.meanInterarrivalNs());
        double totalWeight = g.mix().stream().mapToDouble(JobTemplateSpec::weight).sum();
        boolean weightsGrow = g.mix().stream().anyMatch(m -> !m.weightGrowth().none());
        int digits = Math.max(4, String.valueOf(g.count()).length());
        ArrivalClock clock = new ArrivalClock(g.startNs(), g.growth());

        GeneratedJobs out = new GeneratedJobs(g, digits, g.count());
        double t = g.startNs();
        for (int i = 0; i < g.count(); i++) {
            if (i > 0) {
                t = clock.advance(gaps.sample());
                if (t >= ArrivalClock.END_NS) {
                    break; // a shrinking forecast's arrivals died out before count jobs
                }
            }
            int template = weightsGrow ? pickAt(g.mix(), kinds.nextDouble(), (t - g.startNs()) / 1e9)
                    : pick(g.mix(), kinds.nextDouble() * totalWeight);
            JobTemplateSpec picked = g.mix().get(template);
            long iterations = logUniform(lengths, picked.minIterations(), picked.maxIterations());
            int tenant = g.tenants().isEmpty() ? -1 : tenants.nextInt(g.tenants().size());
            out.add(template, iterations, (long) t, tenant);
        }
        return out;
    }

    /**
     * {@code name-000n}, the number zero-padded to {@code digits}: what {@code String.format("%s-%0Nd")}
     * wrote, without a format parse per job (it was a sixth of drawing a million jobs).
     */
    static String jobId(String name, int number, int digits) {
        String n = Integer.toString(number);
        StringBuilder sb = new StringBuilder(name.length() + 1 + Math.max(digits, n.length())).append(name).append('-');
        for (int pad = digits - n.length(); pad > 0; pad--) {
            sb.append('0');
        }
        return sb.append(n).toString();
    }

    /** The index of the template at {@code point} of the weights' sum. */
    private static int pick(List<JobTemplateSpec> mix, double point) {
        double acc = 0;
        for (int i = 0; i < mix.size(); i++) {
            acc += mix.get(i).weight();
            if (point < acc) {
                return i;
            }
        }
        return mix.size() - 1;
    }

    /** The index of the template at {@code u} in [0, 1) of the weights as they are {@code sinceStartS} after the start. */
    private static int pickAt(List<JobTemplateSpec> mix, double u, double sinceStartS) {
        double total = 0;
        for (JobTemplateSpec t : mix) {
            total += t.weightAt(sinceStartS);
        }
        double point = u * total;
        double acc = 0;
        for (int i = 0; i < mix.size(); i++) {
            acc += mix.get(i).weightAt(sinceStartS);
            if (point < acc) {
                return i;
            }
        }
        return mix.size() - 1;
    }

    private static long logUniform(UniformRandomProvider rng, long min, long max) {
        if (min >= max) {
            return min;
        }
        double lo = Math.log(min);
        double hi = Math.log(max);
        return Math.max(min, Math.min(max, Math.round(Math.exp(lo + rng.nextDouble() * (hi - lo)))));
    }
}
