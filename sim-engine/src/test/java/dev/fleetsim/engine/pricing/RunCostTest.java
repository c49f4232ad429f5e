package dev.fleetsim.engine.pricing;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.metrics.SummaryMetric;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.ScenarioLoader;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.testing.InOrderPolicy;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code fleetsim run} prices its fleet the way {@code fleetsim plan} does (one place decides
 * cost: {@link FleetCost}): an owned, a spot and an on-demand node group, one 8-GPU job on the
 * owned one, with the arithmetic written out.
 */
class RunCostTest {
    private static final Fleetsim FLEETSIM = Fleetsim.builder().policies(InOrderPolicy.REGISTRY).build();
    private static final String SCENARIO = "name: three-purchases\n"
            + "simulation: {seed: 3, network: analytic}\n"
            + "cluster:\n  nodeGroups:\n"
            + "    - {name: own, gpuType: H100-SXM, count: 1, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s,"
            + " purchase: owned}\n"
            + "    - {name: spot, gpuType: H100-SXM, count: 1, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s,"
            + " purchase: spot}\n"
            + "    - {name: od, gpuType: H100-SXM, count: 1, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}\n"
            + "workload:\n  jobs:\n    - {id: a, model: gpt-1.3b, precision: bf16, globalBatch: 64, microBatch: 4,"
            + " parallelism: {dp: 8}, iterations: 20000, submit: 1 h}\n"
            + "policy: {name: in-order}\n"
            + "cost:\n  pue: 1.25\n  electricity: 0.10 USD/kWh\n  prices:\n    H100-SXM:\n"
            + "      spot: {price: 1.5 USD/h, meanTimeToInterruption: 87000 h}\n"
            + "      owned: {capexPerNode: 292200 USD, amortisation: 1461 d, datacentre: 150 USD/kW, hostPower: 2 kW}\n";

    @Test
    void eachGroupPaysByItsPurchaseAndTheRunIsThatMonthOverItsSpan() throws Exception {
        ScenarioSpec spec = new ScenarioLoader().parse(SCENARIO, "t.yaml", (j, g) -> List.of());
        RunResult r = FLEETSIM.run(spec, SimulationObserver.NONE);
        RunSummary.Cost c = r.summary().cost();
        JobRecord job = r.jobs().get(0);
        GpuSpec h100 = spec.hardware().get("H100-SXM");
        double hours = r.summary().times().makespanS() / 3600;
        double runH = job.runNs() / 3.6e12;
        assertEquals("n0[0-7]", job.placement(), "first fit: the owned node");

        FleetCost.GroupCost own = c.monthlyByGroup().get(0);
        // capital: 292,200 USD over 1,461 d = 48 months of 730.5 h: 6,087.50 USD a month
        assertEquals(292_200 / 48.0, own.capexUsd(), 1e-6);
        // space: (8 x 700 W + 2 kW) = 7.6 kW at 150 USD/kW-month = 1,140 USD
        assertEquals((8 * h100.tdpWatts() + 2000) / 1000 * 150, own.datacentreUsd(), 1e-9);
        // energy: its GPUs drew the job's energy plus idle power the rest of the run (PUE 1.25), scaled to 730.5 h,
        // and the host 2 kW x 1.25 all month; at 0.10 USD/kWh
        double gpuKWh = job.energyKWh() + 8 * h100.idleWatts() * 1.25 * (hours - runH) / 1000;
        double hostKWh = 2 * 1.25 * 730.5;
        assertEquals((gpuKWh * 730.5 / hours + hostKWh) * 0.10, own.energyUsd(), 1e-6);
        // spot: 8 GPUs x 1.5 USD/h x 730.5 h, energy in the price
        assertEquals(8 * 1.5 * 730.5, c.monthlyByGroup().get(1).totalUsd(), 1e-9);
        // on demand: 8 x the list price x 730.5 h
        assertEquals(8 * h100.priceUsdPerGpuHour() * 730.5, c.monthlyByGroup().get(2).totalUsd(), 1e-9);
        double month = own.totalUsd() + 8 * 1.5 * 730.5 + 8 * h100.priceUsdPerGpuHour() * 730.5;
        assertEquals(month, c.usdPerMonth(), 1e-6);

        // the run: that month over its span, split into the GPUs' charges and the energy an owner pays for
        double span = hours / 730.5;
        assertEquals(month * span, c.totalCostUsd(), 1e-6);
        assertEquals(own.energyUsd() * span, c.energyCostUsd(), 1e-9);
        assertEquals(c.totalCostUsd() - c.energyCostUsd(), c.gpuCostUsd(), 1e-6);
        // the fleet's whole facility energy is still reported, rented groups' included
        assertEquals(gpuKWh + 16 * h100.idleWatts() * 1.25 * hours / 1000, c.energyKWh(), 1e-6);
        // the time series' cumulative cost ends at the run's cost
        var t = r.timeseries();
        assertEquals(c.totalCostUsd(), t.rows()[t.rows().length - 1][t.column("cumulative_cost_usd")], 1e-6);
        // the GPUs held by jobs, at their group's capital and space by the hour (the gpuCostUsd part)
        assertEquals((own.capexUsd() + own.datacentreUsd()) / 730.5 * runH,
                t.rows()[t.rows().length - 1][t.column("cumulative_allocated_gpu_cost_usd")], 1e-6);
        // the job's share: its GPUs' part of the owned group's fixed month (host energy included) by the hour,
        // plus the energy it drew
        double fixedPerGpuHour = (own.capexUsd() + own.datacentreUsd() + hostKWh * 0.10) / 730.5 / 8;
        assertEquals(8 * fixedPerGpuHour * runH + job.energyKWh() * 0.10, job.costUsd(), 1e-6);
        // compare and sweeps read the same figures
        assertEquals(c.usdPerMonth(), SummaryMetric.find("cost_usd_per_month").orElseThrow().value().applyAsDouble(r.summary()));
        assertEquals(c.totalCostUsd(), SummaryMetric.find("cost_usd").orElseThrow().value().applyAsDouble(r.summary()));
    }

    @Test
    void trainingTokensAreTheKeptIterationsTimesTokensPerIterationOverTheSpanInDays() throws Exception {
        ScenarioSpec spec = new ScenarioLoader().parse(SCENARIO, "t.yaml", (j, g) -> List.of());
        RunResult r = FLEETSIM.run(spec, SimulationObserver.NONE);
        // 20,000 iterations x 64 sequences x the model's sequence length
        TrainingJobSpec job = (TrainingJobSpec) spec.workload().jobs().get(0);
        double tokens = 20_000.0 * 64 * job.model().seqLength();
        assertEquals(tokens, r.summary().training().tokens(), 1e-3);
        assertEquals(tokens / (r.summary().times().makespanS() / 86_400), r.summary().training().tokensPerDay(), 1e-3);
    }
}
