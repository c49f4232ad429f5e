package dev.fleetsim.engine.network.burst;

import dev.fleetsim.engine.network.flow.FlowNetwork;
import dev.fleetsim.engine.network.flow.RateUpdate;

import java.util.Arrays;

/**
 * How running jobs' bursty traffic shares links, kept up to date as jobs start and stop (see
 * docs/NETWORK.md, "Coupling"). Two effects slow a job down:
 * <ul>
 * <li><b>Bursts overlap.</b> A class of a job's flows (one collective on all its groups) bursts
 *     at its idle rates, demanding {@code D} on each link it crosses. Every other job bursts
 *     independently of it, for a fraction of its iteration; on average it demands its idle
 *     average load on the link, so during the burst the link sees the expected demand
 *     {@code D + Λ₋ⱼ} ({@code Λ₋ⱼ}: the other jobs' idle average loads) and the burst gets the
 *     share {@code C / (D + Λ₋ⱼ)} of its demand when that exceeds the capacity {@code C}. A flow
 *     runs at its idle rate times the smallest share along its path; the burst lasts until its
 *     slowest flow is done, and {@link Contention#stretchS} is how much longer that is than idle.
 *     For two identical jobs this is the random-phase expectation exactly; the error on other
 *     cases is in docs/NETWORK.md.</li>
 * <li><b>Averages oversubscribe.</b> Every flow (one per connection: a route between two GPUs)
 *     is also on one {@link FlowNetwork}, capped at its average demand at the idle pace, shared
 *     by max-min: a flow held below its cap cannot move an iteration's bytes in the idle time, so
 *     the iteration lasts at least {@code bytes / rate} ({@link Contention#fluidIterationS}).</li>
 * </ul>
 * Everything here is a function of the set of running jobs (no history), and a start or stop
 * costs one incremental max-min update plus a pass over the links it touches; it returns the jobs
 * whose pace may have moved, which the caller re-paces. Also integrates each link's actual
 * average load (each job's bytes per iteration over its current pace) for link statistics.
 * Single-threaded; deterministic for a given call sequence. Jobs are identified by a
 * non-negative int.
 */
public final class BurstSharing {

    /**
     * A job's contention with the others now.
     *
     * @param stretchS per class of its traffic, how much longer one burst takes than on the idle network
     * @param fluidIterationS the iteration time its average demands allow (0 if no flow is held below its cap)
     * @param fluidClass the class moving most of the bytes of the flow that sets {@code fluidIterationS} (-1 if none)
     */
    public record Contention(double[] stretchS, double fluidIterationS, int fluidClass) {
    }

    private static final double EPS = 1e-9;

    private final double[] capacity;
    private final FlowNetwork fluid;
    /** Σ over registered jobs of their idle average load: the expected competing demand. */
    private final double[] idleLoad;
    /** Σ over registered jobs of bytes per iteration / current pace: the actual average load, and what it carried. */
    private final LinkLoads loads;
    /** The loads of links private to one job, brought up to date when read or when the job stops. */
    private final PrivateLoads privates;
    private final int[][] linkJobs;
    /** Per link, per job on it (in {@code linkJobs} order): that job's largest burst demand there. */
    private final double[][] linkMaxDemand;
    /** Per link, per job on it: that job's idle load there (kept beside the ids: no job lookup per scan). */
    private final double[][] linkIdleLoad;
    private final int[] linkJobCount;
    private final int[] scratchStamp;
    private final int[] scratchLocal;
    private RegisteredJob[] jobs = new RegisteredJob[64];
    private int[] ownerOfFlow = new int[256];
    private int[] jobMark = new int[64];
    /**
     * Per job id, whether its kept burst stretch ({@link RegisteredJob#stretchS}) may be stale: an
     * idle load on one of its links moved since it was worked out. The stretch is a function of
     * those loads alone, so a job re-paced only because its average-demand rates moved reuses it.
     */
    private boolean[] stretchStale = new boolean[64];
    private int mark;

    /** Links {@code 0..capacities.length)} with these capacities, bytes/s. */
    public BurstSharing(double[] capacitiesBytesPerS) {
        this.capacity = capacitiesBytesPerS.clone();
        this.fluid = new FlowNetwork(capacity);
        int n = capacity.length;
        this.idleLoad = new double[n];
        this.loads = new LinkLoads(n);
        this.privates = new PrivateLoads(loads, owner -> jobs[owner]);
        this.linkJobs = new int[n][];
        this.linkMaxDemand = new double[n][];
        this.linkIdleLoad = new double[n][];
        this.linkJobCount = new int[n];
        this.scratchStamp = new int[n];
        this.scratchLocal = new int[n];
    }

