package dev.fleetsim.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a plan has no answer, from the configurations it simulated (no new run): which constraints
 * conflict, and the configuration that came closest. Three conflicts are told apart: the budget
 * against the service constraints that bind on the cheapest fleet meeting them (or against
 * {@code nodes.min}); a service constraint that no choice meets even at {@code nodes.max}; and
 * service constraints each met by some choice but never by the same one. The closest
 * configuration misses the fewest constraints, then by the smallest margin (the worst one's
 * shortfall as a fraction of its limit), then costs least.
 *
 * @param conflicts one sentence per conflict
 * @param closest the closest configuration, in words (empty when nothing fitted the fleet)
 */
public record Infeasibility(List<String> conflicts, String closest) {

    /** The explanation of a plan that chose nothing; empty when it chose a configuration. */
    public static Optional<Infeasibility> of(PlanResult r) {
        if (r.chosen().isPresent()) {
            return Optional.empty();
        }
        PlanSpec plan = r.plan();
        List<Configuration> configs = Configuration.of(r);
        List<String> conflicts = new ArrayList<>();
        budgetConflict(plan, r.candidates(), configs).ifPresent(conflicts::add);
        conflicts.addAll(serviceConflicts(plan, r.candidates(), configs));
        Optional<Configuration> closest = configs.stream().filter(Configuration::fits)
                .min(Comparator.comparingInt((Configuration k) -> missed(plan, k).size())
                        .thenComparing(Comparator.comparingDouble((Configuration k) -> worstMargin(plan, k)).reversed())
                        .thenComparingDouble(Configuration::costUsdPerMonth));
        return Optional.of(new Infeasibility(List.copyOf(conflicts), closest.map(k -> describe(plan, k)).orElse("")));
    }

    /** One indented line per conflict, then the closest configuration: what {@code fleetsim plan} prints. */
    public String text() {
        StringBuilder b = new StringBuilder();
        conflicts.forEach(c -> b.append("  ").append(c).append('\n'));
        if (!closest.isEmpty()) {
            b.append("  closest: ").append(closest).append('\n');
        }
        return b.toString();
    }

    /** The budget against what the cheapest fleet meeting every service constraint costs. */
    private static Optional<String> budgetConflict(PlanSpec plan, List<Candidate> candidates, List<Configuration> configs) {
        Optional<Constraint> budget = plan.constraints().stream().filter(c -> !c.metric().improvesWithNodes()).findFirst();
        Optional<Candidate> cheapest = candidates.stream().filter(Candidate::feasible)
                .min(Comparator.comparingDouble((Candidate c) -> c.costUsdPerMonth().mean()).thenComparing(Candidate::label));
        if (budget.isEmpty() || cheapest.isEmpty() || cheapest.get().withinBudget()) {
            return Optional.empty();
        }
        Candidate c = cheapest.get();
        Constraint b = budget.get();
        String fleet = String.format(Locale.ROOT, "%s × %d nodes at %s a month", c.label(), c.nodes(),
                b.format(c.costUsdPerMonth().mean()));
        Optional<Configuration> fewer = find(configs, c.label(), c.nodes() - 1);
        List<Integer> binding = fewer.map(k -> missedService(plan, k)).orElse(List.of());
        if (binding.isEmpty()) {
            return Optional.of(String.format(Locale.ROOT, "%s conflicts with nodes.min = %d: the cheapest fleet that meets"
                    + " every other constraint, %s, is the smallest searched", b.describe(), plan.minNodes(), fleet));
        }
        Configuration k = fewer.orElseThrow();
        String values = binding.stream().map(i -> plan.constraints().get(i).format(k.metrics()[i]))
                .collect(Collectors.joining(" and "));
        return Optional.of(String.format(Locale.ROOT, "%s conflicts with %s: the cheapest fleet that meets %s is %s"
                        + " (%d nodes give %s)", b.describe(), describeAll(plan, binding), binding.size() == 1 ? "it" : "them",
                fleet, k.nodes(), values));
    }

