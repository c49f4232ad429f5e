package dev.fleetsim.engine.run;

import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.scenario.WorkloadSpec;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import dev.fleetsim.engine.workload.TraceProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated workloads against the published trace figures they were fitted to, through the
 * whole expansion a run uses (the real perf model turns each drawn duration into iterations on
 * the trace's own reference GPU; the run time compared is iterations × the shape's iteration
 * time there, which is what the trace measured). GPU counts are in simulated
 * whole GPUs: for PAI, in units of its median request of half a GPU. Prints the table of
 * docs/VALIDATION.md. Tolerances: mean GPUs 3 %, mean run time 5 % (the tail is heavy: one
 * draw's coefficient of variation is about 5 after truncation, so 100k+ draws leave ±1.6 %
 * standard error), median run time 3 %, medians and maxima of GPUs exact.
 */
class TraceWorkloadValidationTest {

    private static ScenarioSpec scenario(TraceProfile p, int count, long seed, double rho) {
        int nodes = Math.max(1, p.maxGpus() / 8);
        TraceGeneratorSpec g = new TraceGeneratorSpec(p.name(), p.name(), count, 0, 1.0, 0.0,
                List.of("a", "b", "c", "d"), 1.0, rho, p.maxGpus(), Optional.empty());
        ScenarioSpec base = Scenarios.of(p.name(), seed, Scenarios.homogeneous("A100-80GB", nodes, 8, Scenarios.DEFAULT_FABRIC),
                List.of(), List.of(), new PolicySpec("fifo", Map.of()));
        return new ScenarioSpec(base.name(), "", base.simulation(), base.hardware(), base.cluster(),
                new WorkloadSpec(List.of(), List.of(), List.of(g)), base.policy(), base.cost());
    }

    private record Sample(double meanGpus, double medianGpus, double maxGpus, double meanRunS, double medianRunS,
                          double maxRunS) {
        static Sample of(List<WorkloadExpansion.ExpandedJob> jobs) {
            double[] gpus = jobs.stream().mapToDouble(j -> j.spec().gpus()).sorted().toArray();
            double[] run = jobs.stream().mapToDouble(WorkloadExpansion.ExpandedJob::referenceRunTimeS).sorted().toArray();
            return new Sample(Arrays.stream(gpus).average().orElseThrow(), gpus[gpus.length / 2], gpus[gpus.length - 1],
                    Arrays.stream(run).average().orElseThrow(), run[run.length / 2], run[run.length - 1]);
        }
    }

    @ParameterizedTest(name = "{0}, {1} jobs")
    @CsvSource({"philly, 117325", "helios, 200000", "pai, 200000"})
    void generatedSampleMatchesThePublishedFigures(String trace, int count) {
        TraceProfile p = TraceProfile.get(trace);
        List<WorkloadExpansion.ExpandedJob> jobs = WorkloadExpansion.of(scenario(p, count, 1, 0.0),
                PerformanceModels.analytic());
        Sample s = Sample.of(jobs);

        System.out.println(String.format(Locale.ROOT, "| %s | mean GPUs | %.3f | %.3f | %+.1f %% |", trace,
                p.meanGpusInUnits(), s.meanGpus(), 100 * (s.meanGpus() / p.meanGpusInUnits() - 1)));
        System.out.println(String.format(Locale.ROOT, "| %s | median GPUs | %.3f | %.3f | %+.1f %% |", trace,
                p.medianGpusInUnits(), s.medianGpus(), 100 * (s.medianGpus() / p.medianGpusInUnits() - 1)));
        System.out.println(String.format(Locale.ROOT, "| %s | max GPUs | %d | %.0f | |", trace, p.maxGpus(), s.maxGpus()));
        System.out.println(String.format(Locale.ROOT, "| %s | mean run time (s) | %.0f | %.0f | %+.1f %% |", trace,
                p.meanRunS(), s.meanRunS(), 100 * (s.meanRunS() / p.meanRunS() - 1)));
        System.out.println(String.format(Locale.ROOT, "| %s | median run time (s) | %.0f | %.0f | %+.1f %% |", trace,
                p.medianRunS(), s.medianRunS(), 100 * (s.medianRunS() / p.medianRunS() - 1)));
        System.out.println(String.format(Locale.ROOT, "| %s | max run time (s) | %.0f | %.0f | |", trace, p.maxRunS(),
                s.maxRunS()));

        assertEquals(count, jobs.size());
        assertEquals(p.meanGpusInUnits(), s.meanGpus(), 0.03 * p.meanGpusInUnits());
        assertEquals(p.medianGpusInUnits(), s.medianGpus(), 1e-12);
        assertEquals(p.maxGpus(), s.maxGpus(), 1e-12);
        assertEquals(p.meanRunS(), s.meanRunS(), 0.05 * p.meanRunS());
        assertEquals(p.medianRunS(), s.medianRunS(), 0.03 * p.medianRunS());
        assertTrue(s.maxRunS() <= p.maxRunS() * 1.01, "longest job " + s.maxRunS());
        // Philly's window: 117,325 jobs in 137 days
        if (trace.equals("philly")) {
            double lastSubmitD = jobs.get(jobs.size() - 1).spec().submitTimeNs() / 86_400e9;
            assertEquals(137, lastSubmitD, 137 * 0.02);
        }
    }

    @Test
    void correlationKeepsTheMarginalsAndMakesLargeJobsLonger() {
        TraceProfile p = TraceProfile.PHILLY;
        List<WorkloadExpansion.ExpandedJob> independent = WorkloadExpansion.of(scenario(p, 117_325, 1, 0.0),
                PerformanceModels.analytic());
        List<WorkloadExpansion.ExpandedJob> coupled = WorkloadExpansion.of(scenario(p, 117_325, 1, 0.6),
                PerformanceModels.analytic());
        Sample s = Sample.of(coupled);

        assertEquals(p.meanGpus(), s.meanGpus(), 0.03 * p.meanGpus());
        assertEquals(p.meanRunS(), s.meanRunS(), 0.05 * p.meanRunS());
        assertEquals(p.medianRunS(), s.medianRunS(), 0.03 * p.medianRunS());
        // same GPU draws job by job: the copula changes only durations
        for (int i = 0; i < 1000; i++) {
            assertEquals(independent.get(i).spec().gpus(), coupled.get(i).spec().gpus());
        }
        double gpuHoursIndependent = independent.stream().mapToDouble(j -> j.spec().gpus() * j.referenceRunTimeS()).sum() / 3600;
        double gpuHoursCoupled = coupled.stream().mapToDouble(j -> j.spec().gpus() * j.referenceRunTimeS()).sum() / 3600;
        System.out.printf(Locale.ROOT, "philly GPU-hours: independent %.0f, rho 0.6 %.0f%n", gpuHoursIndependent, gpuHoursCoupled);
        assertTrue(gpuHoursCoupled > 3 * gpuHoursIndependent, gpuHoursCoupled + " vs " + gpuHoursIndependent);
    }
}