    /**
     * Registers job {@code id} (not registered) at its idle pace {@code idleIterationS}.
     *
     * @return the other registered jobs whose pace may have moved, ascending
     */
    public int[] add(int id, BurstTraffic traffic, double idleIterationS, long nowNs) {
        if (id < 0 || (id < jobs.length && jobs[id] != null)) {
            throw new IllegalArgumentException("job " + id + " is already registered or negative");
        }
        RegisteredJob r = RegisteredJob.of(id, traffic, idleIterationS, scratchStamp, scratchLocal);
        if (id >= jobs.length) {
            jobs = Arrays.copyOf(jobs, Math.max(id + 1, 2 * jobs.length));
            stretchStale = Arrays.copyOf(stretchStale, jobs.length);
        }
        jobs[id] = r;
        double[] caps = new double[r.fluidBytes.length];
        for (int i = 0; i < caps.length; i++) {
            caps[i] = r.fluidBytes[i] / idleIterationS;
        }
        RateUpdate up = fluid.addFlows(r.fluidPaths, caps);
        r.fluidIds = up.addedFlowIds();
        for (int f : r.fluidIds) {
            if (f >= ownerOfFlow.length) {
                ownerOfFlow = Arrays.copyOf(ownerOfFlow, Math.max(f + 1, 2 * ownerOfFlow.length));
            }
            ownerOfFlow[f] = id;
        }
        IntSet affected = new IntSet();
        for (int f : up.changedFlowIdsAnyOrder()) {
            affected.add(ownerOfFlow[f]);
        }
        privates.added(r, nowNs);
        for (int s = 0; s < r.links.length; s++) {
            int l = r.links[s];
            integrate(l, nowNs);
            double before = idleLoad[l];
            idleLoad[l] += r.idleLoad[s];
            loads.addLoad(l, r.bytesPerIteration[s] / r.paceS);
            collectTight(l, before, idleLoad[l], affected);
            link(l, r, s);
        }
        return affected.sortedWithout(id);
    }

    /**
     * Removes job {@code id} (a no-op if it is not registered).
     *
     * @return the registered jobs whose pace may have moved, ascending
     */
    public int[] remove(int id, long nowNs) {
        RegisteredJob r = id >= 0 && id < jobs.length ? jobs[id] : null;
        if (r == null) {
            return new int[0];
        }
        RateUpdate up = fluid.removeFlows(r.fluidIds);
        privates.removed(r, nowNs);
        jobs[id] = null;
        IntSet affected = new IntSet();
        for (int f : up.changedFlowIdsAnyOrder()) {
            affected.add(ownerOfFlow[f]);
        }
        for (int s = 0; s < r.links.length; s++) {
            int l = r.links[s];
            integrate(l, nowNs);
            unlink(l, id);
            double before = idleLoad[l];
            if (linkJobCount[l] == 0) {
                // Nothing left: clear the rounding the additions and subtractions left behind.
                idleLoad[l] = 0;
                loads.setLoad(l, 0);
            } else {
                idleLoad[l] -= r.idleLoad[s];
                loads.addLoad(l, -(r.bytesPerIteration[s] / r.paceS));
            }
            collectTight(l, before, idleLoad[l], affected);
        }
        return affected.sortedWithout(id);
    }

    /** Records job {@code id}'s current pace (its actual average load), for the link statistics. */
    public void pace(int id, double iterationS, long nowNs) {
        RegisteredJob r = job(id);
        for (int s = 0; s < r.links.length; s++) {
            int l = r.links[s];
            integrate(l, nowNs);
            loads.addLoad(l, r.bytesPerIteration[s] * (1.0 / iterationS - 1.0 / r.paceS));
        }
        privates.paced(r, iterationS, nowNs);
        r.paceS = iterationS;
    }

    /** Job {@code id}'s contention with the other registered jobs; see the class comment. */
    public Contention contention(int id) {
        RegisteredJob r = job(id);
        if (r.stretchS == null || stretchStale[id]) {
            r.stretchS = stretch(r);
            stretchStale[id] = false;
        }
        double[] stretch = r.stretchS.clone();
        double fluidS = 0;
        int fluidClass = -1;
        for (int i = 0; i < r.fluidIds.length; i++) {
            int f = r.fluidIds[i];
            double rate = fluid.rateBytesPerS(f);
            if (rate < fluid.demandCapBytesPerS(f) * (1 - EPS)) {
                double s = r.fluidBytes[i] / rate;
                if (s > fluidS) {
                    fluidS = s;
                    fluidClass = r.fluidClass[i];
                }
            }
        }
        return new Contention(stretch, fluidS, fluidClass);
    }

    /** Job {@code id}'s stretch per class worked out afresh from the idle loads now, never the kept one (for tests). */
    double[] freshStretchS(int id) {
        return stretch(job(id));
    }

