package dev.fleetsim.desktop.fx;

import javafx.animation.AnimationTimer;
import javafx.scene.Node;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Whether a node is on screen: in a showing window, and it and every parent visible (the
 * content of a tab not selected is not). Costly work for a node (drawing a chart of 100,000 jobs,
 * filling a table) waits until it is, since JavaFX lays out hidden tabs too; and what waited runs
 * one task a frame, so a screen shown with ten charts does not draw all ten in one frame.
 */
public final class Showing {
    private static final Deque<Waiting> WAITING = new ArrayDeque<>();
    private static AnimationTimer timer;

    private record Waiting(Node node, Runnable task) {
    }

    private Showing() {
    }

    public static boolean showing(Node node) {
        if (node.getScene() == null || node.getScene().getWindow() == null || !node.getScene().getWindow().isShowing()) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Runs {@code task} now if the node is showing, else on a later frame, once it is (call on the FX thread). */
    public static void whenShown(Node node, Runnable task) {
        if (showing(node)) {
            task.run();
            return;
        }
        WAITING.add(new Waiting(node, task));
        if (timer == null) {
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    frame();
                }
            };
        }
        timer.start();
    }

    /** True when no waiting task's node is on screen: what shows has been drawn (the tour's snapshots wait for it). */
    public static boolean settled() {
        for (Waiting w : WAITING) {
            if (showing(w.node())) {
                return false;
            }
        }
        return true;
    }

    /** Runs the first waiting task whose node shows; stops when none is left. */
    private static void frame() {
        for (Waiting w : WAITING) {
            if (showing(w.node())) {
                WAITING.remove(w);
                w.task().run();
                break;
            }
        }
        if (WAITING.isEmpty()) {
            timer.stop();
        }
    }
}
