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
 * sleeps {@code 20 ms} in every round, so a run takes long enough to be interrupted mid-way, and
 * touches the file named by {@code -Dfleetsim.test.running} at its first round, so the test knows
 * the simulation is under way. Registered only on the class path the tests give a child JVM.
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
        SchedulingPolicy serial = new SerialTestPolicy().create(params);
        return context -> {
            String marker = System.getProperty("fleetsim.test.running");
            if (marker != null && !Files.exists(Path.of(marker))) {
                try {
                    Files.writeString(Path.of(marker), "running\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return serial.schedule(context);
        };
    }
}
