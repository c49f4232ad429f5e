package dev.fleetsim.cli;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.observe.RunProgress;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CancelAndAtomicWriteTest {

    @Test
    void cancelStopsTheRunBetweenEvents() throws Exception {
        Fleetsim fleetsim = Fleetsim.create();
        ScenarioSpec spec = fleetsim.validate(TestPaths.scenarios().resolve("quickstart.yaml")).orThrow();
        AtomicInteger progressCalls = new AtomicInteger();
        SimulationObserver cancelAtOnce = new SimulationObserver() {
            @Override
            public void progress(RunProgress p) {
                progressCalls.incrementAndGet();
                assertTrue(p.fraction() >= 0 && p.fraction() <= 1);
            }

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        // the quickstart has ~1,200 events, under one check interval: scale it up with more arrivals
        ScenarioSpec bigger = new ScenarioSpec(spec.name(), spec.description(), spec.simulation(), spec.hardware(),
                spec.cluster(), new dev.fleetsim.engine.scenario.WorkloadSpec(spec.workload().jobs(),
                spec.workload().generators().stream().map(g -> new dev.fleetsim.engine.workload.GeneratorSpec(g.name(),
                        5000, g.startNs(), g.meanInterarrivalNs(), g.mix(), g.tenants())).toList()),
                spec.policy(), spec.cost());
        assertThrows(RunCancelledException.class, () -> fleetsim.run(bigger, cancelAtOnce));
        assertEquals(1, progressCalls.get());
    }

    @Test
    void aFailedWriteLeavesNeitherTheTargetNorATemporaryFile(@TempDir Path dir) {
        Path target = dir.resolve("summary.json");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("{\"half\":".getBytes());
            throw new IOException("disk full");
        }));
        assertFalse(Files.exists(target));
        assertEquals(0, dir.toFile().list().length);
    }
}
