package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.scenario.SimulationSpec;
import dev.fleetsim.engine.scenario.WorkloadSpec;
import dev.fleetsim.engine.testing.InOrderPolicy;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.engine.workload.serving.ArrivalSpec;
import dev.fleetsim.engine.workload.serving.AutoscaleSpec;
import dev.fleetsim.engine.workload.serving.DisaggregationSpec;
import dev.fleetsim.engine.workload.serving.EngineSpec;
import dev.fleetsim.engine.workload.serving.LengthSpec;
import dev.fleetsim.engine.workload.serving.PrefixSpec;
import dev.fleetsim.engine.workload.serving.QuantFormat;
import dev.fleetsim.engine.workload.serving.RequestStreamSpec;
import dev.fleetsim.engine.workload.serving.RouterKind;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import dev.fleetsim.engine.workload.serving.ServingMode;
import dev.fleetsim.engine.workload.serving.SloSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Deployments and scenarios built in code for the serving tests, with vLLM's engine defaults. */
final class ServingFixtures {
    private ServingFixtures() {
    }

    static ModelSpec model(String name) {
        return ModelCatalog.find(name).orElseThrow();
    }

    static RequestStreamSpec poisson(double ratePerS, long count, LengthSpec input, LengthSpec output) {
        return new RequestStreamSpec(ArrivalSpec.poisson(ratePerS), OptionalLong.of(count), OptionalLong.empty(), input,
                output, Optional.empty());
    }

    static ServiceSpec service(String name, ModelSpec model, int tp, int replicas, RequestStreamSpec requests) {
        return new ServiceSpec(name, "default", 0, 0, model, QuantFormat.BF16, QuantFormat.BF16, tp, 1, Optional.empty(),
                replicas, Optional.empty(), Optional.empty(), EngineSpec.VLLM, RouterKind.LEAST_OUTSTANDING, requests,
                SloSpec.DEFAULT, ServingMode.ITERATION, ServiceSpec.DEFAULT_SAMPLE_REQUESTS);
    }

    static ServiceSpec withRouter(ServiceSpec s, RouterKind router) {
        return new ServiceSpec(s.name(), s.tenant(), s.priority(), s.startNs(), s.model(), s.weights(), s.kvCache(), s.tp(),
                s.pp(), s.gpuType(), s.replicas(), s.autoscale(), s.disaggregation(), s.engine(), router, s.requests(),
                s.slo(), s.mode(), s.sampleRequests());
    }

    static ServiceSpec withAutoscale(ServiceSpec s, AutoscaleSpec a) {
        return new ServiceSpec(s.name(), s.tenant(), s.priority(), s.startNs(), s.model(), s.weights(), s.kvCache(), s.tp(),
                s.pp(), s.gpuType(), s.replicas(), Optional.of(a), s.disaggregation(), s.engine(), s.router(), s.requests(),
                s.slo(), s.mode(), s.sampleRequests());
    }

    static ServiceSpec withDisaggregation(ServiceSpec s, DisaggregationSpec d) {
        return new ServiceSpec(s.name(), s.tenant(), s.priority(), s.startNs(), s.model(), s.weights(), s.kvCache(), s.tp(),
                s.pp(), s.gpuType(), s.replicas(), s.autoscale(), Optional.of(d), s.engine(), s.router(), s.requests(),
                s.slo(), s.mode(), s.sampleRequests());
    }

    static ServiceSpec withPp(ServiceSpec s, int pp) {
        return new ServiceSpec(s.name(), s.tenant(), s.priority(), s.startNs(), s.model(), s.weights(), s.kvCache(), s.tp(),
                pp, s.gpuType(), s.replicas(), s.autoscale(), s.disaggregation(), s.engine(), s.router(), s.requests(),
                s.slo(), s.mode(), s.sampleRequests());
    }

    static ServiceSpec withPriority(ServiceSpec s, int priority) {
        return new ServiceSpec(s.name(), s.tenant(), priority, s.startNs(), s.model(), s.weights(), s.kvCache(), s.tp(),
                s.pp(), s.gpuType(), s.replicas(), s.autoscale(), s.disaggregation(), s.engine(), s.router(), s.requests(),
                s.slo(), s.mode(), s.sampleRequests());
    }

    static ServiceSpec withPrefix(ServiceSpec s, PrefixSpec p) {
        RequestStreamSpec r = s.requests();
        return s.withRequests(new RequestStreamSpec(r.arrival(), r.count(), r.durationNs(), r.input(), r.output(),
                Optional.of(p)));
    }

    static ScenarioSpec scenario(ClusterSpec cluster, List<ServiceSpec> services, List<TrainingJobSpec> jobs,
                                 PolicySpec policy) {
        return new ScenarioSpec("serving-test", "", new SimulationSpec(OptionalLong.empty(), 1, 100, false),
                HardwareCatalog.defaults(), cluster, new WorkloadSpec(List.copyOf(jobs), List.of(), List.of(), services),
                policy, Scenarios.DEFAULT_COST);
    }

    static ClusterSpec h100(int nodes) {
        return Scenarios.homogeneous("H100-SXM", nodes, 8, Scenarios.DEFAULT_FABRIC);
    }

    /** The engine with the test policy only (the real policies live downstream). */
    static final Fleetsim FLEETSIM = Fleetsim.builder().policies(InOrderPolicy.REGISTRY).artifacts(List.of()).build();

    static RunResult run(ScenarioSpec spec) {
        return FLEETSIM.run(spec, SimulationObserver.NONE);
    }

    static PolicySpec fifo() {
        return new PolicySpec("in-order", Map.of());
    }
}
