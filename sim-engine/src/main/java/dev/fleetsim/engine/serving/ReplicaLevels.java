package dev.fleetsim.engine.serving;

/** What one replica last told its deployment's series, so that it reports changes as deltas. */
final class ReplicaLevels {
    private final ServingSeries series;
    private double running;
    private double waiting;
    private double kvUsed;
    private boolean busy;

    ReplicaLevels(ServingSeries series) {
        this.series = series;
    }

    void show(long nowNs, double nowRunning, double nowWaiting, double nowKvUsed, boolean nowBusy) {
        if (nowRunning != running) {
            series.level(nowNs, ServingSeries.RUNNING, nowRunning - running);
            running = nowRunning;
        }
        if (nowWaiting != waiting) {
            series.level(nowNs, ServingSeries.WAITING, nowWaiting - waiting);
            waiting = nowWaiting;
        }
        if (nowKvUsed != kvUsed) {
            series.level(nowNs, ServingSeries.KV_USED, nowKvUsed - kvUsed);
            kvUsed = nowKvUsed;
        }
        if (nowBusy != busy) {
            series.level(nowNs, ServingSeries.BUSY, nowBusy ? 1 : -1);
            busy = nowBusy;
        }
    }
}
