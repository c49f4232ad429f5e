package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.kernel.SimTime;
import dev.fleetsim.engine.scenario.ValueType.Scalar;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * The value types of scenario keys that are quantities with units: sizes, durations, bandwidths,
 * powers, prices and token counts. Each reads the units {@link Units} knows, states its bounds in
 * those units, writes a value back in its unit and gives the JSON Schema pattern of the same
 * forms, so the message, the writer and the schema agree; the other value types are in {@link Types}.
 */
final class QuantityTypes {

    /** A decimal as {@link Units} reads it: digits, an optional fraction, an optional exponent. */
    static final String DECIMAL = "[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?";

    private static final JsonNodeFactory NODES = Types.NODES;

    private QuantityTypes() {
    }

    /** The largest bandwidth of any link or memory (one fact: the hardware documents' bound). */
    static final double MAX_BANDWIDTH_BYTES_PER_S = dev.fleetsim.engine.hardware.Quantities.MAX_BANDWIDTH_BYTES_PER_S;

    /** A size from 1 B to 1 PB. */
    static Scalar<Long> size() {
        return size(1, 1_000_000_000_000_000L);
    }

    /** A memory bandwidth from 1 MB/s to 1000 TB/s; 0 too unless {@code positive}. */
    static Scalar<Double> memoryBandwidth(boolean positive) {
        return memoryBandwidth(1e6, MAX_BANDWIDTH_BYTES_PER_S, !positive);
    }

    /** A network bandwidth from 1 Mb/s to 100 Tb/s. */
    static Scalar<Double> networkBandwidth(boolean positive) {
        return networkBandwidth(1e6 / 8, 100e12 / 8);
    }

    /** A price from 0 to 1,000,000 in the field's unit. */
    static Scalar<Double> price(String unit, String allowed) {
        return price(unit, allowed, 1e6);
    }

    /** A duration from 0 (or more than 0) up to the simulated clock's span, {@link SimTime#MAX_NS}. */
    static Scalar<Long> duration(boolean positive) {
        return duration(positive, SimTime.MAX_NS);
    }

    /** A duration from 0 (or more than 0) to {@code maxNs}. */
    static Scalar<Long> duration(boolean positive, long maxNs) {
        String range = range(0, positive, maxNs, v -> QuantityFormat.duration((long) v), "s")
                + (maxNs == SimTime.MAX_NS ? " (" + SimTime.years(maxNs) + ")" : "");
        return quantity(Units::durationNs, Units.DURATION_UNITS, QuantityFormat::duration, Units.DURATION_NS.keySet(),
                range, v -> (positive ? v > 0 : v >= 0) && v <= maxNs);
    }

    /** A duration from {@code minNs} (more than 0) to {@code maxNs}. */
    static Scalar<Long> durationAtLeast(long minNs, long maxNs) {
        String range = range(minNs, false, maxNs, v -> QuantityFormat.duration((long) v), "s")
                + (maxNs == SimTime.MAX_NS ? " (" + SimTime.years(maxNs) + ")" : "");
        return quantity(Units::durationNs, Units.DURATION_UNITS, QuantityFormat::duration, Units.DURATION_NS.keySet(),
                range, v -> v >= minNs && v <= maxNs);
    }

    /** A size in bytes from {@code min} to {@code max}. */
    static Scalar<Long> size(long min, long max) {
        String range = range(min, false, max, v -> QuantityFormat.bytes((long) v), "B");
        return quantity(Units::bytes, Units.BYTES_UNITS, QuantityFormat::bytes, Units.BYTES.keySet(), range,
                v -> v >= min && v <= max);
    }

    /** A bandwidth written back in bytes (HBM, NVLink, PCIe: "3.35 TB/s"), in [min, max], or also 0 when {@code zeroToo}. */
    static Scalar<Double> memoryBandwidth(double min, double max, boolean zeroToo) {
        String range = (zeroToo ? "0 or " : "") + range(min, false, max, QuantityFormat::memoryBandwidth, "B/s");
        return quantity(Units::bandwidthBytesPerS, Units.BANDWIDTH_UNITS, QuantityFormat::memoryBandwidth,
                Units.BANDWIDTH_BYTES_PER_S.keySet(), range, v -> zeroToo && v == 0 || v >= min && v <= max);
    }

