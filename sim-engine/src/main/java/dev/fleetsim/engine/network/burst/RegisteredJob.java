package dev.fleetsim.engine.network.burst;

import java.util.Arrays;

/**
 * A running job's traffic laid out for {@link BurstSharing}: the distinct links it uses with its
 * bytes per iteration and its largest burst demand on each, every class's links with the class's
 * burst demand there, each flow's links as positions in its class's list, and the flows merged
 * by connection for the fluid (average-demand) network.
 */
final class RegisteredJob {
    final int id;
    final BurstTraffic traffic;
    final double idleS;
    double paceS;
    /** Distinct links ("slots") and per slot: bytes per iteration, idle average load, largest class demand. */
    final int[] links;
    final double[] bytesPerIteration;
    final double[] idleLoad;
    final double[] maxDemand;
    /** Per class: its slots, its burst demand on each, and per flow the positions of its links in that list. */
    final int[][] classSlots;
    final double[][] classDemand;
    final int[][][] flowLinks;
    /** Per class, its flows grouped by bytes and rate (built when the class first shares a link; null before). */
    private final BurstGroups[] groups;
    /** Flows merged by connection: path, bytes per iteration, the class moving most of them; ids once added. */
    final int[][] fluidPaths;
    final double[] fluidBytes;
    final int[] fluidClass;
    int[] fluidIds;
    final double[] scale;
    /** {@link BurstSharing}'s stretch per class as last worked out (null before), kept while its links' idle loads stay. */
    double[] stretchS;
    /** {@link PrivateLoads}: whether its private links' changes wait, and those waiting (time, pace; the first the start's). */
    boolean privateDeferred;
    long[] pendingNs;
    double[] pendingPaceS;
    int pending;
    boolean pendingStart;

    private RegisteredJob(int id, BurstTraffic t, double idleS, int[] links, double[] bytes, int[][] classSlots,
                          double[][] classDemand, int[][][] flowLinks, int[][] fluidPaths, double[] fluidBytes,
                          int[] fluidClass) {
        this.id = id;
        this.traffic = t;
        this.idleS = idleS;
        this.paceS = idleS;
        this.links = links;
        this.bytesPerIteration = bytes;
        this.idleLoad = new double[links.length];
        this.maxDemand = new double[links.length];
        for (int s = 0; s < links.length; s++) {
            idleLoad[s] = bytes[s] / idleS;
        }
        int widest = 0;
        for (int c = 0; c < classSlots.length; c++) {
            widest = Math.max(widest, classSlots[c].length);
            for (int k = 0; k < classSlots[c].length; k++) {
                int s = classSlots[c][k];
                maxDemand[s] = Math.max(maxDemand[s], classDemand[c][k]);
            }
        }
        this.classSlots = classSlots;
        this.classDemand = classDemand;
        this.flowLinks = flowLinks;
        this.fluidPaths = fluidPaths;
        this.fluidBytes = fluidBytes;
        this.fluidClass = fluidClass;
        this.scale = new double[widest];
        this.groups = new BurstGroups[classSlots.length];
    }

    /** Class {@code c}'s flows grouped by bytes and rate, for the slowest burst under the link scales. */
    BurstGroups groups(int c) {
        if (groups[c] == null) {
            groups[c] = BurstGroups.of(flowLinks[c], traffic.bytes[c], traffic.rates[c], classSlots[c].length);
        }
        return groups[c];
    }