    /** Per class of the job's bursts, how much longer one takes than idle with the others' idle loads now. */
    private double[] stretch(RegisteredJob r) {
        BurstTraffic t = r.traffic;
        double[] stretch = new double[t.classCount()];
        for (int c = 0; c < stretch.length; c++) {
            int[] slots = r.classSlots[c];
            boolean shared = false;
            for (int k = 0; k < slots.length; k++) {
                int s = slots[k];
                int l = r.links[s];
                double others = Math.max(0.0, idleLoad[l] - r.idleLoad[s]);
                double demand = r.classDemand[c][k] + others;
                r.scale[k] = demand <= capacity[l] * (1 + EPS) ? 1.0 : capacity[l] / demand;
                shared |= r.scale[k] < 1.0;
            }
            if (!shared) {
                continue;
            }
            // Only flows crossing a shared link can be slower than the idle burst.
            double slowest = r.groups(c).slowestS(r.scale);
            stretch[c] = Math.max(0.0, slowest - t.idleTransferS[c]);
        }
        return stretch;
    }

    public int linkCount() {
        return capacity.length;
    }

    /** The actual average load on a link now: every job's bytes per iteration on it over its pace. */
    public double loadBytesPerS(int link) {
        privates.settle(link);
        return loads.load(link);
    }

    /** Bytes the link carried up to {@code endNs} (not before the last change). */
    public double carriedBytes(int link, long endNs) {
        privates.settle(link);
        return loads.carriedBytes(link, endNs);
    }

    /** The highest average utilisation the link held for a positive time, up to {@code endNs}. */
    public double peakUtilisation(int link, long endNs) {
        privates.settle(link);
        return loads.peakUtilisation(link, endNs, capacity[link]);
    }

    private RegisteredJob job(int id) {
        RegisteredJob r = id >= 0 && id < jobs.length ? jobs[id] : null;
        if (r == null) {
            throw new IllegalArgumentException("job " + id + " is not registered");
        }
        return r;
    }

    /**
     * Adds to {@code out} every job on link {@code l} whose largest burst there could exceed the
     * capacity with the expected competing demand before or after the change: only those can
     * have moved. (A job whose bursts fit either way keeps its shares on this link.) Marks every
     * job on it as having a stale stretch.
     */
    private void collectTight(int l, double before, double after, IntSet out) {
        double worst = Math.max(before, after);
        int[] js = linkJobs[l];
        double[] max = linkMaxDemand[l];
        double[] idle = linkIdleLoad[l];
        double bound = capacity[l] * (1 + EPS);
        for (int k = 0, n = linkJobCount[l]; k < n; k++) {
            // The link's idle load moved: every job on it works its stretch out again when asked.
            stretchStale[js[k]] = true;
            if (max[k] + worst - idle[k] > bound) {
                out.add(js[k]);
            }
        }
    }

    /** Accrues a link's load to now; a link some job holds as private is brought up to date first. */
    private void integrate(int l, long nowNs) {
        privates.settle(l);
        loads.integrate(l, nowNs);
    }

    private void link(int l, RegisteredJob r, int slot) {
        int n = linkJobCount[l];
        if (linkJobs[l] == null) {
            linkJobs[l] = new int[4];
            linkMaxDemand[l] = new double[4];
            linkIdleLoad[l] = new double[4];
        } else if (n == linkJobs[l].length) {
            linkJobs[l] = Arrays.copyOf(linkJobs[l], 2 * n);
            linkMaxDemand[l] = Arrays.copyOf(linkMaxDemand[l], 2 * n);
            linkIdleLoad[l] = Arrays.copyOf(linkIdleLoad[l], 2 * n);
        }
        linkJobs[l][n] = r.id;
        linkMaxDemand[l][n] = r.maxDemand[slot];
        linkIdleLoad[l][n] = r.idleLoad[slot];
        linkJobCount[l] = n + 1;
    }

    private void unlink(int l, int id) {
        int n = linkJobCount[l];
        int[] js = linkJobs[l];
        for (int k = 0; k < n; k++) {
            if (js[k] == id) {
                js[k] = js[n - 1];
                linkMaxDemand[l][k] = linkMaxDemand[l][n - 1];
                linkIdleLoad[l][k] = linkIdleLoad[l][n - 1];
                linkJobCount[l] = n - 1;
                return;
            }
        }
        throw new IllegalStateException("job " + id + " is not on link " + l);
    }

    /** A small set of job ids, deduplicated by a stamp per job, read out sorted. */
    private final class IntSet {
        private int[] items = new int[8];
        private int size;
        private final int stamp = ++mark;

        void add(int id) {
            if (id >= jobMark.length) {
                jobMark = Arrays.copyOf(jobMark, Math.max(id + 1, 2 * jobMark.length));
            }
            if (jobMark[id] != stamp) {
                jobMark[id] = stamp;
                if (size == items.length) {
                    items = Arrays.copyOf(items, 2 * size);
                }
                items[size++] = id;
            }
        }

        int[] sortedWithout(int id) {
            int[] out = new int[size];
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (items[i] != id) {
                    out[n++] = items[i];
                }
            }
            out = Arrays.copyOf(out, n);
            Arrays.sort(out);
            return out;
        }
    }
}