    /** Service constraints no choice meets at the most nodes, or that different choices meet but none meets together. */
    private static List<String> serviceConflicts(PlanSpec plan, List<Candidate> candidates, List<Configuration> configs) {
        if (candidates.stream().anyMatch(Candidate::feasible)) {
            return List.of();
        }
        List<Configuration> atMax = new ArrayList<>();
        for (PlanSpec.Choice choice : plan.choices()) {
            find(configs, choice.label(), plan.maxNodes()).filter(Configuration::fits).ifPresent(atMax::add);
        }
        if (atMax.isEmpty()) {
            return List.of(String.format(Locale.ROOT, "the workload conflicts with nodes.max = %d: on every choice some job"
                    + " needs more GPUs than the fleet has", plan.maxNodes()));
        }
        List<String> out = new ArrayList<>();
        List<Integer> splitting = new ArrayList<>();
        for (int i = 0; i < plan.constraints().size(); i++) {
            Constraint c = plan.constraints().get(i);
            if (!c.metric().improvesWithNodes()) {
                continue;
            }
            int index = i;
            List<Configuration> meeting = atMax.stream().filter(k -> c.met(k.metrics()[index])).toList();
            if (meeting.isEmpty()) {
                String best = atMax.stream().sorted(Comparator.comparingDouble((Configuration k) -> -c.margin(k.metrics()[index])))
                        .map(k -> k.label() + " gives " + c.format(k.metrics()[index])).collect(Collectors.joining(", "));
                out.add(String.format(Locale.ROOT, "%s conflicts with nodes.max = %d: no choice meets it with %d nodes (%s);"
                        + " raise nodes.max or loosen it", c.describe(), plan.maxNodes(), plan.maxNodes(), best));
            } else if (meeting.size() < atMax.size()) {
                splitting.add(i);
            }
        }
        if (out.isEmpty() && splitting.size() > 1) {
            String each = splitting.stream().map(i -> plan.constraints().get(i).describe() + " is met only by " + atMax.stream()
                    .filter(k -> plan.constraints().get(i).met(k.metrics()[i])).map(Configuration::label)
                    .collect(Collectors.joining(", "))).collect(Collectors.joining("; "));
            out.add(String.format(Locale.ROOT, "%s conflict across the choices: with %d nodes, %s, but no choice"
                    + " meets them together", describeAll(plan, splitting), plan.maxNodes(), each));
        }
        return out;
    }

    private static Optional<Configuration> find(List<Configuration> configs, String label, int nodes) {
        return configs.stream().filter(k -> k.label().equals(label) && k.nodes() == nodes).findFirst();
    }

    private static List<Integer> missed(PlanSpec plan, Configuration k) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < plan.constraints().size(); i++) {
            if (!plan.constraints().get(i).met(k.metrics()[i])) {
                out.add(i);
            }
        }
        return out;
    }

    private static List<Integer> missedService(PlanSpec plan, Configuration k) {
        return missed(plan, k).stream().filter(i -> plan.constraints().get(i).metric().improvesWithNodes()).toList();
    }

    private static double worstMargin(PlanSpec plan, Configuration k) {
        double worst = Double.POSITIVE_INFINITY;
        for (int i = 0; i < plan.constraints().size(); i++) {
            worst = Math.min(worst, plan.constraints().get(i).margin(k.metrics()[i]));
        }
        return worst;
    }

    private static String describeAll(PlanSpec plan, List<Integer> indices) {
        return indices.stream().map(i -> plan.constraints().get(i).describe()).collect(Collectors.joining(" and "));
    }

    private static String describe(PlanSpec plan, Configuration k) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < plan.constraints().size(); i++) {
            Constraint c = plan.constraints().get(i);
            double v = k.metrics()[i];
            parts.add(String.format(Locale.ROOT, "%s %s (%s, margin %+.0f %%)", c.label(), c.format(v),
                    c.met(v) ? "met" : "missed", 100 * c.margin(v)));
        }
        return String.format(Locale.ROOT, "%s × %d nodes on %d seed%s, %,.0f USD a month: %s", k.label(), k.nodes(), k.seeds(),
                k.seeds() == 1 ? "" : "s", k.costUsdPerMonth(), String.join(", ", parts));
    }
}
