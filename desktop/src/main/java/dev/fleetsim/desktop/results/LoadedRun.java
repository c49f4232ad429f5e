package dev.fleetsim.desktop.results;

import dev.fleetsim.engine.NetworkMap;
import dev.fleetsim.engine.run.RunResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A run the results screen shows: the engine's result, the stretches of time each job held its
 * GPUs (from the run's job events, or, for a folder, each job's start, end and last placement),
 * the network map its topology view draws, and where it came from.
 *
 * @param exactSegments true when the segments come from the run's events (preemptions included)
 * @param source a label: "run of quickstart.yaml" or the folder
 */
public record LoadedRun(RunResult result, List<Segment> segments, boolean exactSegments, NetworkMap network,
                        String source, Optional<Path> folder) {
    public LoadedRun {
        segments = List.copyOf(segments);
    }

    public GpuIndex gpus() {
        return new GpuIndex(network);
    }

    /** The end of the run in simulated nanoseconds (its makespan, or its horizon). */
    public long endNs() {
        return Math.round(result.summary().times().makespanS() * 1e9);
    }
}
