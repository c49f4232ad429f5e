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
        double busyDelta = nowBusy == busy ? 0 : nowBusy ? 1 : -1;
        if (nowRunning != running || nowWaiting != waiting || nowKvUsed != kvUsed || busyDelta != 0) {
            series.levels(nowNs, nowRunning - running, nowWaiting - waiting, nowKvUsed - kvUsed, busyDelta);
            running = nowRunning;
            waiting = nowWaiting;
            kvUsed = nowKvUsed;
            busy = nowBusy;
        }
    }
}
