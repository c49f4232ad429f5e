package dev.fleetsim.desktop.plan;

import dev.fleetsim.desktop.Formats;
import dev.fleetsim.engine.metrics.Estimate;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.planner.Candidate;
import dev.fleetsim.planner.Configuration;
import dev.fleetsim.planner.Constraint;
import dev.fleetsim.planner.PlanResult;
import dev.fleetsim.planner.PlanSpec;

import java.util.Optional;

/**
 * A configuration of a plan in words: what it buys, its monthly cost and each constraint's
 * metric with its margin, whether it is the chosen one, on the Pareto front, and what the search
 * did with its choice. A choice's own node count shows the planner's intervals over its seeds;
 * any other point the plain means over the seeds it ran on.
 */
final class ConfigurationText {
    private ConfigurationText() {
    }

    static String of(PlanResult r, Configuration k) {
        PlanSpec plan = r.plan();
        Optional<Candidate> own = r.candidates().stream()
                .filter(c -> c.label().equals(k.label()) && c.nodes() == k.nodes()).findFirst();
        boolean chosen = r.chosen().map(c -> c.label().equals(k.label()) && c.nodes() == k.nodes()).orElse(false);
        boolean front = r.pareto().stream().anyMatch(p -> p.choice().equals(k.label()) && p.nodes() == k.nodes());
        StringBuilder b = new StringBuilder();
        b.append(k.label()).append(" × ").append(k.nodes()).append(" nodes");
        b.append(chosen ? "  — chosen: the cheapest configuration meeting every constraint" : "").append('\n');
        PlanSpec.Choice ch = k.choice();
        int perNode = plan.base().cluster().nodeGroups().stream().filter(g -> g.name().equals(plan.group())).findFirst()
                .map(NodeGroupSpec::gpusPerNode).orElse(0);
        b.append("  group ").append(plan.group()).append(": ").append(ch.option().gpuType()).append(", ")
                .append(ch.option().purchase().key()).append(", ").append(perNode).append(" GPUs per node (")
                .append(Formats.count((long) perNode * k.nodes())).append(" GPUs)\n");
        b.append("  fabric oversubscription ").append(Formats.number(ch.oversubscription(), ch.oversubscription()
                == Math.rint(ch.oversubscription()) ? 0 : 1)).append(":1, policy ").append(ch.policy()).append('\n');
        String seeds = k.seeds() + " seed" + (k.seeds() == 1 ? "" : "s");
        if (own.isPresent()) {
            Candidate c = own.get();
            b.append("  cost ").append(PlanColumns.usd(c.costUsdPerMonth())).append(" per month (").append(c.seeds())
                    .append(c.seeds() == 1 ? " seed" : " seeds").append(c.costUsdPerMonth().hasInterval() ? ", 95 % interval" : "")
                    .append(")\n");
            for (int i = 0; i < plan.constraints().size(); i++) {
                b.append(line(plan.constraints().get(i), c.metrics().get(i)));
            }
        } else {
            b.append("  cost ").append(Formats.usd(k.costUsdPerMonth())).append(" per month (mean of ").append(seeds).append(")\n");
            for (int i = 0; i < plan.constraints().size(); i++) {
                b.append(line(plan.constraints().get(i), new Estimate(k.seeds(), k.metrics()[i], Double.NaN, Double.NaN)));
            }
        }
        if (!k.fits()) {
            b.append("  infeasible: ").append(k.rejected()).append(" job(s) too big for this fleet\n");
        }
        b.append(front ? "  On the cost–SLO Pareto front: nothing simulated is as cheap and better on "
                + plan.constraints().get(r.paretoMetric()).metric().label() + ".\n"
                : "  Not on the Pareto front: a configuration at most as expensive is better on "
                + plan.constraints().get(r.paretoMetric()).metric().label() + ".\n");
        r.candidates().stream().filter(c -> c.label().equals(k.label())).findFirst()
                .ifPresent(c -> b.append("  Search for ").append(c.label()).append(": ").append(c.feasible()
                        ? c.nodes() + " nodes, " : "").append(c.status()).append('\n'));
        return b.toString();
    }

    private static String line(Constraint c, Estimate e) {
        String interval = e.hasInterval() ? " [" + c.format(e.low()) + ", " + c.format(e.high()) + "]" : "";
        return "  " + c.describe() + ": " + c.format(e.mean()) + interval + ", margin " + PlanColumns.margin(c.margin(e.mean()))
                + (c.met(e.mean()) ? " ✓" : " ✗ missed") + "\n";
    }
}
