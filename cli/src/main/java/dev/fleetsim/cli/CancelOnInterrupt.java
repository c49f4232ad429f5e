package dev.fleetsim.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C into a clean cancel for the duration of a try-with-resources block: the shutdown
 * hook sets the command's cancel flag and waits (up to thirty seconds) until the command has
 * stopped between two events or two files, cleaned up and said so, instead of the JVM dying
 * mid-write. The command must say what it did before the block closes: once {@link #close()}
 * releases the hook, the JVM may halt at any moment.
 */
public final class CancelOnInterrupt implements AutoCloseable {
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    public CancelOnInterrupt(Runnable cancel) {
        hook = new Thread(() -> {
            cancel.run();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fleetsim-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting because of Ctrl-C; the hook has been started
        }
    }
}
