package dev.fleetsim.desktop.fx;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;

/**
 * A script of UI steps for the tour and the measurement: each step acts, then the script waits
 * (polling on the FX thread, never blocking it) until its condition holds and a few frames have
 * been drawn, before the next. A step that waits too long ends the script with a message.
 */
final class Steps {
    private record Step(String name, Runnable action, BooleanSupplier done) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();
    private final long timeoutMs;
    private final java.util.function.Consumer<String> failed;

    Steps(long timeoutMs, java.util.function.Consumer<String> failed) {
        this.timeoutMs = timeoutMs;
        this.failed = failed;
    }

    Steps then(String name, Runnable action, BooleanSupplier done) {
        steps.add(new Step(name, action, done));
        return this;
    }

    Steps then(String name, Runnable action) {
        return then(name, action, () -> true);
    }

    /** Runs the steps; call on the FX thread. */
    void run() {
        next();
    }

    private void next() {
        Step s = steps.poll();
        if (s == null) {
            return;
        }
        s.action().run();
        long started = System.currentTimeMillis();
        int[] settled = {0};
        Timeline poll = new Timeline();
        poll.getKeyFrames().add(new KeyFrame(Duration.millis(100), e -> {
            if (s.done().getAsBoolean()) {
                // a few more frames so that layout and charts have drawn what changed
                if (++settled[0] >= 4) {
                    poll.stop();
                    next();
                }
            } else if (System.currentTimeMillis() - started > timeoutMs) {
                poll.stop();
                failed.accept("step '" + s.name() + "' did not finish within " + timeoutMs / 1000 + " s");
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }
}
