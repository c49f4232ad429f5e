package dev.fleetsim.engine.kernel;

/** Something that happens at a point of simulated time; it may schedule or cancel other events. */
@FunctionalInterface
public interface Event {
    void fire(Simulator simulator);
}
