package dev.fleetsim.engine.kernel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Beside}: the value is the caller's own, failures come back as they were, small work stays on the caller. */
class BesideTest {

    @Test
    void largeWorkRunsOnAHelperThreadAndSmallWorkOnTheCaller() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        assertEquals(42, Beside.of(Beside.MIN_ITEMS, () -> {
            ranOn.set(Thread.currentThread());
            return 42;
        }).join());
        assertNotEquals(Thread.currentThread(), ranOn.get());
        assertEquals(7, Beside.of(Beside.MIN_ITEMS - 1, () -> {
            ranOn.set(Thread.currentThread());
            return 7;
        }).join());
        assertSame(Thread.currentThread(), ranOn.get());
    }

    @Test
    void failuresComeBackAsTheyWere() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> Beside.start(() -> {
            throw boom;
        }).join()));
        assertThrows(OutOfMemoryError.class, () -> Beside.start(() -> {
            throw new OutOfMemoryError("test");
        }).join());
        IOException io = new IOException("disk");
        assertSame(io, assertThrows(UncheckedIOException.class, () -> Beside.of(1, () -> {
            throw io;
        }).join()).getCause());
    }
}
