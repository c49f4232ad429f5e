package dev.fleetsim.engine.scenario;

import java.util.Map;
import java.util.TreeMap;

/** The scheduling policy by registered name, with its parameters as plain values. */
public record PolicySpec(String name, Map<String, Object> params) {
    public PolicySpec {
        params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    }
}
