package dev.fleetsim.policies.solver;

import org.optaplanner.core.api.domain.constraintweight.ConstraintConfiguration;
import org.optaplanner.core.api.domain.constraintweight.ConstraintWeight;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;

/**
 * The soft constraints' weights, set by the scenario's policy parameters ({@code weight.*}).
 * Hard constraints have no weight here: breaking any of them makes a round infeasible.
 */
@ConstraintConfiguration
public final class ScheduleWeights {
    public static final long DEFAULT_WAITING = 1000;
    public static final long DEFAULT_LOCALITY = 50;
    public static final long DEFAULT_FRAGMENTATION = 10;
    public static final long DEFAULT_COST = 1;
    public static final long DEFAULT_ENERGY = 0;

    @ConstraintWeight(RoundConstraints.WAITING)
    private final HardSoftLongScore waiting;
    @ConstraintWeight(RoundConstraints.LOCALITY)
    private final HardSoftLongScore locality;
    @ConstraintWeight(RoundConstraints.FRAGMENTATION)
    private final HardSoftLongScore fragmentation;
    @ConstraintWeight(RoundConstraints.COST)
    private final HardSoftLongScore cost;
    @ConstraintWeight(RoundConstraints.ENERGY)
    private final HardSoftLongScore energy;

    public ScheduleWeights(long waiting, long locality, long fragmentation, long cost, long energy) {
        this.waiting = HardSoftLongScore.ofSoft(waiting);
        this.locality = HardSoftLongScore.ofSoft(locality);
        this.fragmentation = HardSoftLongScore.ofSoft(fragmentation);
        this.cost = HardSoftLongScore.ofSoft(cost);
        this.energy = HardSoftLongScore.ofSoft(energy);
    }

    public static ScheduleWeights defaults() {
        return new ScheduleWeights(DEFAULT_WAITING, DEFAULT_LOCALITY, DEFAULT_FRAGMENTATION, DEFAULT_COST, DEFAULT_ENERGY);
    }

    public long waiting() {
        return waiting.softScore();
    }

    public long locality() {
        return locality.softScore();
    }

    public long fragmentation() {
        return fragmentation.softScore();
    }

    public long cost() {
        return cost.softScore();
    }

    public long energy() {
        return energy.softScore();
    }
}
