package dev.fleetsim.policies;

import dev.fleetsim.engine.scenario.Echo;
import dev.fleetsim.engine.scenario.Suggestions;
import dev.fleetsim.engine.scenario.Units;
import dev.fleetsim.policies.placement.PlacementStrategies;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A policy's parameters, checked as they are read. Every message starts with the parameter's
 * key and says what was found and what is allowed ({@code length: found "ideal"; expected one of
 * true, estimate}); the runner prefixes {@code policy.params.}, which makes it a path into the
 * scenario. Dotted keys ({@code tenants.a.nominalQuota}) come from nested maps in the file.
 */
public final class Params {
    // Messages echo what the user wrote through Echo: escaped and cut, as every scenario problem does.
    private final Map<String, Object> values;

    /**
     * @param keys the plain keys the policy takes
     * @param prefixes the prefixes of dotted keys it takes ({@code tenants.}); any key under them is accepted here
     */
    public Params(String policy, Map<String, Object> values, Collection<String> keys, Collection<String> prefixes) {
        this.values = new TreeMap<>(values);
        for (String key : this.values.keySet()) {
            if (!keys.contains(key) && prefixes.stream().noneMatch(key::startsWith)) {
                Set<String> allowed = new TreeSet<>(keys);
                prefixes.forEach(p -> allowed.add(p + "…"));
                throw new IllegalArgumentException(Echo.plain(key) + ": found an unknown parameter of policy " + policy
                        + "; expected one of " + String.join(", ", allowed) + Suggestions.hint(key, keys));
            }
        }
    }

    public Params(String policy, Map<String, Object> values, Collection<String> keys) {
        this(policy, values, keys, List.of());
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

    public PlacementStrategy placement() {
        return PlacementStrategies.byName(values.getOrDefault("placement", "first-fit"));
    }

    /** One of {@code allowed}, as written (case ignored). */
    public String choice(String key, String defaultValue, List<String> allowed) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        String s = String.valueOf(v).toLowerCase(Locale.ROOT);
        if (!allowed.contains(s)) {
            throw problem(key, v, "one of " + String.join(", ", allowed));
        }
        return s;
    }

    public String text(String key, String defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof String) || ((String) v).isBlank()) {
            throw problem(key, v, "a name");
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
        throw problem(key, v, "true or false");
    }

    public double number(String key, double defaultValue, double min, double max) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Number) || !(((Number) v).doubleValue() >= min && ((Number) v).doubleValue() <= max)) {
            throw problem(key, v, "a number from " + plain(min) + " to " + plain(max));
        }
        return ((Number) v).doubleValue();
    }

    public long integer(String key, long defaultValue, long min, long max) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Long || v instanceof Integer) || ((Number) v).longValue() < min || ((Number) v).longValue() > max) {
            throw problem(key, v, "a whole number from " + min + " to " + max);
        }
        return ((Number) v).longValue();
    }

    /** A comma-separated list of durations, strictly increasing, each above zero, e.g. {@code "1 h, 10 h"}. */
    public long[] increasingDurationsNs(String key, String defaultValue) {
        Object v = values.getOrDefault(key, defaultValue);
        String allowed = "durations separated by commas, increasing, each above zero, e.g. \"1 h, 10 h\"";
        if (!(v instanceof String)) {
            throw problem(key, v, allowed);
        }
        String[] parts = ((String) v).split(",");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Units.durationNs(parts[i].trim());
            } catch (IllegalArgumentException e) {
                throw problem(key, v, allowed);
            }
            if (out[i] <= 0 || (i > 0 && out[i] <= out[i - 1])) {
                throw problem(key, v, allowed);
            }
        }
        return out;
    }

    private static IllegalArgumentException problem(String key, Object found, String expected) {
        String shown = found instanceof String ? Echo.quoted((String) found) : Echo.plain(String.valueOf(found));
        return new IllegalArgumentException(Echo.plain(key) + ": found " + shown + "; expected " + expected);
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
