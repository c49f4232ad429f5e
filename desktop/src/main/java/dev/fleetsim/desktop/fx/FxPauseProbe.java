package dev.fleetsim.desktop.fx;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how long the JavaFX application thread is kept from its work, two ways: the gap
 * between consecutive animation pulses (JavaFX asks for a frame every 1/60 s; a busy thread
 * delays the next), and the delay of a task posted with {@link Platform#runLater} every 5 ms
 * until it runs. The longest pause is the larger of the worst pulse gap less one frame and the
 * worst posting delay.
 */
public final class FxPauseProbe {
    static final long FRAME_NS = 1_000_000_000L / 60;

    private final AtomicLong worstGapNs = new AtomicLong();
    private final AtomicLong worstPostNs = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong posts = new AtomicLong();
    private ScheduledExecutorService poster;
    private long lastFrameNs;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long t = System.nanoTime();
            if (lastFrameNs != 0) {
                worstGapNs.accumulateAndGet(t - lastFrameNs, Math::max);
            }
            lastFrameNs = t;
            frames.incrementAndGet();
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
                worstPostNs.accumulateAndGet(System.nanoTime() - posted, Math::max);
                posts.incrementAndGet();
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

    /** The worst gap between two pulses, one frame included. */
    public long worstPulseGapNs() {
        return worstGapNs.get();
    }

    /** The worst delay of a posted task. */
    public long worstPostDelayNs() {
        return worstPostNs.get();
    }

    /** The longest time the thread was kept from its work. */
    public long longestPauseNs() {
        return Math.max(worstGapNs.get() - FRAME_NS, worstPostNs.get());
    }

    public long frames() {
        return frames.get();
    }

    public long posts() {
        return posts.get();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "longest pause %.1f ms (worst pulse gap %.1f ms over %d frames, worst runLater "
                + "delay %.1f ms over %d posts)", longestPauseNs() / 1e6, worstPulseGapNs() / 1e6, frames(), worstPostDelayNs() / 1e6,
                posts());
    }
}
