package dev.fleetsim.desktop;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** File dialogs that answer with paths a test queued (native dialogs cannot be driven headless). */
public final class FixedDialogs implements FileDialogs {
    public final Deque<Path> opens = new ArrayDeque<>();
    public final Deque<Path> saves = new ArrayDeque<>();
    public final Deque<Path> folders = new ArrayDeque<>();
    public final Deque<String> asked = new ArrayDeque<>();

    @Override
    public Optional<Path> open(String title, List<String> extensions) {
        asked.add(title);
        return Optional.ofNullable(opens.poll());
    }

    @Override
    public Optional<Path> save(String title, String suggestedName, List<String> extensions) {
        asked.add(title + ": " + suggestedName);
        return Optional.ofNullable(saves.poll());
    }

    @Override
    public Optional<Path> folder(String title) {
        asked.add(title);
        return Optional.ofNullable(folders.poll());
    }
}
