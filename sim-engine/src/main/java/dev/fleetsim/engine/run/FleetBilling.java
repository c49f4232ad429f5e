package dev.fleetsim.engine.run;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.pricing.FleetCost;
import dev.fleetsim.engine.pricing.PriceSpec;
import dev.fleetsim.engine.scenario.CostSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's view of {@link FleetCost}: each node group's hourly rates (a fixed part, rent or
 * capital + data centre + host energy, and a price per kWh its GPUs draw: electricity when owned,
 * 0 when rented) and which group every GPU belongs to, so that the summary, the time series, the
 * live samples and each job's share are priced by the same rule as {@code fleetsim plan}.
 */
final class FleetBilling {
    private final List<FleetCost.Group> groups = new ArrayList<>();
    private final Map<String, GpuSpec> hardware;
    private final Map<String, PriceSpec> prices;
    private final CostSpec cost;
    private final int[] groupOfGpu;
    private final double[] fixedUsdPerGpuHour;
    private final double[] gpuUsdPerGpuHour;
    private final double[] usdPerGpuKWh;
    private final double fixedUsdPerHour;

    FleetBilling(Topology topology, CostSpec cost, Map<String, GpuSpec> hardware) {
        this.cost = cost;
        this.hardware = hardware;
        this.prices = cost.allPrices();
        Map<String, Integer> index = new HashMap<>();
        for (NodeGroupSpec g : topology.spec().nodeGroups()) {
            index.put(g.name(), groups.size());
            groups.add(new FleetCost.Group(g.name(), g.gpuType(), g.count(), g.gpusPerNode(), g.purchase()));
        }
        groupOfGpu = new int[topology.gpuCount()];
        for (Topology.Node n : topology.nodes()) {
            java.util.Arrays.fill(groupOfGpu, n.firstGpu(), n.firstGpu() + n.gpuCount(), index.get(n.group()));
        }
        fixedUsdPerGpuHour = new double[groups.size()];
        gpuUsdPerGpuHour = new double[groups.size()];
        usdPerGpuKWh = new double[groups.size()];
        double fixed = 0;
        for (int i = 0; i < groups.size(); i++) {
            FleetCost.Group g = groups.get(i);
            int gpus = g.nodes() * g.gpusPerNode();
            if (gpus == 0) {
                continue;
            }
            FleetCost.Rates r = FleetCost.rates(g, hardware, prices, cost.pue(), cost.electricityUsdPerKWh());
            fixedUsdPerGpuHour[i] = r.fixedUsdPerHour() / gpus;
            gpuUsdPerGpuHour[i] = r.gpuUsdPerHour() / gpus;
            usdPerGpuKWh[i] = r.usdPerGpuKWh();
            fixed += r.fixedUsdPerHour();
        }
        this.fixedUsdPerHour = fixed;
    }

    int groups() {
        return groups.size();
    }

    int groupOf(int gpu) {
        return groupOfGpu[gpu];
    }

    /** What the fleet costs an hour whatever it does. */
    double fixedUsdPerHour() {
        return fixedUsdPerHour;
    }

    /** A GPU's share of its group's fixed hourly cost (host energy included): what a job pays for holding it. */
    double fixedUsdPerGpuHour(int gpu) {
        return fixedUsdPerGpuHour[groupOfGpu[gpu]];
    }

    /** A GPU's share of its group's rent, or capital and data centre, by the hour (the summary's {@code gpuCostUsd}). */
    double gpuUsdPerGpuHour(int gpu) {
        return gpuUsdPerGpuHour[groupOfGpu[gpu]];
    }

    /** What a kWh of facility energy drawn by the GPUs of group {@code g} costs (0 for a rented group). */
    double usdPerGpuKWhOfGroup(int g) {
        return usdPerGpuKWh[g];
    }

    /** The fleet's month, its groups' GPUs having drawn {@code gpuEnergyKWhByGroup} (PUE included) over {@code hours}. */
    FleetCost monthly(double[] gpuEnergyKWhByGroup, double hours) {
        return FleetCost.monthlyByGroup(groups, hardware, prices, gpuEnergyKWhByGroup, hours, cost.pue(),
                cost.electricityUsdPerKWh());
    }
}
