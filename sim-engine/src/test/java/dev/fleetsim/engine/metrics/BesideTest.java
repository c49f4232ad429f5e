package dev.fleetsim.engine.metrics;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.testing.InOrderPolicy;
import dev.fleetsim.engine.testing.RepositoryFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
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

    /** jobs.csv written in two halves on two threads is the string {@link ResultWriter#jobsCsv} makes, byte for byte. */
    @Test
    void jobsCsvInTwoHalvesIsTheSameBytes() throws Exception {
        Fleetsim fleetsim = Fleetsim.builder().policies(InOrderPolicy.REGISTRY).build();
        RunResult run = fleetsim.run(fleetsim.validate(Files.readString(RepositoryFiles.file("scenarios/quickstart.yaml"))
                        .replace("name: fifo", "name: in-order"), "quickstart.yaml").orThrow(),
                SimulationObserver.NONE);
        List<JobRecord> many = new ArrayList<>();
        while (many.size() < Beside.MIN_ITEMS + 3) {
            many.addAll(run.jobs());
        }
        for (List<JobRecord> jobs : List.of(many, new LinkedList<>(many), run.jobs(), List.<JobRecord>of())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ResultWriter.writeJobsCsv(out, jobs);
            assertEquals(ResultWriter.jobsCsv(jobs), out.toString(StandardCharsets.UTF_8));
        }
    }
}
