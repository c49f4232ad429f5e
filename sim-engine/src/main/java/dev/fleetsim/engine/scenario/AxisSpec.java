package dev.fleetsim.engine.scenario;

import java.util.List;

/**
 * One named axis of an experiment: the values one scenario setting takes across a sweep.
 *
 * @param name the axis's name in point ids, {@code sweep.csv} columns and charts ({@code policy}, {@code nodes},
 *             {@code count})
 * @param kind what the axis sets
 * @param path for {@link Kind#PATH}: the scenario path it sets ({@code cluster.fabric.oversubscription},
 *             {@code workload.generators[0].count}; {@code [*]} sets every item of a list); empty otherwise
 * @param values the values, in the order of the file, each a String, Long, Double or Boolean
 */
public record AxisSpec(String name, Kind kind, String path, List<Object> values) {

    /** What an axis sets. */
    public enum Kind {
        /** The policy, by label ({@code fifo}, {@code fifo:topology-aware}), with the parameters the scenario gives it. */
        POLICY,
        /** The {@code placement} parameter of whichever policy runs. */
        PLACEMENT,
        /** The master seed ({@code simulation.seed}). */
        SEED,
        /** Any scalar key of the scenario, by path, checked by the scenario's own validation. */
        PATH
    }

    public AxisSpec {
        values = List.copyOf(values);
    }

    /** A value as point ids and {@code sweep.csv} show it: {@code 12}, {@code 0.5}, {@code fifo}, {@code true}. */
    public static String text(Object value) {
        if (value instanceof Double) {
            double d = (Double) value;
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        return String.valueOf(value);
    }
}
