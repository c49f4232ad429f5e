package dev.fleetsim.engine.pricing;

/**
 * What an owned node costs: its purchase price (the server and its share of the network: NICs,
 * cables, switch ports) spread evenly over the amortisation period, the data centre's charge
 * for the power it is provisioned for (GPUs at TDP plus the host), and the energy it draws,
 * which the run measures (× PUE × the scenario's electricity price).
 *
 * @param capexPerNodeUsd server plus network ports, per node
 * @param amortisationNs straight-line depreciation period
 * @param datacentreUsdPerKwMonth space, cooling and power delivery per provisioned kW and month (energy not included)
 * @param hostPowerW a node's average draw besides its GPUs (CPUs, memory, NICs, fans)
 */
public record OwnedTerms(double capexPerNodeUsd, long amortisationNs, double datacentreUsdPerKwMonth, double hostPowerW) {
    public OwnedTerms {
        if (!(capexPerNodeUsd >= 0) || amortisationNs <= 0 || !(datacentreUsdPerKwMonth >= 0) || !(hostPowerW >= 0)) {
            throw new IllegalArgumentException("capex ≥ 0, amortisation > 0, datacentre ≥ 0, host power ≥ 0");
        }
    }
}