    /** A bandwidth written back in bits (NICs: "400 Gb/s"), in [min, max]. */
    static Scalar<Double> networkBandwidth(double min, double max) {
        String range = range(min, false, max, QuantityFormat::networkBandwidth, "b/s");
        return quantity(Units::bandwidthBytesPerS, Units.BANDWIDTH_UNITS, QuantityFormat::networkBandwidth,
                Units.BANDWIDTH_BYTES_PER_S.keySet(), range, v -> v >= min && v <= max);
    }

    /**
     * A power in watts in [min, max], {@code why} the bound in words ("a GPU board draws at most ..."),
     * said in the message after the range: 700 kW for a GPU is a unit slip, and the user should see why.
     */
    static Scalar<Double> power(double min, double max, String why) {
        String range = range(min, false, max, QuantityFormat::watts, "W");
        return quantity(Units::watts, Units.POWER_UNITS + " (" + why + ")", QuantityFormat::watts,
                Units.POWER_W.keySet(), range, v -> v >= min && v <= max);
    }

    /** A price in the field's one unit ({@code USD/h}, {@code USD/kWh}) from 0 to {@code max}; the unit is required. */
    static Scalar<Double> price(String unit, String allowed, double max) {
        String range = "0 to " + QuantityFormat.price(max, unit);
        Scalar<Double> q = quantity(t -> Units.usdPer(t, unit), allowed, v -> QuantityFormat.price(v, unit), List.of(),
                range, v -> v >= 0 && v <= max);
        return Types.scalar(q.allowed(), q.range(), q::read, q::write, context -> NODES.objectNode().put("type", "string")
                .put("pattern", "^\\s*" + DECIMAL + "\\s*(" + ScenarioSchema.caseless(unit) + ")\\s*$"));
    }

    /** A token count: a plain number, or a string with a K/M/B/T suffix; 1 to 10^18. */
    static Scalar<Double> tokenCount() {
        String range = "a token count from 1 to 1e18: a number, or one with a suffix K, M, B or T such as \"8B\" or"
                + " \"1.5T\"";
        return Types.scalar(range, "1 to 1e18", at -> {
            Double count = at.node().isNumber() ? Double.valueOf(at.node().asDouble())
                    : at.quantity(Units::count, range, v -> v >= 1 && v <= 1e18);
            if (count == null) {
                return null;
            }
            if (!(count >= 1 && count <= 1e18)) {
                at.problem(at.found(), range);
                return null;
            }
            return count;
        }, NODES::numberNode, context -> {
            ObjectNode s = NODES.objectNode();
            ArrayNode anyOf = s.putArray("anyOf");
            anyOf.addObject().put("type", "number").put("minimum", 1).put("maximum", 1e18);
            anyOf.addObject().put("type", "string").put("pattern", "^\\s*" + DECIMAL + "\\s*[KMBT]?\\s*$");
            return s;
        });
    }

    /** "from 1 Gb/s to 100 Tb/s", "more than 0 s, at most 36500 d": the bounds of a quantity, in its units. */
    private static String range(double min, boolean aboveZero, double max, DoubleFunction<String> format,
                                String zeroUnit) {
        if (aboveZero) {
            return "more than 0 " + zeroUnit + ", at most " + format.apply(max);
        }
        return (min == 0 ? "0 " + zeroUnit : format.apply(min)) + " to " + format.apply(max);
    }

    private static <T extends Number> Scalar<T> quantity(Function<String, T> parser, String unitsText,
                                                         Function<T, String> format, Collection<String> units,
                                                         String range, DoublePredicate inRange) {
        // The message reads "from 1 GB/s to 1000 TB/s: a bandwidth such as ..."; the reference's table "1 GB/s to 1000 TB/s".
        String allowed = (range.startsWith("more") ? range : range.startsWith("0 or ")
                ? "0, or from " + range.substring("0 or ".length()) : "from " + range) + ": " + unitsText;
        // Longest first, so that an alternation never stops at a unit's prefix ("m" of "min").
        List<String> sorted = new ArrayList<>(units);
        sorted.sort(Comparator.comparing(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        String pattern = "^\\s*" + DECIMAL + "\\s*(" + String.join("|", sorted) + ")\\s*$";
        return Types.scalar(allowed, range, at -> at.quantity(parser, allowed, inRange), v -> NODES.textNode(format.apply(v)),
                context -> NODES.objectNode().put("type", "string").put("pattern", pattern));
    }
}
