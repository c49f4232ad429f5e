package dev.fleetsim.engine.kernel;

/**
 * The span of the simulated clock and arithmetic on it that cannot overflow. A run covers at
 * most {@link #MAX_NS} (100 years): every time a scenario gives (a submit time, a horizon, a
 * generator's start) is at most that, so the sum of two is still far inside a {@code long};
 * a time computed from a rate (a job's end at its current speed) saturates at {@link #NEVER_NS}
 * instead of wrapping around, and a run that would need the clock past {@link #MAX_NS} stops
 * there with a clear refusal rather than an overflow.
 */
public final class SimTime {

    /** 100 years of 365 days: the most simulated time a run covers. */
    public static final long MAX_NS = 36_500L * 86_400_000_000_000L;
    /** A time that never comes: after every event a run can reach, with room to add {@link #MAX_NS} to it. */
    public static final long NEVER_NS = Long.MAX_VALUE / 2;

    private SimTime() {
    }

    /** {@code a + b} for non-negative times, at most {@link #NEVER_NS}. */
    public static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 || sum > NEVER_NS ? NEVER_NS : sum;
    }

    /** A non-negative duration in seconds or nanoseconds as whole nanoseconds, rounded up, at most {@link #NEVER_NS}. */
    public static long ceilNs(double ns) {
        if (!(ns > 0)) {
            return 0;
        }
        return ns >= NEVER_NS ? NEVER_NS : (long) Math.ceil(ns);
    }

    /** Years of the simulated clock, for messages: {@code 100 years}, {@code 2.5 years}, {@code 3.2e+07 years}. */
    public static String years(double ns) {
        double years = ns / (365 * 86_400e9);
        if (years >= 1e5) {
            return String.format(java.util.Locale.ROOT, "%.1e years", years);
        }
        return years >= 10 ? Math.round(years) + " years" : String.format(java.util.Locale.ROOT, "%.1f years", years);
    }
}
