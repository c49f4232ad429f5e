package dev.fleetsim.desktop.results;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.NetworkMap;
import dev.fleetsim.engine.observe.JobEvent;
import dev.fleetsim.engine.run.RunResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Makes the run the results screen shows, from a run just made (its events) or from a folder (its records). */
public final class Loading {
    private Loading() {
    }

    public static LoadedRun fromLive(Fleetsim fleetsim, RunResult r, List<JobEvent> events, String source) {
        NetworkMap map = dev.fleetsim.engine.NetworkMap.of(r.scenario());
        long end = Math.round(r.summary().times().makespanS() * 1e9);
        return new LoadedRun(r, Segments.fromEvents(events, end), true, map, source, Optional.empty());
    }

    public static LoadedRun fromFolder(Fleetsim fleetsim, RunResult r, Path dir) {
        NetworkMap map = dev.fleetsim.engine.NetworkMap.of(r.scenario());
        long end = Math.round(r.summary().times().makespanS() * 1e9);
        return new LoadedRun(r, Segments.fromRecords(r.jobs(), new GpuIndex(map), end), false, map, dir.toString(),
                Optional.of(dir));
    }
}
