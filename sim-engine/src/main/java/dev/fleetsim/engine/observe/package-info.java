/**
 * Watching a run while it runs: {@link dev.fleetsim.engine.observe.SimulationObserver} and the
 * immutable values it receives (samples of the cluster's state, job events, progress).
 */
package dev.fleetsim.engine.observe;
