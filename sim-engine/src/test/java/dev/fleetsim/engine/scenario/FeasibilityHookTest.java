package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.fleetsim.engine.scenario.ScenarioTexts.MINIMAL;
import static dev.fleetsim.engine.scenario.ScenarioTexts.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeasibilityHookTest {

    /** Two GPU types, one job without a gpuType, and a generator template pinned to A100s. */
    private static final String TWO_TYPES = MINIMAL.replace("workload:", String.join("\n",
            "    - name: a100",
            "      gpuType: A100-80GB",
            "      count: 2",
            "      gpusPerNode: 8",
            "      nicsPerNode: 4",
            "      nicBandwidth: 200 Gb/s",
            "workload:",
            "  generators:",
            "    - name: gen",
            "      count: 5",
            "      meanInterarrival: 30 min",
            "      tenants: [t1, t2]",
            "      mix:",
            "        - name: small",
            "          weight: 1",
            "          iterations: {min: 10, max: 20}",
            "          job: {model: gpt-1.3b, precision: bf16, globalBatch: 8, gpuType: A100-80GB}"));

    private record Call(String job, String gpu) {
    }

    @Test
    void hookRunsOnEveryJobAndTemplateAgainstEachTypeItCouldUse() throws Exception {
        List<Call> calls = new ArrayList<>();
        JobFeasibilityCheck recording = (job, gpu) -> {
            calls.add(new Call(job.id(), gpu.name()));
            return List.of("does not fit");
        };

        List<Problem> problems = problems(TWO_TYPES, "two.yaml", recording);

        assertEquals(List.of(new Call("a", "H100-SXM"), new Call("a", "A100-80GB"), new Call("gen/small", "A100-80GB")),
                calls);
        String allowedJob = "a job that fits on at least one GPU type it can run on (H100-SXM, A100-80GB): "
                + "change tp, pp, dp, microBatch, recompute or zeroStage, or use a larger GPU";
        assertEquals(List.of(
                new Problem("workload.jobs[0]", "on H100-SXM: does not fit", allowedJob),
                new Problem("workload.jobs[0]", "on A100-80GB: does not fit", allowedJob),
                new Problem("workload.generators[0].mix[0].job", "on A100-80GB: does not fit",
                        "a job that fits on at least one GPU type it can run on (A100-80GB): "
                                + "change tp, pp, dp, microBatch, recompute or zeroStage, or use a larger GPU")),
                problems);
    }

    @Test
    void fittingOnOneTypeIsEnough() throws Exception {
        JobFeasibilityCheck onlyH100 = (job, gpu) -> gpu.name().equals("H100-SXM")
                ? List.of() : List.of("weights need 90 GiB of 80 GiB");
        String jobsOnly = TWO_TYPES.substring(0, TWO_TYPES.indexOf("  generators:"))
                + MINIMAL.substring(MINIMAL.indexOf("  jobs:"));

        ScenarioSpec spec = new ScenarioLoader().parse(jobsOnly, "x.yaml", onlyH100);

        assertEquals(1, spec.workload().jobs().size());
    }

    @Test
    void hookSeesTheResolvedJobAndGpu() throws Exception {
        List<TrainingJobSpec> jobs = new ArrayList<>();
        List<GpuSpec> gpus = new ArrayList<>();
        new ScenarioLoader().parse(MINIMAL + "hardware:\n  H100-SXM: {hbm: 94 GiB}\n", "x.yaml", (job, gpu) -> {
            jobs.add((TrainingJobSpec) job);
            gpus.add(gpu);
            return List.of();
        });

        assertEquals(4, jobs.get(0).parallelism().tp());
        assertEquals(94L << 30, gpus.get(0).hbmBytes(), "the check gets the overridden entry");
    }

    @Test
    void hookDoesNotRunOnAStructurallyInvalidFile() {
        List<String> calls = new ArrayList<>();

        List<Problem> problems = problems(MINIMAL.replace("count: 2", "count: 0"), "x.yaml", (job, gpu) -> {
            calls.add(job.id());
            return List.of("never");
        });

        assertTrue(calls.isEmpty());
        assertEquals(1, problems.size());
    }
}
