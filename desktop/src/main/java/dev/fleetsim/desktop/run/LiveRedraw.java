package dev.fleetsim.desktop.run;

import dev.fleetsim.desktop.fx.ChartPane;
import javafx.animation.AnimationTimer;

import java.util.List;

/**
 * Redraws the live charts after a batch of samples: each chart's change events are held back
 * ({@code setNotify(false)}: a series growing point by point draws nothing), and once a batch has
 * come every chart is redrawn, one per animation frame, so no frame pays for drawing them all (a
 * chart off screen is redrawn when it is back).
 */
final class LiveRedraw {
    private final List<ChartPane> charts;
    private final boolean[] dirty;
    private final AnimationTimer timer;
    private int next;
    private boolean running;

    LiveRedraw(List<ChartPane> charts) {
        this.charts = List.copyOf(charts);
        this.dirty = new boolean[charts.size()];
        charts.forEach(c -> c.chart().setNotify(false));
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                step();
            }
        };
    }

    /** A batch arrived: every chart is to be redrawn. */
    void changed() {
        java.util.Arrays.fill(dirty, true);
        if (!running) {
            running = true;
            timer.start();
        }
    }

    /** True when every chart shows the last batch (nothing waits for a frame). */
    boolean idle() {
        return !running;
    }

    private void step() {
        for (int k = 0; k < dirty.length; k++) {
            int i = (next + k) % dirty.length;
            if (dirty[i]) {
                dirty[i] = false;
                next = i + 1;
                charts.get(i).redraw();
                return;
            }
        }
        running = false;
        timer.stop();
    }
}
