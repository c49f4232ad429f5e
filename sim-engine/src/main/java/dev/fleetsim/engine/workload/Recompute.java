package dev.fleetsim.engine.workload;

/** Activation recomputation: none, selective (attention core only, Korthikanti et al.), or full layers. */
public enum Recompute {
    NONE, SELECTIVE, FULL
}
