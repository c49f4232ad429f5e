package dev.fleetsim.engine.network.flow;

/**
 * Per link, how many flows the update in progress appended to the link's list, when the update
 * removes none. A link's load is the sum of its flows' rates in list order, and appending keeps
 * the order of the flows before: where the update re-solves only the appended flows of a link,
 * the rates held there sum to the load it had, and the new load is that sum continued over the
 * appended rates, the same additions in the same order as summing the whole list anew.
 */
final class AppendedFlows {

    private final int[] mark;
    private final int[] count;
    private int round;
    private boolean addOnly;

    AppendedFlows(int links) {
        mark = new int[links];
        count = new int[links];
    }

    /** Starts an update; {@code addOnly} if it removes no flow. */
    void start(boolean addOnly) {
        round++;
        this.addOnly = addOnly;
    }

    void appended(int[] path) {
        if (!addOnly) {
            return;
        }
        for (int l : path) {
            if (mark[l] != round) {
                mark[l] = round;
                count[l] = 0;
            }
            count[l]++;
        }
    }

    /** Flows this update appended to link {@code l}; 0 if none or if the update also removes flows. */
    int on(int l) {
        return addOnly && mark[l] == round ? count[l] : 0;
    }
}
