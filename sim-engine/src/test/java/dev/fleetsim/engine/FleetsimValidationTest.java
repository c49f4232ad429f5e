package dev.fleetsim.engine;

import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scheduling.PolicyParameterException;
import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The façade validates in one pass: structure, fit (memory) and the policy's parameters, every problem together. */
class FleetsimValidationTest {

    /** Takes {@code depth} (1-9) and {@code mode} (fast or slow), and reports every bad one. */
    private static final PolicyProvider STRICT = new PolicyProvider() {
        @Override
        public String name() {
            return "strict";
        }

        @Override
        public String description() {
            return "test only";
        }

        @Override
        public SchedulingPolicy create(Map<String, Object> params) {
            List<Problem> problems = new ArrayList<>();
            Object depth = params.getOrDefault("depth", 1L);
            if (!(depth instanceof Long) || (Long) depth < 1 || (Long) depth > 9) {
                problems.add(new Problem("depth", String.valueOf(depth), "a whole number from 1 to 9"));
            }
            Object mode = params.getOrDefault("mode", "fast");
            if (!List.of("fast", "slow").contains(mode)) {
                problems.add(new Problem("mode", "'" + mode + "'", "one of fast, slow"));
            }
            if (!problems.isEmpty()) {
                throw new PolicyParameterException(problems);
            }
            return context -> SchedulingDecision.NONE;
        }
    };

    private static final Fleetsim FLEETSIM = Fleetsim.builder().policies(PolicyRegistry.of(List.of(STRICT)))
            .artifacts(List.of()).build();

    private static String scenario(String model, String tp, String policy) {
        return String.join("\n",
                "name: one-pass",
                "cluster:",
                "  nodeGroups:",
                "    - {name: h100, gpuType: H100-SXM, count: 2, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}",
                "workload:",
                "  jobs:",
                "    - {id: a, model: " + model + ", precision: bf16, globalBatch: 32, parallelism: {tp: " + tp + "},"
                        + " iterations: 100}",
                policy,
                "");
    }

    @Test
    void structureAndPolicyProblemsComeTogether() {
        Validation v = FLEETSIM.validate(scenario("llama2-7b", "0", "policy: {name: strict, params: {depth: 12, mode: odd}}"),
                "bad.yaml");

        assertEquals(List.of("workload.jobs[0].parallelism.tp", "policy.params.depth", "policy.params.mode"),
                v.problems().stream().map(Problem::path).toList());
        assertEquals(new Problem("policy.params.mode", "'odd'", "one of fast, slow"), v.problems().get(2));
    }

    @Test
    void aJobThatDoesNotFitAndABadPolicyComeTogether() {
        // Llama-2-70B unsharded on one GPU per replica: weights alone overflow 80 GB
        Validation v = FLEETSIM.validate(scenario("llama2-70b", "1", "policy: {name: strict, params: {depth: 0}}"),
                "bad.yaml");

        assertEquals(List.of("workload.jobs[0]", "policy.params.depth"), v.problems().stream().map(Problem::path).toList());
        assertTrue(v.problems().get(0).found().startsWith("on H100-SXM: needs "), v.problems().get(0).found());
    }

    @Test
    void anUnknownPolicyIsAProblemAtItsName() {
        Validation v = FLEETSIM.validate(scenario("llama2-7b", "4", "policy: {name: lottery}"), "bad.yaml");

        assertEquals(List.of(new Problem("policy.name", "\"lottery\"", "a registered policy: one of strict")), v.problems());
        assertTrue(FLEETSIM.validate(scenario("llama2-7b", "4", "policy: {name: strict}"), "ok.yaml").valid());
    }
}
