package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.HardwareDocumentException;
import dev.fleetsim.engine.hardware.HardwareProblem;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.ProfileIdentity;
import dev.fleetsim.engine.hardware.ProfileReader;
import dev.fleetsim.engine.hardware.ProfileWriter;
import dev.fleetsim.engine.scenario.ValueType.SchemaContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A GPU entry's {@code profile}: which hardware profile (docs/HARDWARE-PROFILE.md) its compute is
 * costed with. A scenario names a profile file by its path (relative to the scenario file), or
 * writes a map: {@code {shipped: H100-SXM}} (a catalogue type's default), {@code {file: PATH,
 * hash: sha256:...}} or {@code {inline: <profile>}}. The resolved scenario writes the map form
 * with the profile's content hash (and, for a file, its identity: source, device, date,
 * versions), and reading a hash checks it, so a resolved run names exactly the profile it used.
 */
final class ProfileRefs {

    static final String ALLOWED = "a hardware profile file (a path, relative to the scenario file), or a map "
            + "{shipped: TYPE}, {file: PATH, hash: sha256:...} or {inline: PROFILE}";
    private static final List<String> KEYS = List.of("shipped", "file", "hash", "identity", "inline");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProfileRefs() {
    }

    /**
     * A profile, where it came from, and the hash the reference asked for (null: none).
     * The hash is checked by {@link #hashProblem} once the entry's own efficiency has scaled it.
     */
    record Ref(HardwareProfile profile, String origin, String hash) {
        Ref(HardwareProfile profile, String origin) {
            this(profile, origin, null);
        }

        Ref withHash(String expected) {
            return new Ref(profile, origin, expected);
        }
    }

