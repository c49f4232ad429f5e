package dev.fleetsim.policies;

import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.Units;
import dev.fleetsim.engine.scheduling.PolicyParameterException;
import dev.fleetsim.policies.placement.PlacementStrategies;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A policy's parameters, checked as they are read. A bad value is recorded as a {@link Problem}
 * whose path is the parameter's key ({@code length: found "ideal"; expected one of true,
 * estimate}) and the getter returns the default, so reading goes on and every problem is found;
 * the provider then calls {@link #check()}, which throws them all at once. The engine prefixes
 * {@code policy.params.}, which makes each path a path into the scenario. Dotted keys
 * ({@code tenants.a.nominalQuota}) come from nested maps in the file.
 */
public final class Params {
    private final String policy;
    private final Map<String, Object> values;
    private final List<Problem> problems = new ArrayList<>();

    /**
     * @param keys the plain keys the policy takes
     * @param prefixes the prefixes of dotted keys it takes ({@code tenants.}); any key under them is accepted here
     */
    public Params(String policy, Map<String, Object> values, Collection<String> keys, Collection<String> prefixes) {
        this.policy = policy;
        this.values = new TreeMap<>(values);
        for (String key : this.values.keySet()) {
            if (!keys.contains(key) && prefixes.stream().noneMatch(key::startsWith)) {
                Set<String> allowed = new TreeSet<>(keys);
                prefixes.forEach(p -> allowed.add(p + "…"));
                problems.add(new Problem(key, "unknown parameter " + Echo.quoted(key),
                        "a parameter of policy " + policy + ": " + Suggestions.oneOf(key, allowed)));
            }
        }
    }

    public Params(String policy, Map<String, Object> values, Collection<String> keys) {
        this(policy, values, keys, List.of());
    }

    /**
     * @throws PolicyParameterException listing every problem found so far
     */
    public void check() {
        if (!problems.isEmpty()) {
            throw new PolicyParameterException(problems);
        }
    }

    /** Records a problem the policy found itself (a combination of values, a missing key under a prefix). */
    public void report(String key, String found, String expected) {
        problems.add(new Problem(key, found, expected));
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** Keys under {@code prefix}, sorted. */
    public List<String> keysUnder(String prefix) {
        List<String> out = new ArrayList<>();
        for (String k : values.keySet()) {
            if (k.startsWith(prefix)) {
                out.add(k);
            }
        }
        return out;
    }

    /** The {@code placement} parameter's strategy (first fit when absent or wrong). */
    public PlacementStrategy placement() {
        Object v = values.getOrDefault("placement", "first-fit");
        Optional<PlacementStrategy> s = PlacementStrategies.find(v);
        if (s.isEmpty()) {
            String named = PlacementStrategies.knownAs(String.valueOf(v))
                    .map(n -> " (" + v + " is what " + n + " does: did you mean " + n + "?)").orElse(null);
            problem("placement", v, named == null ? Suggestions.oneOf(String.valueOf(v), PlacementStrategies.names())
                    : "one of " + String.join(", ", PlacementStrategies.names()) + named);
            return PlacementStrategies.find("first-fit").orElseThrow();
        }
        return s.get();
    }

    /** One of {@code allowed}, as written (case ignored). */
    public String choice(String key, String defaultValue, List<String> allowed) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        String s = String.valueOf(v).toLowerCase(Locale.ROOT);
        if (!allowed.contains(s)) {
            return problem(key, v, Suggestions.oneOf(s, allowed), defaultValue);
        }
        return s;
    }

    public String text(String key, String defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof String) || ((String) v).isBlank()) {
            return problem(key, v, "a name", defaultValue);
        }
        return (String) v;
    }

    public boolean bool(String key, boolean defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        return problem(key, v, "true or false", defaultValue);
    }

    public double number(String key, double defaultValue, double min, double max) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Number) || !(((Number) v).doubleValue() >= min && ((Number) v).doubleValue() <= max)) {
            return problem(key, v, "a number from " + plain(min) + " to " + plain(max), defaultValue);
        }
        return ((Number) v).doubleValue();
    }

    public long integer(String key, long defaultValue, long min, long max) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Long || v instanceof Integer) || ((Number) v).longValue() < min || ((Number) v).longValue() > max) {
            return problem(key, v, "a whole number from " + min + " to " + max, defaultValue);
        }
        return ((Number) v).longValue();
    }

    /**
     * A comma-separated list of durations, strictly increasing, each above zero, e.g. {@code "1 h, 10 h"};
     * the default's when the value is wrong.
     */
    public long[] increasingDurationsNs(String key, String defaultValue) {
        Object v = values.getOrDefault(key, defaultValue);
        long[] parsed = durations(v);
        if (parsed == null) {
            problem(key, v, "durations separated by commas, increasing, each above zero, e.g. \"1 h, 10 h\"");
            return durations(defaultValue);
        }
        return parsed;
    }

    private static long[] durations(Object v) {
        if (!(v instanceof String)) {
            return null;
        }
        String[] parts = ((String) v).split(",");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Units.durationNs(parts[i].trim());
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (out[i] <= 0 || (i > 0 && out[i] <= out[i - 1])) {
                return null;
            }
        }
        return out;
    }

    private <T> T problem(String key, Object found, String expected, T fallback) {
        problem(key, found, expected);
        return fallback;
    }

    private void problem(String key, Object found, String expected) {
        problems.add(new Problem(key, found instanceof String ? Echo.quoted((String) found)
                : Echo.plain(String.valueOf(found)), expected));
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
