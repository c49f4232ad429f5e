package dev.fleetsim.desktop.editor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The scenario files opened or saved lately, newest first, at most {@link #MAX}, kept in a
 * {@link Store} (the user's preferences in the app, memory in tests).
 */
public final class RecentFiles {
    public static final int MAX = 10;

    /** Where the list lives between sessions. */
    public interface Store {
        List<String> load();

        void save(List<String> paths);

        /** A store in memory. */
        static Store inMemory() {
            List<String> kept = new ArrayList<>();
            return new Store() {
                @Override
                public List<String> load() {
                    return List.copyOf(kept);
                }

                @Override
                public void save(List<String> paths) {
                    kept.clear();
                    kept.addAll(paths);
                }
            };
        }

        /** The user's preferences node for the desktop app (one key per entry). */
        static Store preferences(Preferences node) {
            return new Store() {
                @Override
                public List<String> load() {
                    List<String> out = new ArrayList<>();
                    for (int i = 0; i < MAX; i++) {
                        String p = node.get("recent." + i, null);
                        if (p != null) {
                            out.add(p);
                        }
                    }
                    return out;
                }

                @Override
                public void save(List<String> paths) {
                    for (int i = 0; i < MAX; i++) {
                        if (i < paths.size()) {
                            node.put("recent." + i, paths.get(i));
                        } else {
                            node.remove("recent." + i);
                        }
                    }
                    try {
                        node.flush();
                    } catch (BackingStoreException e) {
                        // The list is a convenience: losing it must not stop the user's work.
                    }
                }
            };
        }
    }

    private final Store store;

    public RecentFiles(Store store) {
        this.store = store;
    }

    /** Newest first. */
    public List<Path> list() {
        return store.load().stream().map(Path::of).toList();
    }

    /** Puts a file at the top (moving it when it was already listed). */
    public void add(Path file) {
        String p = file.toAbsolutePath().normalize().toString();
        List<String> out = new ArrayList<>();
        out.add(p);
        for (String q : store.load()) {
            if (!q.equals(p) && out.size() < MAX) {
                out.add(q);
            }
        }
        store.save(out);
    }

    public void remove(Path file) {
        String p = file.toAbsolutePath().normalize().toString();
        List<String> out = new ArrayList<>(store.load());
        out.remove(p);
        store.save(out);
    }
}
