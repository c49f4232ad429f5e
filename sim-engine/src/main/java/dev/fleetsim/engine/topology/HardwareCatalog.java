package dev.fleetsim.engine.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsim.engine.scenario.Units;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shipped GPU catalogue ({@code hardware-catalog.json} beside this class), keyed by name.
 * Entries use the same keys and unit strings as a scenario's {@code hardware} section, so a
 * user copies an entry, changes a value, and has an override.
 */
public final class HardwareCatalog {

    private static final String RESOURCE = "hardware-catalog.json";

    private HardwareCatalog() {
    }

    /** The default entries, in catalogue order. */
    public static Map<String, GpuSpec> defaults() {
        try (InputStream in = HardwareCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("hardware catalogue resource missing: " + RESOURCE);
            }
            JsonNode gpus = new ObjectMapper().readTree(in).path("gpus");
            Map<String, GpuSpec> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = gpus.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), parseEntry(e.getKey(), e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one complete entry; the scenario validator handles partial overrides with paths. */
    static GpuSpec parseEntry(String name, JsonNode n) {
        Map<Precision, Double> peaks = new EnumMap<>(Precision.class);
        n.path("peakTflops").fields().forEachRemaining(
                e -> peaks.put(Precision.valueOf(e.getKey().toUpperCase(java.util.Locale.ROOT)), e.getValue().asDouble()));
        JsonNode eff = n.path("efficiency");
        return new GpuSpec(name, peaks,
                Units.bytes(n.path("hbm").asText()),
                Units.bandwidthBytesPerS(n.path("hbmBandwidth").asText()),
                Units.bandwidthBytesPerS(n.path("nvlinkBandwidth").asText()),
                Units.bandwidthBytesPerS(n.path("pcieBandwidth").asText()),
                Units.watts(n.path("tdp").asText()),
                Units.watts(n.path("idlePower").asText()),
                Units.usdPer(n.path("price").asText(), "USD/h"),
                new EfficiencySpec(eff.path("matmul").asDouble(), eff.path("memory").asDouble(),
                        eff.path("nvlink").asDouble(), eff.path("nic").asDouble()));
    }
}
