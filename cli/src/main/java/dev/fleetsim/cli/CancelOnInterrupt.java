package dev.fleetsim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C into a clean cancel. One shutdown hook serves the whole process (installed by
 * {@link Main#main} before anything else, or by the first block): while a try-with-resources block
 * of this class is open, Ctrl-C runs the block's cancel action and waits (up to thirty seconds)
 * until the command has stopped between two events or two files, cleaned up and said so, instead
 * of the JVM dying mid-write. Before any block opens (the command is still reading and validating
 * its files, which writes nothing) the hook itself says {@value #NOTHING_WRITTEN}, so a Ctrl-C in
 * the first seconds is never silent. The command must say what it did before the block closes:
 * once {@link #close()} releases the hook, the JVM may halt at any moment. A Ctrl-C the hook sees
 * (any exit but the command's own) creates the file {@value #MARK_ENV} names, if set: {@code ./fleetsim}
 * says {@value #NOTHING_WRITTEN} itself for a Ctrl-C that came before the hook was installed, while
 * the JVM booted, and only then.
 */
public final class CancelOnInterrupt implements AutoCloseable {
    /** What Ctrl-C prints when it stops a command before the command has written anything. */
    public static final String NOTHING_WRITTEN = "cancelled: nothing was written";
    /** The environment variable through which {@code ./fleetsim} learns that the JVM handled a Ctrl-C itself. */
    static final String MARK_ENV = "FLEETSIM_INTERRUPT_MARK";

    private enum Phase { BEFORE_WORK, IN_BLOCK, AFTER_WORK, EXITING }

    private static final Object LOCK = new Object();
    private static boolean installed;
    private static boolean interrupted;
    private static Phase phase = Phase.BEFORE_WORK;
    private static CancelOnInterrupt open;
    private static PrintStream err = System.err;

    private final Runnable cancel;
    private final CountDownLatch done = new CountDownLatch(1);

    /**
     * Opens a block whose Ctrl-C runs {@code cancel} and waits for the block to close. When Ctrl-C
     * came just before the block opened, {@code cancel} runs at once, so the command stops at its
     * first check.
     */
    public CancelOnInterrupt(Runnable cancel) {
        this.cancel = cancel;
        install(System.err);
        boolean already;
        synchronized (LOCK) {
            already = interrupted;
            open = this;
            phase = Phase.IN_BLOCK;
        }
        if (already) {
            cancel.run();
        }
    }

    /** A block for a short write that Ctrl-C lets finish: the command then says what it wrote, and exits. */
    public static CancelOnInterrupt letFinish() {
        return new CancelOnInterrupt(() -> { });
    }

    /** Installs the process's hook once; {@code stream} gets the message of a Ctrl-C before any work. */
    static void install(PrintStream stream) {
        synchronized (LOCK) {
            if (installed) {
                return;
            }
            installed = true;
            err = stream;
        }
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(CancelOnInterrupt::onShutdown, "fleetsim-cancel"));
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C came before the hook could be added: the JVM exits without a word, as it would have anyway
        }
    }

    /** Called by {@link Main#main} just before it exits normally: the hook then has nothing to say. */
    static void exiting() {
        synchronized (LOCK) {
            phase = Phase.EXITING;
        }
    }

    private static void onShutdown() {
        Phase now;
        CancelOnInterrupt block;
        PrintStream stream;
        synchronized (LOCK) {
            interrupted = true;
            now = phase;
            block = open;
            stream = err;
        }
        if (now != Phase.EXITING) {
            markHandled();
        }
        if (now == Phase.BEFORE_WORK) {
            stream.println(NOTHING_WRITTEN);
            stream.flush();
        } else if (now == Phase.IN_BLOCK && block != null) {
            block.cancel.run();
            try {
                block.done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Tells the launcher that this JVM speaks for the Ctrl-C (whatever it says or leaves unsaid). */
    private static void markHandled() {
        String mark = System.getenv(MARK_ENV);
        if (mark == null || mark.isEmpty()) {
            return;
        }
        try {
            Files.createFile(Path.of(mark));
        } catch (IOException | RuntimeException e) {
            // the launcher then says "nothing was written" after the command's own words: repeated, never missing
        }
    }

    @Override
    public void close() {
        synchronized (LOCK) {
            if (open == this) {
                open = null;
                phase = Phase.AFTER_WORK;
            }
        }
        done.countDown();
    }
}
