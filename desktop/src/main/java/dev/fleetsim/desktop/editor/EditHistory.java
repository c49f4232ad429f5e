package dev.fleetsim.desktop.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Undo and redo over the editor's text, whatever changed it (typing in the YAML, a form field,
 * adding a list item): one list of text snapshots. Typing in quick succession is one step
 * (keystrokes less than {@code coalesceMs} apart from the same source merge), a structural edit
 * is always a step of its own, and an edit after an undo drops what could have been redone.
 */
public final class EditHistory {
    /** Who made a change: keystrokes of one source merge, other changes never do. */
    public enum Origin { TEXT, FORM, STRUCTURE, LOAD }

    private static final int MAX_STEPS = 500;
    private final List<String> steps = new ArrayList<>();
    private final long coalesceNs;
    private final LongSupplier clockNs;
    private int at;
    private Origin lastOrigin = Origin.LOAD;
    private String lastFormPath = "";
    private long lastNs;

    public EditHistory(String initial, long coalesceMs, LongSupplier clockNs) {
        this.coalesceNs = coalesceMs * 1_000_000;
        this.clockNs = clockNs;
        reset(initial);
    }

    /** Forgets every step: the text just loaded is the first. */
    public void reset(String text) {
        steps.clear();
        steps.add(text);
        at = 0;
        lastOrigin = Origin.LOAD;
    }

    public String current() {
        return steps.get(at);
    }

    /** Records a new text; {@code formPath} tells form fields apart (typing in one field merges). */
    public void record(String text, Origin origin, String formPath) {
        if (text.equals(current())) {
            return;
        }
        long now = clockNs.getAsLong();
        boolean merge = at > 0 && at == steps.size() - 1 && origin == lastOrigin
                && (origin == Origin.TEXT || origin == Origin.FORM && formPath.equals(lastFormPath))
                && now - lastNs < coalesceNs;
        while (steps.size() > at + 1) {
            steps.remove(steps.size() - 1);
        }
        if (merge) {
            steps.set(at, text);
        } else {
            steps.add(text);
            at++;
            if (steps.size() > MAX_STEPS) {
                steps.remove(0);
                at--;
            }
        }
        lastOrigin = origin;
        lastFormPath = formPath;
        lastNs = now;
    }

    public boolean canUndo() {
        return at > 0;
    }

    public boolean canRedo() {
        return at < steps.size() - 1;
    }

    public Optional<String> undo() {
        if (!canUndo()) {
            return Optional.empty();
        }
        at--;
        lastOrigin = Origin.LOAD;
        return Optional.of(steps.get(at));
    }

    public Optional<String> redo() {
        if (!canRedo()) {
            return Optional.empty();
        }
        at++;
        lastOrigin = Origin.LOAD;
        return Optional.of(steps.get(at));
    }
}
