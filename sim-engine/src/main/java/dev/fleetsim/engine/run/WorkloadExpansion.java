package dev.fleetsim.engine.run;

import dev.fleetsim.engine.kernel.RandomStreams;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.WorkloadSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.JobSpec;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import dev.fleetsim.engine.workload.TraceWorkloadGenerator;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.engine.workload.WorkloadGenerator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns a scenario's workload section into its full job list, the way a run does: listed jobs,
 * mix generators and trace generators, with trace durations turned into iterations by each job
 * shape's iteration time on its generator's reference hardware (the trace's own GPU unless the
 * scenario says otherwise). Also usable without a run, to look at
 * a generated workload; a run's own {@code JobRecord}s carry every job's ideal figures, which is
 * what derived metrics read.
 */
public final class WorkloadExpansion {

    /**
     * A job as it will be submitted, its ideal run time on the cluster (0 when the cluster cannot
     * run it), and its run time on the reference hardware its length was drawn for: for a trace
     * job, iterations × the shape's iteration time on the generator's reference (the drawn
     * duration, to within half an iteration); for any other job, its ideal run time.
     */
    public record ExpandedJob(JobSpec spec, double idealRunTimeS, double referenceRunTimeS) {
    }

    private WorkloadExpansion() {
    }

    /** The scenario's jobs in submit order, each with its ideal run time under {@code models}. */
    public static List<ExpandedJob> of(ScenarioSpec scenario, PerformanceModels models) {
        Topology topology = Topology.build(scenario.cluster(), scenario.hardware());
        JobRuntimes runtimes = new JobRuntimes(scenario, topology, models, RunHooks.inert("nothing runs in an expansion"));
        List<JobSpec> specs = expand(scenario, runtimes);
        // Trace jobs by id with their generator's reference speed (generators draw from their own streams).
        Map<String, ToDoubleFunction<TrainingJobSpec>> referenceOf = new HashMap<>();
        RandomStreams streams = new RandomStreams(scenario.simulation().seed());
        for (TraceGeneratorSpec g : scenario.workload().traceGenerators()) {
            ToDoubleFunction<TrainingJobSpec> times = runtimes.traceIterationTimes(g);
            for (TrainingJobSpec j : TraceWorkloadGenerator.draw(g, streams, times)) {
                referenceOf.put(j.id(), times);
            }
        }
        List<ExpandedJob> out = new ArrayList<>(specs.size());
        for (JobSpec s : specs) {
            double ideal = runtimes.create(out.size(), s).traits.idealRunSeconds();
            ToDoubleFunction<TrainingJobSpec> ref = referenceOf.get(s.id());
            double reference = ref == null ? ideal
                    : ((TrainingJobSpec) s).iterations() * ref.applyAsDouble((TrainingJobSpec) s);
            out.add(new ExpandedJob(s, ideal, reference));
        }
        return out;
    }

    /** The jobs, sorted by submit time then id; trace jobs sized as work on each generator's reference hardware. */
    static List<JobSpec> expand(ScenarioSpec scenario, JobRuntimes runtimes) {
        WorkloadSpec w = scenario.workload();
        return WorkloadGenerator.expand(w.jobs(), w.generators(), w.traceGenerators(),
                new RandomStreams(scenario.simulation().seed()), runtimes::traceIterationTimes);
    }
}