    /** Lays out {@code t}; {@code stamp} and {@code local} are scratch arrays over the network's links, all zero. */
    static RegisteredJob of(int id, BurstTraffic t, double idleS, int[] stamp, int[] local) {
        if (!(idleS > 0)) {
            throw new IllegalArgumentException("idle iteration time must be positive, was " + idleS);
        }
        int[] links = new int[16];
        double[] bytes = new double[16];
        int linkCount = 0;
        int mark = 1;
        for (int c = 0; c < t.classCount(); c++) {
            for (int f = 0; f < t.paths[c].length; f++) {
                for (int l : t.paths[c][f]) {
                    if (stamp[l] != mark) {
                        stamp[l] = mark;
                        local[l] = linkCount;
                        if (linkCount == links.length) {
                            links = Arrays.copyOf(links, 2 * linkCount);
                            bytes = Arrays.copyOf(bytes, 2 * linkCount);
                        }
                        links[linkCount] = l;
                        bytes[linkCount++] = 0.0;
                    }
                    bytes[local[l]] += t.bursts[c] * t.bytes[c][f];
                }
            }
        }
        links = Arrays.copyOf(links, linkCount);
        bytes = Arrays.copyOf(bytes, linkCount);
        int n = t.classCount();
        int[][] classSlots = new int[n][];
        double[][] classDemand = new double[n][];
        int[][][] flowLinks = new int[n][][];
        int[] classPos = new int[linkCount];
        int[] slots = new int[linkCount];
        double[] demand = new double[linkCount];
        for (int c = 0; c < n; c++) {
            mark++;
            int size = 0;
            flowLinks[c] = new int[t.paths[c].length][];
            for (int f = 0; f < t.paths[c].length; f++) {
                int[] path = t.paths[c][f];
                flowLinks[c][f] = new int[path.length];
                for (int i = 0; i < path.length; i++) {
                    int s = local[path[i]];
                    if (stamp[path[i]] != mark) {
                        stamp[path[i]] = mark;
                        classPos[s] = size;
                        slots[size] = s;
                        demand[size++] = 0.0;
                    }
                    demand[classPos[s]] += t.rates[c][f];
                    flowLinks[c][f][i] = classPos[s];
                }
            }
            classSlots[c] = Arrays.copyOf(slots, size);
            classDemand[c] = Arrays.copyOf(demand, size);
        }
        for (int l : links) {
            stamp[l] = 0;
        }
        // Flows merged by connection, in the order of each connection's first flow: an open-addressing
        // table from connection to its entry (no boxed key or map node per flow).
        int flowCount = 0;
        for (int c = 0; c < n; c++) {
            flowCount += t.paths[c].length;
        }
        int[] table = new int[Integer.highestOneBit(Math.max(1, 2 * flowCount)) << 1];
        int mask = table.length - 1;
        int[] entryConnection = new int[flowCount];
        int[][] fluidPaths = new int[flowCount][];
        double[] fluidBytes = new double[flowCount];
        int[] fluidClass = new int[flowCount];
        double[] largest = new double[flowCount];
        int entries = 0;
        for (int c = 0; c < n; c++) {
            for (int f = 0; f < t.paths[c].length; f++) {
                double b = t.bursts[c] * t.bytes[c][f];
                if (b <= 0) {
                    continue;
                }
                int connection = t.connections[c][f];
                int h = mix(connection) & mask;
                int at = -1;
                for (; table[h] != 0; h = (h + 1) & mask) {
                    if (entryConnection[table[h] - 1] == connection) {
                        at = table[h] - 1;
                        break;
                    }
                }
                if (at < 0) {
                    table[h] = entries + 1;
                    entryConnection[entries] = connection;
                    fluidPaths[entries] = t.paths[c][f];
                    fluidBytes[entries] = b;
                    fluidClass[entries] = c;
                    largest[entries++] = b;
                } else {
                    fluidBytes[at] += b;
                    if (b > largest[at]) {
                        fluidClass[at] = c;
                        largest[at] = b;
                    }
                }
            }
        }
        return new RegisteredJob(id, t, idleS, links, bytes, classSlots, classDemand, flowLinks,
                Arrays.copyOf(fluidPaths, entries), Arrays.copyOf(fluidBytes, entries), Arrays.copyOf(fluidClass, entries));
    }

    private static int mix(int x) {
        int h = x * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
