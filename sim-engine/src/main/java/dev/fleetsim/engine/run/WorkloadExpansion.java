package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.ClusterState;
import dev.fleetsim.engine.kernel.RandomStreams;
import dev.fleetsim.engine.perf.StepTimeModel;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.WorkloadSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.engine.workload.WorkloadGenerator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a scenario's workload section into its full job list, the way a run does: listed jobs,
 * mix generators and trace generators, with trace durations turned into iterations by each job
 * shape's ideal iteration time on the scenario's cluster. Also usable without a run, to know
 * each job's ideal run time (the denominator of its slowdown).
 */
public final class WorkloadExpansion {

    /** A job as it will be submitted and its ideal iteration time (0 when the cluster cannot run it). */
    public record ExpandedJob(TrainingJobSpec spec, double idealIterationTimeS) {
        /** Iterations × ideal iteration time: how long the job runs on an ideal placement. */
        public double idealRunTimeS() {
            return spec.iterations() * idealIterationTimeS;
        }
    }

    private WorkloadExpansion() {
    }

    /** The scenario's jobs in submit order, each with its ideal iteration time. */
    public static List<ExpandedJob> of(ScenarioSpec scenario, Function<Topology, StepTimeModel> stepModelFactory) {
        Topology topology = Topology.build(scenario.cluster(), scenario.hardware());
        JobAdmission admission = new JobAdmission(topology, new ClusterState(topology), stepModelFactory.apply(topology));
        List<TrainingJobSpec> specs = expand(scenario, admission);
        List<ExpandedJob> out = new ArrayList<>(specs.size());
        for (TrainingJobSpec s : specs) {
            out.add(new ExpandedJob(s, admission.admit(s).idealIterationTimeS()));
        }
        return out;
    }

    /** The jobs, sorted by submit time then id; trace jobs sized with {@code admission}'s ideal speeds. */
    static List<TrainingJobSpec> expand(ScenarioSpec scenario, JobAdmission admission) {
        WorkloadSpec w = scenario.workload();
        return WorkloadGenerator.expand(w.jobs(), w.generators(), w.traceGenerators(),
                new RandomStreams(scenario.simulation().seed()), shape -> admission.admit(shape).idealIterationTimeS());
    }
}
