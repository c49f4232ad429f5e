package dev.fleetsim.engine.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsim.engine.scenario.HardwareReader;
import dev.fleetsim.engine.scenario.ScenarioException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
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
        return Shipped.CATALOGUE;
    }

    /** Parsed once, on first use: the entries are immutable records in an unmodifiable map. */
    private static final class Shipped {
        static final Map<String, GpuSpec> CATALOGUE = load();
    }

    private static Map<String, GpuSpec> load() {
        try (InputStream in = HardwareCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("hardware catalogue resource missing: " + RESOURCE);
            }
            JsonNode gpus = new ObjectMapper().readTree(in).path("gpus");
            // The same parser as a scenario's hardware section, so both accept the same entries.
            return Collections.unmodifiableMap(HardwareReader.readCatalogue(gpus, RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ScenarioException e) {
            throw new IllegalStateException("shipped hardware catalogue is invalid: " + e.getMessage(), e);
        }
    }
}
