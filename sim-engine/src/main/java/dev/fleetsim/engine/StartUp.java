package dev.fleetsim.engine;

import dev.fleetsim.engine.kernel.Beside;

import java.util.function.Supplier;

/**
 * A command's start split over two threads: {@link Fleetsim#create()} (the shipped hardware
 * catalogue and its profiles, the policies and result artifacts on the class path) on a helper
 * thread, while the caller parses its arguments and sets up what reading any scenario needs
 * ({@link Fleetsim#prepareScenarioReading}).
 * Neither depends on the other, and what is built is what one thread would have built.
 */
public final class StartUp {
    private StartUp() {
    }

    /** {@link Fleetsim#create()} on a helper thread from now; the supplier waits for it and throws what it threw. */
    public static Supplier<Fleetsim> createBeside() {
        return Beside.start(Fleetsim::create)::join;
    }
}
