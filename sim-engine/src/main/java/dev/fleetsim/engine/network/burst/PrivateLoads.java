package dev.fleetsim.engine.network.burst;

import java.util.function.IntFunction;

/**
 * The link statistics of a registered job's private links ({@link BurstTraffic}'s: its GPUs' PCIe
 * and NIC links, the NICs only its GPUs send through), brought up to date lazily. What the job does
 * to such a link (at its start, at each new pace and at its stop: accrue the link's load to that
 * time, then set the new load) waits, and is applied later link by link in the same order with the
 * same arithmetic, so every figure is bit for bit what applying it at once gave: when the job stops,
 * when a figure of the link is read, and before anyone else touches the link. A large job has
 * hundreds of private links, each a cache miss at its start and at every new pace (4 % of the
 * 1M-job bench's samples, docs/PERFORMANCE.md, "Starts and stops: maps, link statistics, private links, routes"); now each is
 * touched once.
 * A link found private to two registered jobs at once (no fabric builds one) is marked contested,
 * and the jobs that hold it apply their changes at once, as before.
 */
final class PrivateLoads {
    private static final int NONE = 0;
    private static final int CONTESTED = -1;
    /** Waiting changes a job keeps at most; then they are applied (any time gives the same figures). */
    private static final int MAX_PENDING = 16;

    private final LinkLoads loads;
    private final IntFunction<RegisteredJob> jobs;

    /** Over {@code loads}, whose owner marks are this class's; {@code jobs} finds a registered job by id. */
    PrivateLoads(LinkLoads loads, IntFunction<RegisteredJob> jobs) {
        this.loads = loads;
        this.jobs = jobs;
    }

    /** Job {@code r} starts at its idle pace ({@code r.paceS}). */
    void added(RegisteredJob r, long nowNs) {
        int[] links = r.traffic.privateLinks;
        boolean alone = true;
        for (int l : links) {
            int mark = loads.owner(l);
            if (mark == CONTESTED) {
                alone = false;
            } else if (mark != NONE) {
                RegisteredJob other = jobs.apply(mark - 1);
                apply(other);
                other.privateDeferred = false;
                contest(other.traffic.privateLinks);
                alone = false;
            }
        }
        if (!alone) {
            contest(links);
            r.privateDeferred = false;
            for (int i = 0; i < links.length; i++) {
                loads.integrate(links[i], nowNs);
                loads.addLoad(links[i], r.traffic.privateBytes[i] / r.paceS);
            }
            return;
        }
        for (int l : links) {
            loads.setOwner(l, r.id + 1);
        }
        r.privateDeferred = true;
        r.pendingNs = new long[2];
        r.pendingPaceS = new double[2];
        r.pendingNs[0] = nowNs;
        r.pendingPaceS[0] = r.paceS;
        r.pending = 1;
        r.pendingStart = true;
    }

    /** Job {@code r} runs at {@code iterationS} from now on. */
    void paced(RegisteredJob r, double iterationS, long nowNs) {
        int[] links = r.traffic.privateLinks;
        if (!r.privateDeferred) {
            for (int i = 0; i < links.length; i++) {
                loads.integrate(links[i], nowNs);
                loads.setLoad(links[i], r.traffic.privateBytes[i] / iterationS);
            }
            return;
        }
        if (r.pending == MAX_PENDING) {
            apply(r);
        }
        if (r.pending == r.pendingNs.length) {
            r.pendingNs = java.util.Arrays.copyOf(r.pendingNs, 2 * r.pending);
            r.pendingPaceS = java.util.Arrays.copyOf(r.pendingPaceS, 2 * r.pending);
        }
        r.pendingNs[r.pending] = nowNs;
        r.pendingPaceS[r.pending++] = iterationS;
    }

    /** Job {@code r} stops: its private links carry nothing from now on. */
    void removed(RegisteredJob r, long nowNs) {
        apply(r);
        int[] links = r.traffic.privateLinks;
        for (int l : links) {
            loads.integrate(l, nowNs);
            // Only this job uses the link.
            loads.setLoad(l, 0);
            if (r.privateDeferred) {
                loads.setOwner(l, NONE);
            }
        }
    }

    /** Applies what the job holding link {@code l} as private has left waiting, before the link is read or touched. */
    void settle(int l) {
        int mark = loads.owner(l);
        if (mark > 0) {
            apply(jobs.apply(mark - 1));
        }
    }

    private void apply(RegisteredJob r) {
        if (r.pending == 0) {
            return;
        }
        int[] links = r.traffic.privateLinks;
        double[] bytes = r.traffic.privateBytes;
        for (int i = 0; i < links.length; i++) {
            int l = links[i];
            for (int k = 0; k < r.pending; k++) {
                loads.integrate(l, r.pendingNs[k]);
                double load = bytes[i] / r.pendingPaceS[k];
                if (k == 0 && r.pendingStart) {
                    loads.addLoad(l, load);
                } else {
                    loads.setLoad(l, load);
                }
            }
        }
        r.pending = 0;
        r.pendingStart = false;
    }

    private void contest(int[] links) {
        for (int l : links) {
            loads.setOwner(l, CONTESTED);
        }
    }
}
