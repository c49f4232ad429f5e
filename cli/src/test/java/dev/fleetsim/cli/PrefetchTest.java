package dev.fleetsim.cli;

import dev.fleetsim.engine.Fleetsim;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/** {@link Prefetch}: the façade built on the prefetch thread is the one the command would have built, and is handed out once. */
class PrefetchTest {

    @Test
    void theFacadeBuiltAheadIsTheOneACommandBuilds() {
        Fleetsim plain = Fleetsim.create();
        Prefetch.start(new String[] {"run", "x.yaml"});
        Fleetsim ahead = Prefetch.fleetsim();
        assertEquals(plain.policies().names(), ahead.policies().names());
        assertEquals(plain.artifactNames(), ahead.artifactNames());
        // Handed out once: the next command builds its own.
        assertNotSame(ahead, Prefetch.fleetsim());
        // Only commands that build a façade start one.
        Prefetch.start(new String[] {"--version"});
        assertNotSame(ahead, Prefetch.fleetsim());
    }
}
