package dev.fleetsim.planner;

import dev.fleetsim.engine.metrics.Estimate;
import dev.fleetsim.engine.pricing.FleetCost;
import dev.fleetsim.engine.pricing.Purchase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The third conflict {@link Infeasibility} tells apart: two service constraints each met by some
 * choice at {@code nodes.max} but never by the same one ("met ... only by"). Built from points by
 * hand (no simulation), so the split is exact: at 4 nodes {@code fast} meets the wait and misses
 * the goodput, {@code steady} the other way round, {@code neither} meets neither.
 */
class InfeasibilitySplitTest {
    private static final Constraint WAIT = new Constraint(Constraint.Metric.P95_WAIT, 3600);
    private static final Constraint GOODPUT = new Constraint(Constraint.Metric.GOODPUT, 0.9);

    private static PlanResult result(List<String> names, double[][] metricsAtMax) {
        List<PlanSpec.Option> options = names.stream()
                .map(n -> new PlanSpec.Option(n, "H100-SXM", Purchase.ON_DEMAND)).toList();
        PlanSpec plan = new PlanSpec("split", null, "gpus", options, 1, 4, List.of(1.0), List.of("fifo"),
                List.of(WAIT, GOODPUT), List.of(1L), List.of(1L));
        List<Candidate> candidates = plan.choices().stream().map(c -> new Candidate(c, -1, 1, List.of(),
                new Estimate(1, 0, 0, 0), false, true, "no node count meets every constraint")).toList();
        List<Evaluation> points = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            // a point below the most nodes too: only the configurations at nodes.max decide this conflict
            points.add(new Evaluation(names.get(i), 2, 1, new double[] {7200, 0.5}, new FleetCost(List.of(), 1000), 0, 10, 0));
            points.add(new Evaluation(names.get(i), 4, 1, metricsAtMax[i], new FleetCost(List.of(), 2000), 0, 10, 0));
        }
        return new PlanResult(plan, Optional.empty(), candidates, points, 0, List.of(), List.of(), points.size(), 8, 0);
    }

    @Test
    void constraintsMetOnlyByDifferentChoicesAreNamedWithTheChoicesThatMeetEach() {
        PlanResult r = result(List.of("fast", "steady", "neither"),
                new double[][] {{1800, 0.8}, {5400, 0.95}, {7200, 0.7}});

        Infeasibility why = Infeasibility.of(r).orElseThrow();

        assertEquals(List.of(WAIT.describe() + " and " + GOODPUT.describe() + " conflict across the choices: with 4 nodes, "
                + WAIT.describe() + " is met only by fast; " + GOODPUT.describe() + " is met only by steady, but no choice"
                + " meets them together"), why.conflicts());
        // the closest misses one constraint by the smallest share of its limit: fast (goodput 0.8 of 0.9, -11 %)
        assertTrue(why.closest().startsWith("fast × 4 nodes on 1 seed, 2,000 USD a month: "), why.closest());
        assertTrue(why.closest().contains("(met, margin") && why.closest().contains("(missed, margin -11 %)"), why.closest());
    }

    @Test
    void aConstraintNoChoiceMeetsIsNamedAgainstNodesMaxNotAsASplit() {
        // nobody reaches the goodput at 4 nodes: that is the conflict, and the wait met by one choice is no split
        PlanResult r = result(List.of("a", "b"), new double[][] {{1800, 0.8}, {5400, 0.85}});

        List<String> conflicts = Infeasibility.of(r).orElseThrow().conflicts();

        assertEquals(1, conflicts.size(), conflicts.toString());
        assertTrue(conflicts.get(0).startsWith(GOODPUT.describe() + " conflicts with nodes.max = 4: no choice meets it"
                + " with 4 nodes (b gives 0.85"), conflicts.get(0));
    }
}
