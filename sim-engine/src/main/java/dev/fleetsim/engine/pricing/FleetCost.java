package dev.fleetsim.engine.pricing;

import dev.fleetsim.engine.hardware.GpuSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fleet costs per month, node group by node group, the way its owner pays for it:
 * rented groups their GPU-hour price for every hour of the month (busy or not: the fleet is
 * fixed, and the price includes power and space); owned groups their capital spread over the
 * amortisation period, the data centre's charge for their provisioned power (GPUs at TDP plus
 * the host) and the energy they draw. This is the one place that decides what a fleet costs:
 * {@code fleetsim run}'s summary, its time series and {@code fleetsim plan} all price through it.
 *
 * @param groups each node group's monthly cost
 * @param totalUsdPerMonth the sum
 */
public record FleetCost(List<GroupCost> groups, double totalUsdPerMonth) {

    /** A month: a twelfth of 365.25 days. */
    public static final double HOURS_PER_MONTH = 730.5;

    /**
     * @param rentUsd GPU-hour charges of a rented group
     * @param capexUsd amortised purchase of an owned group
     * @param datacentreUsd data-centre charge of an owned group
     * @param energyUsd energy an owned group draws (PUE included)
     */
    public record GroupCost(String group, String gpuType, String purchase, int gpus, double rentUsd, double capexUsd,
                            double datacentreUsd, double energyUsd, double totalUsd) {
    }

    /** A node group as the bill sees it. */
    public record Group(String name, String gpuType, int nodes, int gpusPerNode, Purchase purchase) {
    }

    /**
     * What a group costs by the hour, split the way a run's accounting needs it: what is paid
     * whatever the GPUs do (rent, or capital and data centre: {@code gpuUsdPerHour}; an owned
     * group's host energy: {@code hostEnergyUsdPerHour}), and a price per kWh of facility energy
     * its GPUs draw (the electricity price for an owned group, 0 for a rented one, whose price
     * includes power).
     */
    public record Rates(double gpuUsdPerHour, double hostEnergyUsdPerHour, double usdPerGpuKWh) {
        /** Everything paid whatever the GPUs do. */
        public double fixedUsdPerHour() {
            return gpuUsdPerHour + hostEnergyUsdPerHour;
        }
    }

    /**
     * The monthly cost of {@code groups}, with the run's GPU energy given per GPU type: a type's
     * energy is shared among its groups by GPU count (two groups of one type draw alike on average).
     *
     * @param gpuEnergyKWhByType facility energy (PUE included) the run's GPUs of each type drew over {@code periodHours}
     * @param periodHours the run's length the energies are over (more than 0)
     * @param pue facility power over IT power, for the hosts' energy
     * @param usdPerKWh the electricity price
     */
    public static FleetCost monthly(List<Group> groups, Map<String, GpuSpec> hardware, Map<String, PriceSpec> prices,
                                    Map<String, Double> gpuEnergyKWhByType, double periodHours, double pue,
                                    double usdPerKWh) {
        Map<String, Integer> gpusByType = new HashMap<>();
        for (Group g : groups) {
            gpusByType.merge(g.gpuType(), g.nodes() * g.gpusPerNode(), Integer::sum);
        }
        double[] byGroup = new double[groups.size()];
        for (int i = 0; i < byGroup.length; i++) {
            Group g = groups.get(i);
            int all = gpusByType.get(g.gpuType());
            byGroup[i] = all == 0 ? 0 : gpuEnergyKWhByType.getOrDefault(g.gpuType(), 0.0) * g.nodes() * g.gpusPerNode() / all;
        }
        return monthlyByGroup(groups, hardware, prices, byGroup, periodHours, pue, usdPerKWh);
    }

    /**
     * The monthly cost of {@code groups}, with the run's GPU energy given group by group (as a run
     * measures it).
     *
     * @param gpuEnergyKWhByGroup facility energy (PUE included) each group's GPUs drew over {@code periodHours}, in
     *                            the order of {@code groups}
     */
    public static FleetCost monthlyByGroup(List<Group> groups, Map<String, GpuSpec> hardware,
                                           Map<String, PriceSpec> prices, double[] gpuEnergyKWhByGroup,
                                           double periodHours, double pue, double usdPerKWh) {
        List<GroupCost> out = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < groups.size(); i++) {
            double kWhPerMonth = periodHours > 0 ? gpuEnergyKWhByGroup[i] * HOURS_PER_MONTH / periodHours : 0;
            GroupCost c = groupCost(groups.get(i), hardware, prices, kWhPerMonth, pue, usdPerKWh);
            total += c.totalUsd();
            out.add(c);
        }
        return new FleetCost(List.copyOf(out), total);
    }

    /** A group's hourly rates: its monthly cost without GPU energy, by the hour, and what its GPUs' energy costs. */
    public static Rates rates(Group g, Map<String, GpuSpec> hardware, Map<String, PriceSpec> prices, double pue,
                              double usdPerKWh) {
        GroupCost fixed = groupCost(g, hardware, prices, 0, pue, usdPerKWh);
        return new Rates((fixed.rentUsd() + fixed.capexUsd() + fixed.datacentreUsd()) / HOURS_PER_MONTH,
                fixed.energyUsd() / HOURS_PER_MONTH, g.purchase().rented() ? 0 : usdPerKWh);
    }

    /** One group's month, its GPUs having drawn {@code gpuKWhPerMonth} of facility energy. */
    private static GroupCost groupCost(Group g, Map<String, GpuSpec> hardware, Map<String, PriceSpec> prices,
                                       double gpuKWhPerMonth, double pue, double usdPerKWh) {
        GpuSpec gpu = hardware.get(g.gpuType());
        int gpus = g.nodes() * g.gpusPerNode();
        PriceSpec price = prices.getOrDefault(g.gpuType(), PriceSpec.NONE);
        double rent = 0;
        double capex = 0;
        double datacentre = 0;
        double energy = 0;
        if (g.purchase().rented()) {
            rent = gpus * price.rentUsdPerGpuHour(g.purchase(), gpu.priceUsdPerGpuHour()) * HOURS_PER_MONTH;
        } else {
            OwnedTerms owned = price.owned().orElseThrow(() -> new IllegalArgumentException(
                    "no owned terms for " + g.gpuType()));
            double months = owned.amortisationNs() / (HOURS_PER_MONTH * PriceCatalog.NS_PER_HOUR);
            capex = g.nodes() * owned.capexPerNodeUsd() / months;
            double provisionedKw = g.nodes() * (g.gpusPerNode() * gpu.tdpWatts() + owned.hostPowerW()) / 1000;
            datacentre = provisionedKw * owned.datacentreUsdPerKwMonth();
            double hostKWhPerMonth = g.nodes() * owned.hostPowerW() / 1000 * pue * HOURS_PER_MONTH;
            energy = (gpuKWhPerMonth + hostKWhPerMonth) * usdPerKWh;
        }
        return new GroupCost(g.name(), g.gpuType(), g.purchase().key(), gpus, rent, capex, datacentre, energy,
                rent + capex + datacentre + energy);
    }
}
