package dev.fleetsim.engine.run;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.testing.InOrderPolicy;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.engine.workload.WorkReference;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trace workloads describe work, not time (issue 12; issue 7 item 2): the same trace drawn for
 * an H100 cluster and for an A100 cluster has the same jobs with the same iteration counts, and
 * so its GPU-hours scale by the model's predicted speed ratio of each job shape between the two
 * GPUs, where durations taken as run times on the cluster itself ({@code referenceGpu: cluster},
 * the old behaviour) give both clusters the same GPU-hours.
 */
class WorkOnHardwareTest {
    private static final Fleetsim FLEETSIM = Fleetsim.builder().policies(InOrderPolicy.REGISTRY).artifacts(List.of()).build();

    private static ScenarioSpec scenario(String gpuType, String reference) throws Exception {
        return scenario(gpuType, reference, 4, 16);
    }

    private static ScenarioSpec scenario(String gpuType, String reference, int nodes, int maxGpus) throws Exception {
        String text = "name: work\n"
                + "simulation: {seed: 3, network: analytic}\n"
                + "cluster:\n"
                + "  nodeGroups:\n"
                + "    - {name: n, gpuType: " + gpuType + ", count: " + nodes
                + ", gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}\n"
                + "workload:\n"
                + "  generators:\n"
                + "    - {name: h, kind: trace, trace: helios, count: 400, maxGpus: " + maxGpus
                + (reference == null ? "" : ", referenceGpu: " + reference) + "}\n"
                + "policy: {name: in-order}\n";
        return FLEETSIM.validate(text, "work.yaml").orThrow();
    }

    private static Map<String, WorkloadExpansion.ExpandedJob> byId(ScenarioSpec s) {
        Map<String, WorkloadExpansion.ExpandedJob> m = new HashMap<>();
        WorkloadExpansion.of(s, PerformanceModels.of(s)).forEach(j -> m.put(j.spec().id(), j));
        return m;
    }

    private static double gpuHours(Map<String, WorkloadExpansion.ExpandedJob> jobs) {
        return jobs.values().stream().mapToDouble(j -> j.spec().gpus() * j.idealRunTimeS()).sum() / 3600;
    }

    @Test
    void theSameWorkTakesFewerGpuHoursOnTheFasterGpuByTheModelsSpeedRatio() throws Exception {
        ScenarioSpec h100 = scenario("H100-SXM", null);
        ScenarioSpec a100 = scenario("A100-80GB", null);
        Map<String, WorkloadExpansion.ExpandedJob> onH100 = byId(h100);
        Map<String, WorkloadExpansion.ExpandedJob> onA100 = byId(a100);
        assertEquals(onA100.keySet(), onH100.keySet());
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (String id : onH100.keySet()) {
            TrainingJobSpec h = (TrainingJobSpec) onH100.get(id).spec();
            TrainingJobSpec a = (TrainingJobSpec) onA100.get(id).spec();
            // the work is the same job, whatever the cluster: iterations on the trace's V100
            assertEquals(a.iterations(), h.iterations(), id);
            assertEquals(onA100.get(id).referenceRunTimeS(), onH100.get(id).referenceRunTimeS(), 1e-9, id);
            // and its time on each cluster is that work at the model's speed there (façade estimate)
            double tH = FLEETSIM.estimate(h100, h).estimate().iterationTimeS();
            double tA = FLEETSIM.estimate(a100, a).estimate().iterationTimeS();
            assertEquals(h.iterations() * tH, onH100.get(id).idealRunTimeS(), 1e-9 * h.iterations() * tH, id);
            assertEquals(a.iterations() * tA, onA100.get(id).idealRunTimeS(), 1e-9 * a.iterations() * tA, id);
            lowest = Math.min(lowest, tA / tH);
            highest = Math.max(highest, tA / tH);
        }
        double ratio = gpuHours(onA100) / gpuHours(onH100);
        System.out.printf("helios on A100 %.1f GPU-h, on H100 %.1f GPU-h: %.3fx (shapes %.3f-%.3f)%n",
                gpuHours(onA100), gpuHours(onH100), ratio, lowest, highest);
        // the GPU-hours ratio is a GPU-hour-weighted mean of the shapes' speed ratios
        assertTrue(ratio >= lowest - 1e-9 && ratio <= highest + 1e-9, ratio + " not in [" + lowest + ", " + highest + "]");
        assertTrue(lowest > 2, "an H100 is well over twice an A100 in bf16 by the model: " + lowest);
    }

    @Test
    void durationsOnTheClusterItselfAreBlindToTheGpu() throws Exception {
        double h = gpuHours(byId(scenario("H100-SXM", WorkReference.CLUSTER)));
        double a = gpuHours(byId(scenario("A100-80GB", WorkReference.CLUSTER)));
        // iterations = round(duration / own ideal iteration time): equal to within half an iteration a job
        assertEquals(a, h, 0.01 * a);
    }

    @Test
    void aRunOfTheSameWorkOnTheFasterClusterHoldsFewerGpuHoursByTheSameRatio() throws Exception {
        // One 8-GPU node and jobs of at most 8 GPUs: any placement is as fast as the ideal one
        // (one NVSwitch domain, analytic network), so the GPU-hours held are the ideal ones.
        ScenarioSpec h100 = scenario("H100-SXM", null, 1, 8);
        ScenarioSpec a100 = scenario("A100-80GB", null, 1, 8);
        double heldH = FLEETSIM.run(h100, SimulationObserver.NONE).summary().utilisation().allocatedGpuHours();
        double heldA = FLEETSIM.run(a100, SimulationObserver.NONE).summary().utilisation().allocatedGpuHours();
        assertEquals(gpuHours(byId(h100)), heldH, 1e-6 * heldH);
        assertEquals(gpuHours(byId(a100)), heldA, 1e-6 * heldA);
        assertTrue(heldA / heldH > 2, heldA + " vs " + heldH);
    }
}
