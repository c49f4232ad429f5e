package dev.fleetsim.cli;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutOfMemoryTest {
    private static final long GIB = 1L << 30;

    @Test
    void findsTheErrorBehindAWorkerThreadsWrapping() {
        assertTrue(OutOfMemory.causedBy(new OutOfMemoryError("Java heap space")));
        assertTrue(OutOfMemory.causedBy(new ExecutionException(new RuntimeException(new OutOfMemoryError()))));
        assertFalse(OutOfMemory.causedBy(new IllegalStateException("a bug")));
    }

    /** The heap it had, twice that to pass, and that nothing was written; never more than the machine can give. */
    @Test
    void saysWhatRanOutAndWhatToPass() {
        String m = OutOfMemory.message(6 * GIB, 24 * GIB);
        assertTrue(m.startsWith("error: out of memory: the command needed more than the 6.4 GB of heap"), m);
        assertTrue(m.contains("no results were written"), m);
        assertTrue(m.contains("FLEETSIM_JAVA_OPTS=-Xmx12g"), m);
        assertFalse(m.contains("Exception"), m);

        String near = OutOfMemory.message(12 * GIB, 24 * GIB);
        assertTrue(near.contains("at most FLEETSIM_JAVA_OPTS=-Xmx19g on this machine (25.8 GB of memory)"), near);

        String full = OutOfMemory.message(20 * GIB, 24 * GIB);
        assertTrue(full.contains("has little more to give: run it on a larger one"), full);

        assertTrue(OutOfMemory.message(GIB, 0).contains("FLEETSIM_JAVA_OPTS=-Xmx2g"));
    }

    @Test
    void exitsAsARefusedScenarioDoes() {
        java.io.StringWriter out = new java.io.StringWriter();
        assertEquals(Main.EXIT_BAD_INPUT, OutOfMemory.report(new java.io.PrintWriter(out)));
        assertTrue(out.toString().startsWith("error: out of memory"), out.toString());
    }
}
