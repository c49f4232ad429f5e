package dev.fleetsim.engine.pricing;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.scenario.ScenarioException;
import dev.fleetsim.engine.scenario.ScenarioLoader;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Monthly fleet cost by purchase, with the arithmetic written out; the catalogue's entries; scenario overrides. */
class FleetCostTest {
    private static final Map<String, GpuSpec> HW = HardwareCatalog.defaults();

    @Test
    void rentedGroupsPayEveryHourOfTheMonthAtTheirPurchasesPrice() {
        PriceSpec h100 = PriceCatalog.defaults().get("H100-SXM");
        List<FleetCost.Group> groups = List.of(
                new FleetCost.Group("od", "H100-SXM", 4, 8, Purchase.ON_DEMAND),
                new FleetCost.Group("r3", "H100-SXM", 2, 8, Purchase.RESERVED_3Y),
                new FleetCost.Group("spot", "H100-SXM", 1, 8, Purchase.SPOT));
        FleetCost cost = FleetCost.monthly(groups, HW, PriceCatalog.defaults(), Map.of("H100-SXM", 1e6), 100, 1.2, 0.12);
        // 32 GPUs x 2.99 USD/h x 730.5 h; energy is in the rented price, so 1 GWh of draw costs them nothing
        assertEquals(32 * 2.99 * 730.5, cost.groups().get(0).totalUsd(), 1e-6);
        assertEquals(16 * h100.reserved3yUsdPerGpuHour().getAsDouble() * 730.5, cost.groups().get(1).totalUsd(), 1e-6);
        assertEquals(8 * h100.spot().orElseThrow().usdPerGpuHour() * 730.5, cost.groups().get(2).rentUsd(), 1e-6);
        assertEquals(0, cost.groups().get(0).energyUsd());
        assertEquals(cost.groups().stream().mapToDouble(FleetCost.GroupCost::totalUsd).sum(), cost.totalUsdPerMonth(), 1e-6);
    }

    @Test
    void anOwnedNodeCostsItsAmortisedPriceItsSpaceAndItsEnergy() {
        OwnedTerms terms = new OwnedTerms(300_000, 4 * PriceCatalog.YEAR_NS, 150, 2500);
        PriceSpec price = new PriceSpec(java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty(),
                java.util.Optional.empty(), java.util.Optional.of(terms), "test");
        List<FleetCost.Group> groups = List.of(new FleetCost.Group("own", "H100-SXM", 10, 8, Purchase.OWNED));
        // the run: 80 GPUs drew 20,000 kWh (PUE included) in 200 h
        FleetCost.GroupCost c = FleetCost.monthly(groups, HW, Map.of("H100-SXM", price), Map.of("H100-SXM", 20_000.0),
                200, 1.2, 0.10).groups().get(0);
        // capex: 10 x 300,000 USD over 48 months = 62,500 USD a month
        assertEquals(62_500, c.capexUsd(), 1e-6);
        // space: 10 x (8 x 700 W + 2.5 kW) = 81 kW at 150 USD/kW-month = 12,150 USD
        assertEquals(12_150, c.datacentreUsd(), 1e-6);
        // energy: GPUs 20,000 kWh x 730.5 / 200 = 73,050 kWh, hosts 10 x 2.5 kW x 1.2 x 730.5 h = 21,915 kWh; at 0.10 USD
        assertEquals((73_050 + 21_915) * 0.10, c.energyUsd(), 1e-6);
        assertEquals(0, c.rentUsd());
        assertEquals(c.capexUsd() + c.datacentreUsd() + c.energyUsd(), c.totalUsd(), 1e-9);
    }

    @Test
    void theShippedCatalogueIsCheaperTheLongerTheCommitmentAndSaysWhereItsFiguresComeFrom() {
        for (Map.Entry<String, PriceSpec> e : PriceCatalog.defaults().entrySet()) {
            PriceSpec p = e.getValue();
            double onDemand = HW.get(e.getKey()).priceUsdPerGpuHour();
            assertTrue(p.source().contains("20"), e.getKey() + " has a dated source");
            if (p.reserved1yUsdPerGpuHour().isPresent()) {
                assertTrue(p.reserved1yUsdPerGpuHour().getAsDouble() < onDemand, e.getKey());
                assertTrue(p.reserved3yUsdPerGpuHour().getAsDouble() < p.reserved1yUsdPerGpuHour().getAsDouble(), e.getKey());
            }
            p.spot().ifPresent(s -> assertTrue(s.usdPerGpuHour() < onDemand, e.getKey()));
        }
        // owned pays back: an H100 node at list on-demand price costs more a month than owning it
        OwnedTerms own = PriceCatalog.defaults().get("H100-SXM").owned().orElseThrow();
        assertTrue(own.capexPerNodeUsd() / 48 < 8 * HW.get("H100-SXM").priceUsdPerGpuHour() * 730.5);
    }

    private static final String SCENARIO = "name: p\n"
            + "cluster:\n  nodeGroups:\n    - {name: base, gpuType: H100-SXM, count: 2, gpusPerNode: 8, nicsPerNode: 8,"
            + " nicBandwidth: 400 Gb/s, purchase: owned}\n"
            + "    - {name: burst, gpuType: H100-SXM, count: 2, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s,"
            + " purchase: spot}\n"
            + "workload:\n  jobs:\n    - {id: a, model: gpt-1.3b, precision: bf16, globalBatch: 16, parallelism: {dp: 8}, iterations: 10}\n";

    @Test
    void aScenarioOverridesThePricesKeyByKey() throws ScenarioException {
        ScenarioSpec spec = new ScenarioLoader().parse(SCENARIO + "cost:\n  prices:\n    H100-SXM:\n"
                + "      spot: {price: 1.1 USD/h}\n      owned: {capexPerNode: 250000 USD}\n", "p.yaml", (j, g) -> List.of());
        PriceSpec h100 = spec.cost().prices("H100-SXM");
        PriceSpec shipped = PriceCatalog.defaults().get("H100-SXM");
        assertEquals(1.1, h100.spot().orElseThrow().usdPerGpuHour());
        assertEquals(shipped.spot().orElseThrow().meanTimeToInterruptionNs(), h100.spot().orElseThrow().meanTimeToInterruptionNs());
        assertEquals(250_000, h100.owned().orElseThrow().capexPerNodeUsd());
        assertEquals(shipped.owned().orElseThrow().amortisationNs(), h100.owned().orElseThrow().amortisationNs());
        assertEquals(Purchase.OWNED, spec.cluster().nodeGroups().get(0).purchase());
    }

    @Test
    void aPurchaseWithoutItsPricesIsRefusedAtTheGroup() {
        String p40 = SCENARIO.replace("H100-SXM, count: 2, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s, purchase: owned",
                "P40, count: 2, gpusPerNode: 8, nicsPerNode: 1, nicBandwidth: 100 Gb/s, purchase: owned");
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> new ScenarioLoader().parse(p40, "p.yaml", (j, g) -> List.of()));
        assertTrue(e.getMessage().contains("cluster.nodeGroups[0].purchase"), e.getMessage());
        assertTrue(e.getMessage().contains("cost.prices.P40.owned"), e.getMessage());
    }
}
