package dev.fleetsim.policies.solver;

import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scheduling.PolicyParameterException;
import dev.fleetsim.policies.Tenants;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code optaplanner} policy's parameters, read from the scenario's {@code policy.params}.
 *
 * @param window jobs considered per round: the first this many of the queue, in queue order
 * @param seed solver seed; round {@code r} solves with {@code seed + r}
 * @param steps local-search step budget per round (a step count, never a wall-clock limit)
 * @param unimprovedSteps local search ends after this many steps without a better solution
 * @param movesPerStep moves evaluated per local-search step (the forager's accepted count limit)
 * @param weights soft constraint weights ({@code weight.waiting}, {@code weight.locality}, ...)
 * @param explain which explanations to write: {@code changes} (a job's first and every changed reason), {@code all}, {@code none}
 */
public record SolverPolicyParams(int window, long seed, int steps, int unimprovedSteps, int movesPerStep,
                                 ScheduleWeights weights, String explain) {
    /** The old place of quotas, refused with a pointer to the scenario's tenants section. */
    public static final String QUOTA_PREFIX = "quota.";
    static final List<String> EXPLAIN_MODES = List.of("changes", "all", "none");
    private static final List<String> KEYS = List.of("window", "seed", "steps", "unimprovedSteps", "movesPerStep",
            "explain", "weight.waiting", "weight.locality", "weight.fragmentation", "weight.cost", "weight.energy");

    public static SolverPolicyParams defaults() {
        return parse(Map.of());
    }

    /**
     * @throws PolicyParameterException listing every bad parameter: its name, the value found and what is allowed
     */
    public static SolverPolicyParams parse(Map<String, Object> params) {
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, Object> e : new TreeMap<>(params).entrySet()) {
            String key = e.getKey();
            if (key.startsWith(QUOTA_PREFIX) && key.length() > QUOTA_PREFIX.length()) {
                problems.add(new Problem(key, "a quota in the policy's parameters", Tenants.MOVED));
            } else if (!KEYS.contains(key)) {
                problems.add(new Problem(key, "unknown parameter " + Echo.quoted(key), "a parameter of policy optaplanner: one of "
                        + String.join(", ", KEYS)));
            }
        }
        int window = (int) number(params, "window", 200, 1, 100_000, problems);
        long seed = number(params, "seed", 0, Long.MIN_VALUE, Long.MAX_VALUE, problems);
        int steps = (int) number(params, "steps", 200, 0, 10_000_000, problems);
        int unimproved = (int) number(params, "unimprovedSteps", 50, 1, 10_000_000, problems);
        int moves = (int) number(params, "movesPerStep", 100, 1, 1_000_000, problems);
        long wWait = number(params, "weight.waiting", ScheduleWeights.DEFAULT_WAITING, 0, 1_000_000_000L, problems);
        long wLoc = number(params, "weight.locality", ScheduleWeights.DEFAULT_LOCALITY, 0, 1_000_000_000L, problems);
        long wFrag = number(params, "weight.fragmentation", ScheduleWeights.DEFAULT_FRAGMENTATION, 0, 1_000_000_000L, problems);
        long wCost = number(params, "weight.cost", ScheduleWeights.DEFAULT_COST, 0, 1_000_000_000L, problems);
        long wEnergy = number(params, "weight.energy", ScheduleWeights.DEFAULT_ENERGY, 0, 1_000_000_000L, problems);
        Object explainValue = params.getOrDefault("explain", "changes");
        String explain = String.valueOf(explainValue).toLowerCase(Locale.ROOT);
        if (!EXPLAIN_MODES.contains(explain)) {
            problems.add(new Problem("explain", shown(explainValue), Suggestions.oneOf(explain, EXPLAIN_MODES)));
        }
        if (!problems.isEmpty()) {
            throw new PolicyParameterException(problems);
        }
        return new SolverPolicyParams(window, seed, steps, unimproved, moves,
                new ScheduleWeights(wWait, wLoc, wFrag, wCost, wEnergy), explain);
    }

    private static long number(Map<String, Object> params, String key, long dflt, long min, long max, List<Problem> problems) {
        if (!params.containsKey(key)) {
            return dflt;
        }
        Long v = integer(params.get(key), min, max);
        if (v == null) {
            problems.add(new Problem(key, shown(params.get(key)), "a whole number from " + min + " to " + max));
            return dflt;
        }
        return v;
    }

    private static Long integer(Object value, long min, long max) {
        long v;
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            v = ((Number) value).longValue();
        } else if (value instanceof String) {
            try {
                v = Long.parseLong(((String) value).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return v < min || v > max ? null : v;
    }

    private static String shown(Object value) {
        return value instanceof String ? Echo.quoted((String) value) : Echo.plain(String.valueOf(value));
    }
}
