package dev.fleetsim.engine.network.burst;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One job's traffic between nodes as {@link BurstSharing} registers it: classes of flows that
 * burst together (one collective's flows on all its groups, one phase of its plan), each with how
 * many bursts it makes per iteration and how long a burst takes alone on the idle network, and
 * every flow's path, bytes per burst and idle rate (its max-min rate among the class's own flows).
 * Paths hold only the links another job could share; the bytes the job moves on links nobody
 * else can use (its own GPUs' PCIe, the NICs only its GPUs send through) are listed apart, per
 * link and iteration, for the link statistics alone: they cannot slow it down beyond its idle
 * estimate, which already costs them. Immutable once built.
 */
public final class BurstTraffic {

    final double[] bursts;
    final double[] idleTransferS;
    final int[][][] paths;
    final double[][] bytes;
    final double[][] rates;
    final int[][] connections;
    final int[] privateLinks;
    final double[] privateBytes;

    private BurstTraffic(Builder b) {
        int n = b.bursts.size();
        bursts = new double[n];
        idleTransferS = new double[n];
        paths = new int[n][][];
        bytes = new double[n][];
        rates = new double[n][];
        connections = new int[n][];
        for (int c = 0; c < n; c++) {
            bursts[c] = b.bursts.get(c);
            idleTransferS[c] = b.idle.get(c);
            List<Flow> flows = b.flows.get(c);
            paths[c] = new int[flows.size()][];
            bytes[c] = new double[flows.size()];
            rates[c] = new double[flows.size()];
            connections[c] = new int[flows.size()];
            for (int f = 0; f < flows.size(); f++) {
                connections[c][f] = flows.get(f).connection;
                paths[c][f] = flows.get(f).path;
                bytes[c][f] = flows.get(f).bytes;
                rates[c][f] = flows.get(f).rate;
            }
        }
        privateLinks = Arrays.copyOf(b.privateLinks, b.privateCount);
        privateBytes = Arrays.copyOf(b.privateBytes, b.privateCount);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int classCount() {
        return bursts.length;
    }

    /** True when nothing leaves the job's own links: nothing to share and nothing to account. */
    public boolean isEmpty() {
        return !hasSharedFlows() && privateLinks.length == 0;
    }

    /** True when some class has a flow on a link another job could share. */
    public boolean hasSharedFlows() {
        for (int[][] p : paths) {
            if (p.length > 0) {
                return true;
            }
        }
        return false;
    }

    private record Flow(int[] path, double bytes, double rate, int connection) {
    }

    /** Builds a {@link BurstTraffic} class by class. */
    public static final class Builder {
        private final List<Double> bursts = new ArrayList<>();
        private final List<Double> idle = new ArrayList<>();
        private final List<List<Flow>> flows = new ArrayList<>();
        /** Private links in the order first given, with their bytes; {@code privateAt} finds a link's entry. */
        private int[] privateLinks = new int[8];
        private double[] privateBytes = new double[8];
        private int privateCount;
        /** Open addressing, link -> entry + 1 (0: empty), at most half full: no boxing per flow's link. */
        private int[] privateSlots = new int[32];
        /** Connection numbers of flows given none: negative, so each is its own. */
        private int unnamed;

        /**
         * A class of flows that burst together.
         *
         * @param burstsPerIteration how many bursts it makes per iteration
         * @param idleTransferS how long one burst takes on the idle network (its slowest flow)
         * @return the class index
         */
        public int addClass(double burstsPerIteration, double idleTransferS) {
            if (!(burstsPerIteration >= 0) || !(idleTransferS >= 0)) {
                throw new IllegalArgumentException("bursts " + burstsPerIteration + ", transfer " + idleTransferS);
            }
            bursts.add(burstsPerIteration);
            idle.add(idleTransferS);
            flows.add(new ArrayList<>());
            return bursts.size() - 1;
        }

        /**
         * A flow of class {@code cls}: its links (not repeated; the array is kept), the bytes it
         * moves per burst and its rate during the burst on the idle network.
         */
        public Builder addFlow(int cls, int[] path, double bytesPerBurst, double idleRateBytesPerS) {
            return addFlow(cls, path, bytesPerBurst, idleRateBytesPerS, --unnamed);
        }

        /**
         * As {@link #addFlow(int, int[], double, double)}, for a flow of connection
         * {@code connection} (≥ 0): flows of one connection in different classes (collectives that
         * run one after another between the same two GPUs, on the same route) are one flow in the
         * max-min of average demands, with their bytes added; their paths must be equal.
         */
        public Builder addFlow(int cls, int[] path, double bytesPerBurst, double idleRateBytesPerS, int connection) {
            if (path.length == 0 || !(bytesPerBurst > 0) || !(idleRateBytesPerS > 0)) {
                throw new IllegalArgumentException("a flow needs links, bytes and a rate: " + path.length + ", "
                        + bytesPerBurst + ", " + idleRateBytesPerS);
            }
            flows.get(cls).add(new Flow(path, bytesPerBurst, idleRateBytesPerS, connection));
            return this;
        }

        /** Bytes per iteration the job moves on a link only it can use (for the link statistics). */
        public Builder addPrivateBytes(int link, double bytesPerIteration) {
            privateEntry(link, bytesPerIteration);
            return this;
        }

        /**
         * As {@link #addPrivateBytes}, returning the link's entry, to which {@link #addPrivateBytesAt}
         * adds more without finding the link again.
         */
        public int privateEntry(int link, double bytesPerIteration) {
            if (!(bytesPerIteration >= 0)) {
                throw new IllegalArgumentException("bytes " + bytesPerIteration);
            }
            // The entry of the link just added is the likeliest (a GPU's links come one after another).
            int at = privateCount > 0 && privateLinks[privateCount - 1] == link ? privateCount - 1
                    : privateIndex(link);
            if (at < 0) {
                if (privateCount == privateLinks.length) {
                    privateLinks = Arrays.copyOf(privateLinks, 2 * privateCount);
                    privateBytes = Arrays.copyOf(privateBytes, 2 * privateCount);
                }
                at = privateCount++;
                privateLinks[at] = link;
                privateBytes[at] = bytesPerIteration;
                privateInsert(link, at);
            } else {
                privateBytes[at] += bytesPerIteration;
            }
            return at;
        }

        /** More bytes per iteration on the private link of entry {@code entry} ({@link #privateEntry}). */
        public void addPrivateBytesAt(int entry, double bytesPerIteration) {
            if (!(bytesPerIteration >= 0) || entry < 0 || entry >= privateCount) {
                throw new IllegalArgumentException("entry " + entry + ", bytes " + bytesPerIteration);
            }
            privateBytes[entry] += bytesPerIteration;
        }

        private int privateIndex(int link) {
            int mask = privateSlots.length - 1;
            for (int h = mix(link) & mask; privateSlots[h] != 0; h = (h + 1) & mask) {
                if (privateLinks[privateSlots[h] - 1] == link) {
                    return privateSlots[h] - 1;
                }
            }
            return -1;
        }

        private void privateInsert(int link, int at) {
            if (2 * privateCount > privateSlots.length) {
                privateSlots = new int[2 * privateSlots.length];
                for (int i = 0; i < privateCount; i++) {
                    if (i != at) {
                        place(privateLinks[i], i);
                    }
                }
            }
            place(link, at);
        }

        private void place(int link, int at) {
            int mask = privateSlots.length - 1;
            int h = mix(link) & mask;
            while (privateSlots[h] != 0) {
                h = (h + 1) & mask;
            }
            privateSlots[h] = at + 1;
        }

        private static int mix(int x) {
            int h = x * 0x9E3779B9;
            return h ^ (h >>> 16);
        }

        public BurstTraffic build() {
            return new BurstTraffic(this);
        }
    }
}
