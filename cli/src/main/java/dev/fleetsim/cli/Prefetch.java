package dev.fleetsim.cli;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.Beside;

import java.util.Set;

/**
 * The façade of a command that needs one, built on a second thread from the moment the JVM
 * enters {@code main}: reading the shipped hardware catalogue (eight profiles) and finding the
 * policies is a quarter of a second of a short run's start, which then overlaps picocli's parse
 * and the scenario keys' set-up on the main thread (docs/PERFORMANCE.md, "Philly-like FIFO: the
 * run's critical path"). What is built is what {@link Fleetsim#create()} builds; a command
 * started without {@link #start} (tests call {@link Main#execute}) builds it itself.
 */
final class Prefetch {
    /** The commands that start by building the façade from the class path (the rest would waste the thread). */
    private static final Set<String> COMMANDS = Set.of("run");
    private static Beside<Fleetsim> fleetsim;

    private Prefetch() {
    }

    /** Starts building the façade when the first argument names a command that needs it. */
    static synchronized void start(String[] args) {
        if (fleetsim == null && args.length > 0 && COMMANDS.contains(args[0])) {
            fleetsim = Beside.start(Fleetsim::create);
        }
    }

    /** The façade started by {@link #start} (once), or a new one; a failure there is thrown here, as building it here would. */
    static Fleetsim fleetsim() {
        Beside<Fleetsim> started;
        synchronized (Prefetch.class) {
            started = fleetsim;
            fleetsim = null;
        }
        return started == null ? Fleetsim.create() : started.join();
    }
}
