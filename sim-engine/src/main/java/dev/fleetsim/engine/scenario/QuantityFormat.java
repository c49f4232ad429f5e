package dev.fleetsim.engine.scenario;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes quantities back as the unit strings {@link Units} reads, choosing the shortest form in
 * the field's customary units ("400 Gb/s" for a NIC, "3.35 TB/s" for HBM) that parses back to
 * exactly the same value, so a written scenario loads to an equal one. When no customary form is
 * exact, the base unit with the full decimal value is.
 */
final class QuantityFormat {

    private static final List<String> DURATION_UNITS = List.of("w", "d", "h", "min", "s", "ms", "us", "ns");
    private static final List<String> BYTE_UNITS = List.of("TiB", "GiB", "MiB", "KiB", "TB", "GB", "MB", "KB", "B");
    private static final List<String> MEMORY_BANDWIDTH_UNITS = List.of("TB/s", "GB/s", "MB/s", "B/s");
    private static final List<String> NETWORK_BANDWIDTH_UNITS = List.of("Tb/s", "Gb/s", "Mb/s", "b/s", "B/s");
    private static final List<String> POWER_UNITS = List.of("kW", "W");

    private QuantityFormat() {
    }

    /** The largest unit that holds the duration as a whole number: "12 min", "36 h", "0 s". */
    static String duration(long ns) {
        if (ns == 0) {
            return "0 s";
        }
        for (String unit : DURATION_UNITS) {
            long factor = Units.DURATION_NS.get(unit);
            if (ns % factor == 0) {
                return ns / factor + " " + unit;
            }
        }
        throw new AssertionError("ns divides every duration");
    }

    static String bytes(long bytes) {
        return shortestExact(bytes, BYTE_UNITS, Units.BYTES, t -> (double) Units.bytes(t), "B");
    }

    static String memoryBandwidth(double bytesPerS) {
        return shortestExact(bytesPerS, MEMORY_BANDWIDTH_UNITS, Units.BANDWIDTH_BYTES_PER_S,
                Units::bandwidthBytesPerS, "B/s");
    }

    static String networkBandwidth(double bytesPerS) {
        return shortestExact(bytesPerS, NETWORK_BANDWIDTH_UNITS, Units.BANDWIDTH_BYTES_PER_S,
                Units::bandwidthBytesPerS, "B/s");
    }

    static String watts(double watts) {
        return shortestExact(watts, POWER_UNITS, Units.POWER_W, Units::watts, "W");
    }

    /** A price in a fixed unit, e.g. "2.99 USD/h". */
    static String price(double value, String unit) {
        return plain(value) + " " + unit;
    }

    /** The shortest decimal that reads back as {@code value}, without exponent or trailing zeros. */
    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String shortestExact(double value, List<String> units, Map<String, Double> factors,
                                        Function<String, Double> parser, String baseUnit) {
        String best = null;
        for (String unit : units) {
            double scaled = value / factors.get(unit);
            // Below 1 the next smaller unit reads better ("500 MB/s", not "0.5 GB/s").
            if (value != 0 && Math.abs(scaled) < 1) {
                continue;
            }
            String candidate = plain(scaled) + " " + unit;
            if (Double.compare(parser.apply(candidate), value) == 0
                    && (best == null || candidate.length() < best.length())) {
                best = candidate;
            }
        }
        return best != null ? best : plain(value) + " " + baseUnit;
    }
}
