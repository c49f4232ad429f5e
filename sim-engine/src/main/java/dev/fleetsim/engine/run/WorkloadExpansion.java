package dev.fleetsim.engine.run;

import dev.fleetsim.engine.kernel.RandomStreams;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.WorkloadSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.JobSpec;
import dev.fleetsim.engine.workload.WorkloadGenerator;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a scenario's workload section into its full job list, the way a run does: listed jobs,
 * mix generators and trace generators, with trace durations turned into iterations by each job
 * shape's ideal iteration time on the scenario's cluster. Also usable without a run, to look at
 * a generated workload; a run's own {@code JobRecord}s carry every job's ideal figures, which is
 * what derived metrics read.
 */
public final class WorkloadExpansion {

    /** A job as it will be submitted and its ideal run time (0 when the cluster cannot run it). */
    public record ExpandedJob(JobSpec spec, double idealRunTimeS) {
    }

    private WorkloadExpansion() {
    }

    /** The scenario's jobs in submit order, each with its ideal run time under {@code models}. */
    public static List<ExpandedJob> of(ScenarioSpec scenario, PerformanceModels models) {
        Topology topology = Topology.build(scenario.cluster(), scenario.hardware());
        JobRuntimes runtimes = new JobRuntimes(scenario, topology, models, RunHooks.inert("nothing runs in an expansion"));
        List<JobSpec> specs = expand(scenario, runtimes);
        List<ExpandedJob> out = new ArrayList<>(specs.size());
        for (JobSpec s : specs) {
            out.add(new ExpandedJob(s, runtimes.create(out.size(), s).traits.idealRunSeconds()));
        }
        return out;
    }

    /** The jobs, sorted by submit time then id; trace jobs sized with the runtimes' ideal speeds. */
    static List<JobSpec> expand(ScenarioSpec scenario, JobRuntimes runtimes) {
        WorkloadSpec w = scenario.workload();
        return WorkloadGenerator.expand(w.jobs(), w.generators(), w.traceGenerators(),
                new RandomStreams(scenario.simulation().seed()), runtimes::idealIterationTimeS);
    }
}
