package dev.fleetsim.desktop.run;

import dev.fleetsim.desktop.DesktopSession;
import dev.fleetsim.desktop.TestFiles;
import dev.fleetsim.desktop.Threads;
import dev.fleetsim.engine.Fleetsim;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run screen's model without JavaFX: a run of the session's scenario to its end, and its figures. */
class RunViewModelTest {
    private static final Fleetsim FLEETSIM = Fleetsim.create();

    @Test
    void aRunEndsWithItsResultsOnTheSessionAndTheRunsOwnTimeSeriesOnTheCharts() throws Exception {
        DesktopSession session = new DesktopSession();
        session.scenarioSource().set("small.yaml");
        RunViewModel vm = new RunViewModel(FLEETSIM, Threads.direct(), session);
        assertFalse(vm.canStart().get(), "nothing to run yet");
        session.scenario().set(FLEETSIM.validate(TestFiles.SMALL, "small.yaml").orThrow());
        assertTrue(vm.canStart().get());

        CountDownLatch ended = new CountDownLatch(1);
        vm.state().addListener((o, a, b) -> {
            if (b == RunViewModel.State.FINISHED || b == RunViewModel.State.FAILED) {
                ended.countDown();
            }
        });
        vm.start();
        assertTrue(ended.await(60, TimeUnit.SECONDS));

        assertEquals(RunViewModel.State.FINISHED, vm.state().get(), vm.status().get());
        assertNotNull(session.run().get());
        assertEquals(31, session.run().get().result().summary().counts().finished());
        assertTrue(session.run().get().exactSegments());
        assertEquals(1.0, vm.fraction().get());
        assertEquals("31 of 31 jobs ended", vm.jobsText().get());
        assertTrue(vm.status().get().startsWith("finished in "), vm.status().get());
        assertEquals(session.run().get().result().timeseries().rows().length, vm.series().points(),
                "the charts end with the run's own time series");
        assertFalse(vm.canCancel().get());
        assertTrue(vm.canStart().get(), "it can run again");
    }

    @Test
    void aCancelledRunKeepsNothing() throws Exception {
        DesktopSession session = new DesktopSession();
        session.scenario().set(FLEETSIM.validate(TestFiles.SMALL, "small.yaml").orThrow());
        // The run's hand-offs to the UI wait in a queue this thread drains, as on the FX thread, so a
        // run that ends at once cannot finish before the pause and the cancel below (it did under load).
        java.util.concurrent.LinkedBlockingQueue<Runnable> ui = new java.util.concurrent.LinkedBlockingQueue<>();
        RunViewModel vm = new RunViewModel(FLEETSIM, Threads.directWithUi(ui::add), session);
        vm.start();
        vm.pause();
        assertTrue(vm.canResume().get());
        vm.cancel();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (vm.state().get() == RunViewModel.State.CANCELLING && System.nanoTime() < deadline) {
            Runnable task = ui.poll(100, TimeUnit.MILLISECONDS);
            if (task != null) {
                task.run();
            }
        }
        assertEquals(RunViewModel.State.CANCELLED, vm.state().get());
        assertEquals(null, session.run().get());
        assertEquals("cancelled: nothing was kept", vm.status().get().replaceFirst("cancelled at .* simulated: ", "cancelled: "));
    }

    @Test
    void aScenarioWithProblemsIsNotStarted() {
        DesktopSession session = new DesktopSession();
        RunViewModel vm = new RunViewModel(FLEETSIM, Threads.direct(), session);
        vm.start();
        assertEquals(RunViewModel.State.IDLE, vm.state().get());
        assertEquals("fix the scenario's problems in the editor first", vm.status().get());
    }
}
