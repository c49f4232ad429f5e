package dev.fleetsim.policies.solver;

import org.optaplanner.core.impl.solver.random.RandomFactory;

import java.util.Random;
import java.util.function.Supplier;

/**
 * The random generator of a round's solver, seeded with the round's seed, for solver factories
 * that {@link RoundSolver} builds once and reuses across rounds. OptaPlanner makes one instance
 * of this class for each solver it builds (the configuration names the class, not an object), so
 * the seed travels in a thread-local that {@link #withSeed} sets around {@code buildSolver}.
 * {@link #createRandom} returns {@code new Random(seed)}, as OptaPlanner's own factory does for
 * {@code withRandomSeed(seed)} with the default (JDK) random type.
 */
public final class RoundRandom implements RandomFactory {
    private static final ThreadLocal<Long> SEED = new ThreadLocal<>();

    private final long seed;

    /** Called by OptaPlanner inside {@link #withSeed}. */
    public RoundRandom() {
        Long s = SEED.get();
        if (s == null) {
            throw new IllegalStateException("a round's solver is built only inside RoundRandom.withSeed");
        }
        this.seed = s;
    }

    @Override
    public Random createRandom() {
        return new Random(seed);
    }

    /** Runs {@code build} (which builds one solver) with {@code seed} as that solver's seed. */
    static <T> T withSeed(long seed, Supplier<T> build) {
        SEED.set(seed);
        try {
            return build.get();
        } finally {
            SEED.remove();
        }
    }
}
