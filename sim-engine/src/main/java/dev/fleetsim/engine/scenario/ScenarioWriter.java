package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fleetsim.engine.scenario.HardwareKeys.Gpu;
import dev.fleetsim.engine.scenario.ScenarioKeys.Top;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.Precision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@link ScenarioSpec} back in the scenario format: the "resolved scenario" a run
 * stores beside its results, so the run can be repeated without the catalogue it ran with.
 * Everything is explicit: every default, every model inline, hardware entries in full for the
 * GPU types the cluster uses (and for any other type that differs from the shipped catalogue),
 * quantities as unit strings chosen to read back exactly. Keys come in a fixed order, so equal
 * specs give byte-identical text, and {@code loader.parse(write(spec))} equals {@code spec} for
 * every spec the loader produced. Each section is written key by key from its declaration
 * ({@link ScenarioKeys}); only the choice of hardware entries is this class's own.
 */
public final class ScenarioWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // A string such as "123" must stay a string when read back.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();

    private final Map<String, GpuSpec> shipped;

    /** A writer that leaves out unused GPU types equal to the shipped catalogue. */
    public ScenarioWriter() {
        this(HardwareCatalog.defaults());
    }

    /** A writer relative to another base catalogue; pair it with a loader over the same one. */
    public ScenarioWriter(Map<String, GpuSpec> shippedCatalogue) {
        // Kept in catalogue order, which is the order messages list the types in.
        this.shipped = Collections.unmodifiableMap(new LinkedHashMap<>(shippedCatalogue));
    }

    /** The scenario as YAML text. */
    public String write(ScenarioSpec spec) {
        ObjectNode root = Top.SECTION.write(spec, Map.of(Top.HARDWARE.name(), hardware(spec)));
        try {
            return "# Resolved scenario: every default and catalogue value written out, so it runs alone.\n"
                    + YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    /** Writes to a temporary file beside {@code file} and moves it into place, so no half-written file remains. */
    public void write(ScenarioSpec spec, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, write(spec), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private ObjectNode hardware(ScenarioSpec spec) {
        Set<String> types = new LinkedHashSet<>();
        spec.cluster().nodeGroups().forEach(g -> types.add(g.gpuType()));
        // Keep any other entry the scenario changed or added, or loading would bring back the shipped one.
        spec.hardware().forEach((name, gpu) -> {
            if (!gpu.equals(shipped.get(name))) {
                types.add(name);
            }
        });
        ObjectNode n = NODES.objectNode();
        for (String type : types) {
            n.set(type, gpuEntry(spec.hardware().get(type), shipped.get(type)));
        }
        return n;
    }

    /** A full entry; a precision the shipped entry of that name has but this one lacks is written null (removed). */
    private static ObjectNode gpuEntry(GpuSpec gpu, GpuSpec shippedEntry) {
        ObjectNode peaks = NODES.objectNode();
        for (Precision p : Precision.values()) {
            if (gpu.supports(p)) {
                peaks.put(p.key(), gpu.peakDenseTflops().get(p));
            } else if (shippedEntry != null && shippedEntry.supports(p)) {
                peaks.putNull(p.key());
            }
        }
        return Gpu.SECTION.write(gpu, Map.of(Gpu.PEAK_TFLOPS.name(), peaks));
    }
}
