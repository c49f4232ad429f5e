package dev.fleetsim.engine.pricing;

import dev.fleetsim.engine.hardware.GpuSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a fleet costs per month, node group by node group, the way its owner pays for it:
 * rented groups their GPU-hour price for every hour of the month (busy or not: the fleet is
 * fixed, and the price includes power and space); owned groups their capital spread over the
 * amortisation period, the data centre's charge for their provisioned power (GPUs at TDP plus
 * the host) and the energy they draw. The energy of a run is given per GPU type; a type's
 * energy is shared among its groups by GPU count (two groups of one type draw alike on average),
 * and scaled from the run's period to a month.
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
     * The monthly cost of {@code groups}.
     *
     * @param gpuEnergyKWhByType facility energy (PUE included) the run's GPUs of each type drew over {@code periodHours}
     * @param periodHours the run's length the energies are over (more than 0)
     * @param pue facility power over IT power, for the hosts' energy
     * @param usdPerKWh the electricity price
     */
    public static FleetCost monthly(List<Group> groups, Map<String, GpuSpec> hardware, Map<String, PriceSpec> prices,
                                    Map<String, Double> gpuEnergyKWhByType, double periodHours, double pue,
                                    double usdPerKWh) {
        Map<String, Integer> gpusByType = new java.util.HashMap<>();
        for (Group g : groups) {
            gpusByType.merge(g.gpuType(), g.nodes() * g.gpusPerNode(), Integer::sum);
        }
        List<GroupCost> out = new ArrayList<>();
        double total = 0;
        for (Group g : groups) {
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
                double typeEnergy = gpuEnergyKWhByType.getOrDefault(g.gpuType(), 0.0);
                double share = (double) gpus / gpusByType.get(g.gpuType());
                double gpuKWhPerMonth = periodHours > 0 ? typeEnergy * share * HOURS_PER_MONTH / periodHours : 0;
                double hostKWhPerMonth = g.nodes() * owned.hostPowerW() / 1000 * pue * HOURS_PER_MONTH;
                energy = (gpuKWhPerMonth + hostKWhPerMonth) * usdPerKWh;
            }
            double sum = rent + capex + datacentre + energy;
            total += sum;
            out.add(new GroupCost(g.name(), g.gpuType(), g.purchase().key(), gpus, rent, capex, datacentre, energy, sum));
        }
        return new FleetCost(List.copyOf(out), total);
    }
}
