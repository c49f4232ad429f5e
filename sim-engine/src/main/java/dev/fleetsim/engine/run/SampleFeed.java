package dev.fleetsim.engine.run;

import dev.fleetsim.engine.observe.LinkLoad;
import dev.fleetsim.engine.observe.SampleRate;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.observe.SimulationSample;

import java.util.List;
import java.util.function.Supplier;

/**
 * Turns the metrics' change points into an observer's samples at the rate it asked for. A
 * state is sent once it is complete, when the clock first moves past the instant it began (so
 * a sample never shows half of a round's starts), and the run's last state is always sent. It
 * reads values the run keeps anyway and schedules nothing, so it cannot change a result; its
 * only floating-point sums (energy cost so far) feed the samples alone. Cost is priced as the summary's
 * is: the fleet's fixed hourly cost plus the energy of owned GPUs ({@link FleetBilling}).
 */
final class SampleFeed {
    private static final double NS_PER_HOUR = 3.6e12;

    private final SimulationObserver observer;
    private final long minIntervalNs;
    private final long minWallGapNs;
    private final double pue;
    private final double fleetUsdPerHour;
    private final Supplier<List<LinkLoad>> links;
    private boolean pending;
    private long pendingNs;
    private double allocated;
    private double busy;
    private int queue;
    private int running;
    private double itPowerW;
    private double energyUsdPerHour;
    private double energyUsd;
    private long lastSentNs = Long.MIN_VALUE;
    private long lastSentWallNs;

    SampleFeed(SimulationObserver observer, double pue, double fleetUsdPerHour,
               Supplier<List<LinkLoad>> links) {
        SampleRate rate = observer.sampleRate();
        this.observer = observer;
        this.minIntervalNs = rate.minSimulatedIntervalNs();
        this.minWallGapNs = Double.isInfinite(rate.maxPerWallSecond()) ? 0 : (long) (1e9 / rate.maxPerWallSecond());
        this.pue = pue;
        this.fleetUsdPerHour = fleetUsdPerHour;
        this.links = links;
    }

    /** The cluster's state changed at {@code nowNs} to these values ({@code billedUsdPerHour}: what its GPUs' energy costs). */
    void changed(long nowNs, double allocatedGpus, double busyGpus, int queueLength, int runningJobs, double powerW,
                 double billedUsdPerHour) {
        if (minIntervalNs == Long.MAX_VALUE) {
            return;
        }
        if (pending && nowNs > pendingNs) {
            if ((lastSentNs == Long.MIN_VALUE || pendingNs - lastSentNs >= minIntervalNs) && wallAllows()) {
                send(pendingNs);
            }
            energyUsd += energyUsdPerHour * (nowNs - pendingNs) / NS_PER_HOUR;
        }
        pending = true;
        pendingNs = nowNs;
        allocated = allocatedGpus;
        busy = busyGpus;
        queue = queueLength;
        running = runningJobs;
        itPowerW = powerW;
        energyUsdPerHour = billedUsdPerHour;
    }

    /** The run ended at {@code endNs}: its last state is sent, whatever the rate. */
    void finish(long endNs) {
        if (pending && minIntervalNs != Long.MAX_VALUE) {
            energyUsd += energyUsdPerHour * (Math.max(endNs, pendingNs) - pendingNs) / NS_PER_HOUR;
            pendingNs = Math.max(endNs, pendingNs);
            send(pendingNs);
        }
    }

    private boolean wallAllows() {
        if (minWallGapNs == 0) {
            return true;
        }
        long wall = System.nanoTime();
        if (lastSentNs != Long.MIN_VALUE && wall - lastSentWallNs < minWallGapNs) {
            return false;
        }
        lastSentWallNs = wall;
        return true;
    }

    private void send(long atNs) {
        lastSentNs = atNs;
        double costUsd = fleetUsdPerHour * atNs / NS_PER_HOUR + energyUsd;
        observer.sample(new SimulationSample(atNs, allocated, busy, queue, running, itPowerW * pue / 1000, costUsd,
                links.get()));
    }
}
