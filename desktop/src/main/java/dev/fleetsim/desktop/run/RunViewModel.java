package dev.fleetsim.desktop.run;

import dev.fleetsim.desktop.DesktopSession;
import dev.fleetsim.desktop.Formats;
import dev.fleetsim.desktop.Threads;
import dev.fleetsim.desktop.results.LoadedRun;
import dev.fleetsim.desktop.results.Loading;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.observe.RunProgress;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The run screen's state: start, pause, resume and cancel a run of the editor's scenario through
 * the façade on a thread of its own, and show it live. The run's observer ({@link LiveRun})
 * collects samples on the simulation thread; every 100 ms a timer hands what came to the UI
 * thread in one batch (at most one batch queued at a time, so a busy UI is never flooded), where
 * the charts' series and the progress figures change. The UI thread never waits for the run.
 */
public final class RunViewModel {
    /** What the run is doing. */
    public enum State { IDLE, RUNNING, PAUSED, CANCELLING, FINISHED, CANCELLED, FAILED }

    static final long PUMP_MS = 100;

    private final Fleetsim fleetsim;
    private final Threads threads;
    private final DesktopSession session;
    private final LiveSeries series = new LiveSeries();
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.IDLE);
    private final DoubleProperty fraction = new SimpleDoubleProperty(this, "fraction");
    private final StringProperty simulated = new SimpleStringProperty(this, "simulated", "");
    private final StringProperty jobsText = new SimpleStringProperty(this, "jobsText", "");
    private final StringProperty eta = new SimpleStringProperty(this, "eta", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final StringProperty now = new SimpleStringProperty(this, "now", "");
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private LiveRun live;
    private Threads.Cancellable pump = () -> { };
    private long startedNs;
    private long pausedAtNs;
    private long pausedTotalNs;

    public RunViewModel(Fleetsim fleetsim, Threads threads, DesktopSession session) {
        this.fleetsim = fleetsim;
        this.threads = threads;
        this.session = session;
    }

    public LiveSeries series() {
        return series;
    }

    public ObjectProperty<State> state() {
        return state;
    }

    public DoubleProperty fraction() {
        return fraction;
    }

    /** {@code 1.2 d simulated}. */
    public StringProperty simulated() {
        return simulated;
    }

    /** {@code 120 of 301 jobs ended}. */
    public StringProperty jobsText() {
        return jobsText;
    }

    /** {@code about 12 s left} while running. */
    public StringProperty eta() {
        return eta;
    }

    public StringProperty status() {
        return status;
    }

    /** The cluster now: allocated GPUs, queue, the busiest link. */
    public StringProperty now() {
        return now;
    }

    public BooleanBinding canStart() {
        return Bindings.createBooleanBinding(() -> session.scenario().get() != null && !active(state.get()), state,
                session.scenario());
    }

    public BooleanBinding canPause() {
        return state.isEqualTo(State.RUNNING);
    }

    public BooleanBinding canResume() {
        return state.isEqualTo(State.PAUSED);
    }

    public BooleanBinding canCancel() {
        return state.isEqualTo(State.RUNNING).or(state.isEqualTo(State.PAUSED));
    }

    static boolean active(State s) {
        return s == State.RUNNING || s == State.PAUSED || s == State.CANCELLING;
    }

    /** Starts the editor's scenario; does nothing while one runs or while the editor has problems. */
    public void start() {
        ScenarioSpec spec = session.scenario().get();
        if (spec == null || active(state.get())) {
            status.set(spec == null ? "fix the scenario's problems in the editor first" : status.get());
            return;
        }
        LiveRun run = new LiveRun();
        live = run;
        series.clear();
        fraction.set(0);
        eta.set("estimating the time left…");
        simulated.set("");
        jobsText.set("");
        now.set("");
        startedNs = System.nanoTime();
        pausedTotalNs = 0;
        state.set(State.RUNNING);
        String source = session.scenarioSource().get();
        status.set("running " + spec.name() + " (" + spec.cluster().totalGpus() + " GPUs, policy " + spec.policy().name() + ")");
        pump = threads.every(PUMP_MS, this::requestFlush);
        threads.newThread("fleetsim-run", () -> {
            try {
                RunResult result = fleetsim.run(spec, run);
                LoadedRun loaded = Loading.fromLive(fleetsim, result, run.events(), "run of " + source);
                threads.ui().execute(() -> finished(run, loaded));
            } catch (RunCancelledException e) {
                threads.ui().execute(() -> ended(run, State.CANCELLED, "cancelled at "
                        + Formats.durationNs(run.progress().simulatedNowNs()) + " simulated: nothing was kept"));
            } catch (RuntimeException e) {
                threads.ui().execute(() -> ended(run, State.FAILED, "the run failed: " + e.getMessage()));
            }
        }).start();
    }

    public void pause() {
        if (state.get() == State.RUNNING) {
            live.pause();
            pausedAtNs = System.nanoTime();
            state.set(State.PAUSED);
            eta.set("paused");
        }
    }

    public void resume() {
        if (state.get() == State.PAUSED) {
            pausedTotalNs += System.nanoTime() - pausedAtNs;
            live.resume();
            state.set(State.RUNNING);
        }
    }

    public void cancel() {
        if (state.get() == State.RUNNING || state.get() == State.PAUSED) {
            live.cancel();
            state.set(State.CANCELLING);
            status.set("cancelling…");
        }
    }

    /** The run as it is now (tests and the pause probe look at it). */
    public LiveRun live() {
        return live;
    }

    private void requestFlush() {
        if (flushQueued.compareAndSet(false, true)) {
            threads.ui().execute(() -> {
                flushQueued.set(false);
                flush();
            });
        }
    }

    /** Takes what the run sent since the last batch into the series and the figures (UI thread). */
    public void flush() {
        LiveRun run = live;
        if (run == null) {
            return;
        }
        series.add(run.takeSamples());
        RunProgress p = run.progress();
        fraction.set(p.fraction());
        simulated.set(Formats.durationNs(p.simulatedNowNs()) + " simulated");
        jobsText.set(Formats.count(p.jobsEnded()) + " of " + Formats.count(p.jobsTotal()) + " jobs ended");
        int n = series.points();
        if (n > 0) {
            now.set(String.format(java.util.Locale.ROOT, "now: %.0f GPUs allocated, %.0f queued, %.0f running%s",
                    series.allocated.getY(n - 1).doubleValue(), series.queued.getY(n - 1).doubleValue(),
                    series.running.getY(n - 1).doubleValue(), series.busiestLink().isEmpty() ? "" : "; busiest link " + series.busiestLink()));
        }
        if (state.get() == State.RUNNING) {
            long elapsed = System.nanoTime() - startedNs - pausedTotalNs;
            OptionalLong left = Eta.remainingNs(p.fraction(), elapsed);
            eta.set(left.isPresent() ? "about " + Formats.durationNs(Math.max(1_000_000_000L, left.getAsLong())) + " left ("
                    + Formats.durationNs(elapsed) + " so far)" : "estimating the time left…");
        }
    }

    private void finished(LiveRun run, LoadedRun loaded) {
        if (run != live) {
            return;
        }
        if (run.cancelled()) {
            // cancelled too late for the engine's next check (a short run): keep nothing, as asked
            ended(run, State.CANCELLED, "cancelled: nothing was kept");
            return;
        }
        long wall = System.nanoTime() - startedNs - pausedTotalNs;
        pump.cancel();
        flush();
        series.replaceWith(loaded.result().timeseries());
        session.run().set(loaded);
        ended(run, State.FINISHED, "finished in " + Formats.durationNs(wall) + ": " + whatEnded(loaded.result().summary())
                + " — the results screen shows them");
    }

    /** {@code 12 of 14 jobs finished}, with the serving replicas said as such (they are no jobs). */
    static String whatEnded(dev.fleetsim.engine.metrics.RunSummary s) {
        var jobs = s.jobCounts();
        var replicas = s.replicas();
        String r = replicas == null ? "" : replicas.ended() + " of " + replicas.count() + " serving replicas ended";
        if (replicas != null && jobs.jobs() == 0) {
            return r;
        }
        return jobs.finished() + " of " + jobs.jobs() + " jobs finished" + (r.isEmpty() ? "" : ", " + r);
    }

    private void ended(LiveRun run, State end, String message) {
        if (run != live) {
            return;
        }
        pump.cancel();
        if (end != State.FINISHED) {
            flush();
        }
        if (end == State.FINISHED) {
            fraction.set(1);
        }
        eta.set("");
        status.set(message);
        state.set(end);
    }
}
