package dev.fleetsim.desktop.run;

import dev.fleetsim.desktop.TestFiles;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pause holds the simulation thread where it is, and a paused and resumed run ends with the same
 * bytes as one never paused; cancel stops a paused run.
 */
class LiveRunTest {
    private static final Fleetsim FLEETSIM = Fleetsim.create();

    private static ScenarioSpec small() throws Exception {
        return FLEETSIM.validate(TestFiles.SMALL, "small.yaml").orThrow();
    }

    @Test
    void aPausedRunHoldsItsPlaceAndEndsWithTheSameBytes() throws Exception {
        ScenarioSpec spec = small();
        RunResult plain = FLEETSIM.run(spec, SimulationObserver.NONE);

        LiveRun live = new LiveRun();
        live.pause();
        AtomicReference<RunResult> paused = new AtomicReference<>();
        Thread t = new Thread(() -> paused.set(FLEETSIM.run(spec, live)));
        t.start();
        assertTrue(live.awaitHeld(30_000), "the simulation thread is held at its first callback");
        int events = live.events().size();
        t.join(200);
        assertTrue(t.isAlive(), "a paused run does not end");
        assertEquals(events, live.events().size(), "nor does it move");
        live.resume();
        t.join(60_000);

        RunResult r = paused.get();
        assertEquals(ResultWriter.summaryJson(plain.summary()), ResultWriter.summaryJson(r.summary()));
        assertEquals(ResultWriter.jobsCsv(plain.jobs()), ResultWriter.jobsCsv(r.jobs()));
        assertEquals(ResultWriter.timeseriesCsv(plain.timeseries()), ResultWriter.timeseriesCsv(r.timeseries()));
        assertTrue(live.events().size() >= 2 * plain.jobs().size(), "every start and finish was seen");
        assertTrue(!live.takeSamples().isEmpty());
    }

    @Test
    void cancellingWakesAPausedRun() throws Exception {
        ScenarioSpec spec = small();
        LiveRun live = new LiveRun();
        live.pause();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                FLEETSIM.run(spec, live);
            } catch (RunCancelledException e) {
                thrown.set(e);
            }
        });
        t.start();
        assertTrue(live.awaitHeld(30_000));
        live.cancel();
        t.join(60_000);
        assertTrue(!t.isAlive(), "the run is no longer held");
        assertTrue(live.cancelled());
        // a run this short ends before the engine's next cancel check (every 4,096 events): the run
        // screen then keeps nothing (RunViewModelTest); a long one throws
        assertTrue(thrown.get() == null || thrown.get() instanceof RunCancelledException);
    }

    @Test
    void theTimeLeftIsTheElapsedTimeScaledByWhatRemains() {
        assertEquals(300_000_000L, Eta.remainingNs(0.25, 100_000_000L).getAsLong(), "a quarter done in 0.1 s: 0.3 s to go");
        assertTrue(Eta.remainingNs(0.01, 100_000_000L).isEmpty(), "too early to say");
        assertEquals(0, Eta.remainingNs(1, 5).getAsLong());
    }
}
