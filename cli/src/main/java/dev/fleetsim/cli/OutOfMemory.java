package dev.fleetsim.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What the command line says when a command runs out of heap: the heap it had, what to pass for
 * more, and that nothing was written (a run's folder is written whole or not at all, and the
 * unwinding that brought the error here deleted the partial one). No stack trace: running out of
 * memory is a limit of this machine and JVM, not a bug. The launcher sets no fixed heap, so the
 * JVM's own default (a share of the machine's memory) is what ran out, and on a larger machine the
 * same command gets more.
 */
final class OutOfMemory {
    private OutOfMemory() {
    }

    /** Whether {@code t} or one of its causes is an {@link OutOfMemoryError} (a worker thread's arrives wrapped). */
    static boolean causedBy(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** Prints the error in words and returns {@link Main#EXIT_BAD_INPUT}, as for a scenario refused as too large. */
    static int report(PrintWriter err) {
        err.println(message(Runtime.getRuntime().maxMemory(), machineBytes()));
        err.flush();
        return Main.EXIT_BAD_INPUT;
    }

    /** The message for a JVM whose heap may grow to {@code maxHeapBytes} on a machine of {@code machineBytes} (0: unknown). */
    static String message(long maxHeapBytes, long machineBytes) {
        double heapGb = maxHeapBytes / 1e9;
        long suggestGib = (long) Math.ceil(2.0 * maxHeapBytes / (1L << 30));
        String more;
        if (machineBytes > 0 && suggestGib * (1L << 30) > 0.8 * machineBytes) {
            long most = (long) Math.floor(0.8 * machineBytes / (1L << 30));
            more = most * (1L << 30) > maxHeapBytes
                    ? String.format(Locale.ROOT, "at most FLEETSIM_JAVA_OPTS=-Xmx%dg on this machine (%.1f GB of memory)",
                            most, machineBytes / 1e9)
                    : String.format(Locale.ROOT, "this machine (%.1f GB of memory) has little more to give: run it on a larger one",
                            machineBytes / 1e9);
        } else {
            more = String.format(Locale.ROOT, "FLEETSIM_JAVA_OPTS=-Xmx%dg", suggestGib);
        }
        return String.format(Locale.ROOT, "error: out of memory: the command needed more than the %.1f GB of heap this"
                + " JVM may use, and stopped; no results were written.%n  Give it more heap (%s), or make the scenario"
                + " smaller (fewer jobs, GPUs or requests, a shorter horizon, or simulation.network: analytic).", heapGb, more);
    }

    private static long machineBytes() {
        try {
            java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean) {
                return ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
            }
        } catch (RuntimeException | LinkageError e) {
            // unknown: the message then suggests twice the heap
        }
        return 0;
    }
}
