package dev.fleetsim.engine.run;

/**
 * What a job's kind contributes to its {@code JobRecord}: its length and progress, its speed on
 * its last placement and on its ideal placement, and what preemptions cost it.
 *
 * @param checkpointFraction the share of its progressing run time spent writing checkpoints
 */
record WorkFigures(long iterations, double iterationsDone, double iterationTimeS, double modelTflopsPerGpu,
                   double mfu, double idealIterationTimeS, double lostWorkNs, long restartNs, double checkpointFraction) {
}
