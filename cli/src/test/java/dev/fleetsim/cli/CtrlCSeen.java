package dev.fleetsim.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * For the interrupt tests' slow providers in a child JVM: whether Ctrl-C (SIGINT) has come, seen
 * by a shutdown hook of its own that runs beside the launcher's. The providers are slow only
 * until then, so the test has time to interrupt, and afterwards the command runs at full speed to
 * its next cancellation check: a test waits for the real cancel, not for the slowness it asked for.
 */
final class CtrlCSeen {
    private static final CountDownLatch SEEN = new CountDownLatch(1);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SEEN::countDown, "test-ctrl-c-seen"));
    }

    private CtrlCSeen() {
    }

    /** Installs the hook (on first use of the class); call before telling the test to interrupt. */
    static void watch() {
        // the static initialiser does it
    }

    static boolean seen() {
        return SEEN.getCount() == 0;
    }

    /** Sleeps {@code ms}, or less when Ctrl-C comes first (at once when it has come). */
    static void sleepUnlessSeen(long ms) {
        try {
            SEEN.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
