package dev.fleetsim.engine.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;

/**
 * The shipped GPU catalogue ({@code hardware-catalog.json} beside this class), keyed by name,
 * each entry with its default hardware profile ({@code profiles/<type>.yaml}). Parsed once, on
 * first use. Entries use the keys and unit strings of a scenario's {@code hardware} section, so
 * a user copies an entry, changes a value, and has an override.
 */
public final class HardwareCatalog {

    private static final String RESOURCE = "hardware-catalog.json";

    private HardwareCatalog() {
    }

    /** The default entries, in catalogue order. */
    public static Map<String, GpuSpec> defaults() {
        return Holder.DEFAULTS;
    }

    /** The catalogue, read once when first asked for (the holder idiom: lazy and thread-safe). */
    private static final class Holder {
        static final Map<String, GpuSpec> DEFAULTS = load();
    }

    private static Map<String, GpuSpec> load() {
        try (InputStream in = HardwareCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("hardware catalogue resource missing: " + RESOURCE);
            }
            JsonNode gpus = new ObjectMapper().readTree(in).path("gpus");
            return Collections.unmodifiableMap(CatalogueReader.read(gpus, RESOURCE, HardwareCatalog::shippedProfile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (HardwareDocumentException e) {
            throw new IllegalStateException("shipped hardware catalogue is invalid: " + e.getMessage(), e);
        }
    }

    /** A profile shipped beside the catalogue, by its resource name; null when there is none. */
    static HardwareProfile shippedProfile(String resource) {
        try (InputStream in = HardwareCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            return ProfileReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (HardwareDocumentException e) {
            throw new IllegalStateException("shipped hardware profile is invalid: " + e.getMessage(), e);
        }
    }
}
