package dev.fleetsim.cli;

/**
 * What a {@code --threads} option means for compare, sweep and plan: all cores unless told,
 * and a count from 1 to 1024 (results never depend on it).
 */
final class ThreadsOption {
    static final int MAX = 1024;

    private ThreadsOption() {
    }

    /** The thread count for {@code asked} (null: all cores); a {@link UserError} outside 1 to 1024. */
    static int resolve(Integer asked) {
        int n = asked != null ? asked : Runtime.getRuntime().availableProcessors();
        if (n < 1 || n > MAX) {
            throw new UserError("--threads: found " + n + "; expected 1 to " + MAX);
        }
        return n;
    }
}
