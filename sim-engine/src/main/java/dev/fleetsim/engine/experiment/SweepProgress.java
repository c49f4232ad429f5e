package dev.fleetsim.engine.experiment;

/**
 * Where a sweep stands: points done (run now or reused from an earlier, interrupted sweep), the
 * share of the work done, and the time left at the pace so far.
 *
 * @param points points in the sweep
 * @param done points finished, reused ones included
 * @param reused points taken from results already on disk, not run again
 * @param running points being simulated now
 * @param fraction share of the work to run that is done, in [0, 1] (reused points are no work)
 * @param elapsedS wall-clock seconds since the sweep started
 * @param etaS wall-clock seconds left at the pace so far; NaN until there is a pace
 */
public record SweepProgress(int points, int done, int reused, int running, double fraction, double elapsedS,
                            double etaS) {
}
