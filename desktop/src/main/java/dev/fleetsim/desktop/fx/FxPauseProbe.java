package dev.fleetsim.desktop.fx;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Measures how long the JavaFX application thread is kept from its work. At every animation
 * pulse (JavaFX asks for a frame every 1/60 s, and a busy thread delays the next) it notes two
 * clocks: the wall time since the last pulse, and the CPU time the FX thread itself spent in
 * that stretch. The most FX-thread CPU between two pulses is the longest pause the app causes
 * (its own work: layout, drawing, event handling); a wall gap adds whatever kept the thread off a
 * core (other processes on a shared machine, the collector). A task posted with
 * {@link Platform#runLater} every 5 ms gives the event queue's delay as well. Figures are kept per
 * frame, so a caller can report phases ({@link #report(long, long)}).
 */
public final class FxPauseProbe {
    static final long SLOW_NS = 50_000_000L;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<long[]> frames = new ArrayList<>();
    private final List<long[]> posts = new ArrayList<>();
    private ScheduledExecutorService poster;
    private long lastFrameNs;
    private long lastCpuNs;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long t = System.nanoTime();
            long cpu = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
            if (lastFrameNs != 0) {
                synchronized (frames) {
                    frames.add(new long[] {t, t - lastFrameNs, cpu - lastCpuNs});
                }
            }
            lastFrameNs = t;
            lastCpuNs = cpu;
        }
    };

    /** Starts measuring; call on the FX thread. */
    public void start() {
        lastFrameNs = 0;
        timer.start();
        poster = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "fx-pause-probe");
            th.setDaemon(true);
            return th;
        });
        poster.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            Platform.runLater(() -> {
                long now = System.nanoTime();
                synchronized (posts) {
                    posts.add(new long[] {now, now - posted});
                }
            });
        }, 5, 5, TimeUnit.MILLISECONDS);
    }

    /** Stops measuring; call on the FX thread. */
    public void stop() {
        timer.stop();
        if (poster != null) {
            poster.shutdownNow();
        }
    }

    /** The most FX-thread CPU time between two pulses that ended in {@code [fromNs, toNs)}. */
    public long longestBusyNs(long fromNs, long toNs) {
        long max = 0;
        synchronized (frames) {
            for (long[] f : frames) {
                if (f[0] >= fromNs && f[0] < toNs) {
                    max = Math.max(max, f[2]);
                }
            }
        }
        return max;
    }

    /** One line on the frames that ended in {@code [fromNs, toNs)}. */
    public String report(long fromNs, long toNs) {
        long worstBusy = 0;
        long worstGap = 0;
        long busyInWorstGap = 0;
        int n = 0;
        int slow = 0;
        List<String> slowOnes = new ArrayList<>();
        synchronized (frames) {
            for (long[] f : frames) {
                if (f[0] < fromNs || f[0] >= toNs) {
                    continue;
                }
                n++;
                worstBusy = Math.max(worstBusy, f[2]);
                if (f[1] > worstGap) {
                    worstGap = f[1];
                    busyInWorstGap = f[2];
                }
                if (f[2] > SLOW_NS) {
                    slow++;
                    slowOnes.add(String.format(Locale.ROOT, "%.0f ms at %.2f s", f[2] / 1e6, (f[0] - fromNs) / 1e9));
                }
            }
        }
        long worstPost = 0;
        int p = 0;
        synchronized (posts) {
            for (long[] q : posts) {
                if (q[0] >= fromNs && q[0] < toNs) {
                    worstPost = Math.max(worstPost, q[1]);
                    p++;
                }
            }
        }
        return String.format(Locale.ROOT, "longest FX-thread work between two pulses %.1f ms (%d of %d frames over 50 ms%s); "
                + "worst wall gap between pulses %.1f ms, of which the FX thread worked %.1f ms; worst runLater delay %.1f ms "
                + "over %d posts", worstBusy / 1e6, slow, n, slowOnes.isEmpty() ? "" : ": " + String.join(", ", slowOnes),
                worstGap / 1e6, busyInWorstGap / 1e6, worstPost / 1e6, p);
    }
}
