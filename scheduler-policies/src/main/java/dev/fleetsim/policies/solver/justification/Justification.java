package dev.fleetsim.policies.solver.justification;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/**
 * Why a constraint matched, in words a capacity planner reads in {@code decisions.jsonl}. Every
 * constraint of the OptaPlanner policy justifies its matches with one of these records.
 */
public interface Justification extends ConstraintJustification {

    /** One sentence with the numbers that made the constraint match. */
    String describe();
}
