package dev.fleetsim.engine.network.burst;

/**
 * Per link, the actual average load now and what it has carried: the load, the bytes carried up
 * to the last change, the time of that change and the highest load held for a positive time,
 * packed with the link's {@link PrivateLoads} mark as five {@code long}s a link (the doubles as
 * their bits). A job's start, stop or new pace touches every link it uses: one or two cache lines
 * a link instead of one in each of four arrays (their accrual was 6 % of the 1M-job bench's
 * samples, docs/PERFORMANCE.md, "Starts and stops: maps, link statistics, private links, routes").
 * The peak is kept as a load and divided by the capacity when read: division by a positive number
 * is monotone, so {@code max(a, b) / c} is bit for bit {@code max(a / c, b / c)}, what was kept
 * before ({@code LinkLoadsTest}).
 */
final class LinkLoads {
    private static final int STRIDE = 5;
    private static final int SINCE = 0;
    private static final int LOAD = 1;
    private static final int CARRIED = 2;
    private static final int PEAK = 3;
    private static final int OWNER = 4;

    private final long[] cells;

    LinkLoads(int links) {
        this.cells = new long[STRIDE * links];
    }

    /** Accrues the link's load up to {@code nowNs} (a no-op unless time has passed since its last change). */
    void integrate(int l, long nowNs) {
        int at = STRIDE * l;
        long since = cells[at + SINCE];
        if (nowNs > since) {
            double load = get(at + LOAD);
            if (load > 0) {
                set(at + CARRIED, get(at + CARRIED) + load * ((nowNs - since) / 1e9));
                set(at + PEAK, Math.max(get(at + PEAK), load));
            }
            cells[at + SINCE] = nowNs;
        }
    }

    double load(int l) {
        return get(STRIDE * l + LOAD);
    }

    void setLoad(int l, double bytesPerS) {
        set(STRIDE * l + LOAD, bytesPerS);
    }

    void addLoad(int l, double bytesPerS) {
        int at = STRIDE * l + LOAD;
        set(at, get(at) + bytesPerS);
    }

    /** Bytes the link carried up to {@code endNs} (not before the last change). */
    double carriedBytes(int l, long endNs) {
        int at = STRIDE * l;
        return get(at + CARRIED) + get(at + LOAD) * Math.max(0, endNs - cells[at + SINCE]) / 1e9;
    }

    /** The highest load held for a positive time up to {@code endNs}, over {@code capacityBytesPerS}. */
    double peakUtilisation(int l, long endNs, double capacityBytesPerS) {
        int at = STRIDE * l;
        double p = get(at + PEAK);
        double load = get(at + LOAD);
        if (endNs > cells[at + SINCE] && load > 0) {
            p = Math.max(p, load);
        }
        return p / capacityBytesPerS;
    }

    /** The link's mark for {@link PrivateLoads} (0 until set). */
    int owner(int l) {
        return (int) cells[STRIDE * l + OWNER];
    }

    void setOwner(int l, int mark) {
        cells[STRIDE * l + OWNER] = mark;
    }

    private double get(int i) {
        return Double.longBitsToDouble(cells[i]);
    }

    private void set(int i, double v) {
        cells[i] = Double.doubleToRawLongBits(v);
    }
}