    /**
     * Reads the {@code profile} at {@code c} for GPU type {@code type}; null (problems reported) when
     * wrong. A profile file must describe one of {@code describable} (the type, or the type it is
     * based on): a file of another GPU would cost this one with that GPU's curves, silently.
     * {@code shipped} and {@code inline} re-type the curves they name on purpose.
     */
    static Ref read(Cursor c, String type, Collection<String> describable, Path baseDir) {
        JsonNode n = c.node();
        if (n.isTextual()) {
            return file(c, n.asText().trim(), type, describable, baseDir);
        }
        if (!n.isObject()) {
            c.problem(c.found(), ALLOWED);
            return null;
        }
        int mark = c.mark();
        for (java.util.Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                c.field(key).problem("unknown key \"" + key + "\"", "a key of a profile reference: "
                        + Suggestions.oneOf(key, KEYS));
            }
        }
        int kinds = (n.has("shipped") ? 1 : 0) + (n.has("file") ? 1 : 0) + (n.has("inline") ? 1 : 0);
        if (kinds != 1) {
            c.problem(c.found(), "exactly one of shipped, file or inline");
            return null;
        }
        if (!c.cleanSince(mark)) {
            return null;
        }
        String hash = n.has("hash") ? c.field("hash").string("a content hash such as \"sha256:...\"") : null;
        Ref ref;
        if (n.has("shipped")) {
            Cursor s = c.field("shipped");
            String name = s.string("a shipped GPU type");
            GpuSpec shipped = name == null ? null : HardwareCatalog.defaults().get(name);
            if (name != null && shipped == null) {
                s.problem(s.found(), "a shipped GPU type: " + Suggestions.oneOf(name, HardwareCatalog.defaults().keySet()));
            }
            ref = shipped == null ? null : new Ref(shipped.profile().forGpuType(type), "shipped:" + name);
        } else if (n.has("file")) {
            String path = c.field("file").string("the path of a hardware profile file");
            ref = path == null ? null : file(c.field("file"), path, type, describable, baseDir);
        } else {
            try {
                HardwareProfile p = ProfileReader.read(n.get("inline"), c.field("inline").path(), "scenario");
                ref = new Ref(p.forGpuType(type), "");
            } catch (HardwareDocumentException e) {
                for (HardwareProblem p : e.problems()) {
                    c.problemWithin("", p.found(), p.allowed());
                }
                ref = null;
            }
        }
        return ref == null || hash == null ? ref : ref.withHash(hash);
    }

    /**
     * Reports a hash that matches neither the named profile nor the profile the entry costs with
     * ({@code used}: the named one as the entry's {@code efficiency.matmul/memory} scale it, which
     * is the hash a resolved scenario records); true when it reported one.
     */
    static boolean hashProblem(Cursor c, Ref ref, HardwareProfile used) {
        if (ref.hash() == null || ref.hash().equals(ref.profile().contentHash()) || ref.hash().equals(used.contentHash())) {
            return false;
        }
        Cursor h = c.field("hash");
        h.problem(h.found() + " (the profile now hashes to " + ref.profile().contentHash() + ")",
                "the hash of the profile it names: the profile changed since this scenario was resolved");
        return true;
    }

    private static Ref file(Cursor c, String pathText, String type, Collection<String> describable, Path baseDir) {
        if (pathText.isEmpty()) {
            c.problem(c.found(), ALLOWED);
            return null;
        }
        Path resolved;
        try {
            Path path = Path.of(pathText);
            resolved = (path.isAbsolute() ? path : baseDir.resolve(path)).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) { // was an internal error: a NUL in the path
            c.problem(c.found(), ALLOWED + " (this one holds a character no path may hold)");
            return null;
        }
        try {
            HardwareProfile p = ProfileReader.read(resolved);
            if (!describable.contains(p.gpuType())) {
                c.problem(c.found() + ", a profile of " + Echo.quoted(p.gpuType()) + " (its gpuType)",
                        "a profile of the GPU type it is attached to, " + String.join(" or ", describable)
                                + ": set the file's gpuType if it was measured on " + type
                                + ", or attach it to " + p.gpuType());
                return null;
            }
            return new Ref(p, "file:" + resolved);
        } catch (HardwareDocumentException e) {
            for (HardwareProblem p : e.problems()) {
                c.problemWithin("(" + resolved + ") " + p.path(), p.found(), p.allowed());
            }
            return null;
        }
    }

    /** The resolved form of a GPU entry's profile; null for the generic profile (what an entry without one gets). */
    static JsonNode write(GpuSpec gpu) {
        String origin = gpu.profileOrigin();
        if (origin.equals("generic")) {
            return null;
        }
        ObjectNode n = Types.NODES.objectNode();
        if (origin.startsWith("shipped:")) {
            n.put("shipped", origin.substring("shipped:".length()));
        } else if (origin.startsWith("file:")) {
            n.put("file", origin.substring("file:".length()));
            n.set("identity", identity(gpu.profile().identity()));
        } else {
            try {
                n.set("inline", JSON.readTree(ProfileWriter.json(gpu.profile())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        n.put("hash", gpu.profile().contentHash());
        return n;
    }

    /** Who measured the profile, for people reading a resolved scenario (not read back). */
    private static ObjectNode identity(ProfileIdentity id) {
        ObjectNode n = Types.NODES.objectNode();
        n.put("source", id.source());
        id.device().ifPresent(d -> n.put("device", d));
        id.measuredAt().ifPresent(t -> n.put("measuredAt", t.toString()));
        if (!id.versions().isEmpty()) {
            ObjectNode v = n.putObject("versions");
            for (Map.Entry<String, String> e : id.versions().entrySet()) {
                v.put(e.getKey(), e.getValue());
            }
        }
        return n;
    }

    static ObjectNode schema(SchemaContext context) {
        ObjectNode s = Types.NODES.objectNode();
        var oneOf = s.putArray("oneOf");
        oneOf.addObject().put("type", "string").put("minLength", 1);
        ObjectNode map = oneOf.addObject().put("type", "object").put("additionalProperties", false);
        ObjectNode props = map.putObject("properties");
        props.putObject("shipped").put("type", "string");
        props.putObject("file").put("type", "string");
        props.putObject("hash").put("type", "string");
        props.putObject("identity").put("type", "object");
        props.putObject("inline").put("type", "object");
        return s;
    }
}
