package dev.fleetsim.cli;

import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A test policy for the interrupt tests: FIFO (the registered {@code test-serial} order) that
 * sleeps {@code 20 ms} in every round until Ctrl-C has come ({@link CtrlCSeen}), so a run takes long
 * enough to be interrupted mid-way and then stops as fast as a real one, and
 * touches the file named by {@code -Dfleetsim.test.running} at its first round, so the test knows
 * the simulation is under way. With {@code -Dfleetsim.test.validating}, the first creation (the
 * scenario's validation checks the policy's parameters by creating it) touches that file and takes
 * up to three seconds (until Ctrl-C), so a test can interrupt the command while it still reads its input.
 * Registered only on the class path the tests give a child JVM.
 */
public final class SlowTestPolicy implements PolicyProvider {

    @Override
    public String name() {
        return "test-slow";
    }

    @Override
    public String description() {
        return "test only: one job at a time, 20 ms per round";
    }

    @Override
    public SchedulingPolicy create(Map<String, Object> params) {
        CtrlCSeen.watch();
        String validating = System.getProperty("fleetsim.test.validating");
        if (validating != null && !Files.exists(Path.of(validating))) {
            touch(validating, "validating\n");
            CtrlCSeen.sleepUnlessSeen(3_000);
        }
        SchedulingPolicy serial = new SerialTestPolicy().create(params);
        return context -> {
            String marker = System.getProperty("fleetsim.test.running");
            if (marker != null && !Files.exists(Path.of(marker))) {
                touch(marker, "running\n");
            }
            // slow only until Ctrl-C: then the engine's next cancellation check (every 4096 events) comes at once
            if (!CtrlCSeen.seen()) {
                sleep(20);
            }
            return serial.schedule(context);
        };
    }

    private static void touch(String file, String text) {
        try {
            Files.writeString(Path.of(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
