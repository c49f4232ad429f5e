package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.hardware.EfficiencySpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.JobTemplateSpec;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@link ScenarioSpec} back in the scenario format: the "resolved scenario" a run
 * stores beside its results, so the run can be repeated without the catalogue it ran with.
 * Everything is explicit: every default, every model inline, hardware entries in full for the
 * GPU types the cluster uses (and for any other type that differs from the shipped catalogue),
 * quantities as unit strings chosen to read back exactly. Keys come in a fixed order, so equal
 * specs give byte-identical text, and {@code loader.parse(write(spec))} equals {@code spec} for
 * every spec the loader produced.
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
        ObjectNode root = NODES.objectNode();
        root.put("name", spec.name());
        root.put("description", spec.description());
        root.set("simulation", simulation(spec.simulation()));
        root.set("hardware", hardware(spec));
        root.set("cluster", cluster(spec.cluster()));
        ObjectNode workload = root.putObject("workload");
        ArrayNode jobs = workload.putArray("jobs");
        spec.workload().jobs().forEach(j -> jobs.add(job(j)));
        ArrayNode generators = workload.putArray("generators");
        spec.workload().generators().forEach(g -> generators.add(generator(g)));
        spec.workload().traceGenerators().forEach(g -> generators.add(traceGenerator(g)));
        ObjectNode policy = root.putObject("policy");
        policy.put("name", spec.policy().name());
        ObjectNode params = policy.putObject("params");
        spec.policy().params().forEach((k, v) -> params.set(k, scalar(v)));
        ObjectNode preemption = policy.putObject("preemption");
        preemption.put("checkpointInterval", QuantityFormat.duration(spec.policy().preemption().checkpointIntervalNs()));
        preemption.put("restartOverhead", QuantityFormat.duration(spec.policy().preemption().restartOverheadNs()));
        ObjectNode cost = root.putObject("cost");
        cost.put("pue", spec.cost().pue());
        cost.put("electricity", QuantityFormat.price(spec.cost().electricityUsdPerKWh(), "USD/kWh"));
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

    private static JsonNode scalar(Object v) {
        if (v instanceof Boolean) {
            return NODES.booleanNode((Boolean) v);
        }
        if (v instanceof Double || v instanceof Float) {
            return NODES.numberNode(((Number) v).doubleValue());
        }
        if (v instanceof Number) {
            return NODES.numberNode(((Number) v).longValue());
        }
        return NODES.textNode(String.valueOf(v));
    }

    private static ObjectNode simulation(SimulationSpec s) {
        ObjectNode n = NODES.objectNode();
        n.put("seed", s.seed());
        if (s.horizonNs().isPresent()) {
            n.put("horizon", QuantityFormat.duration(s.horizonNs().getAsLong()));
        }
        n.put("timeseriesPoints", s.timeseriesPoints());
        n.put("charts", s.charts());
        n.put("network", s.network().key());
        return n;
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
        ObjectNode n = NODES.objectNode();
        ObjectNode peaks = n.putObject("peakTflops");
        for (Precision p : Precision.values()) {
            if (gpu.supports(p)) {
                peaks.put(p.key(), gpu.peakDenseTflops().get(p));
            } else if (shippedEntry != null && shippedEntry.supports(p)) {
                peaks.putNull(p.key());
            }
        }
        n.put("hbm", QuantityFormat.bytes(gpu.hbmBytes()));
        n.put("hbmBandwidth", QuantityFormat.memoryBandwidth(gpu.hbmBandwidthBytesPerS()));
        n.put("nvlinkBandwidth", QuantityFormat.memoryBandwidth(gpu.nvlinkBandwidthBytesPerS()));
        n.put("pcieBandwidth", QuantityFormat.memoryBandwidth(gpu.pcieBandwidthBytesPerS()));
        n.put("tdp", QuantityFormat.watts(gpu.tdpWatts()));
        n.put("idlePower", QuantityFormat.watts(gpu.idleWatts()));
        n.put("price", QuantityFormat.price(gpu.priceUsdPerGpuHour(), "USD/h"));
        EfficiencySpec e = gpu.efficiency();
        ObjectNode eff = n.putObject("efficiency");
        eff.put("matmul", e.matmul());
        eff.put("memory", e.memory());
        eff.put("nvlink", e.nvlink());
        eff.put("nic", e.nic());
        return n;
    }

    private static ObjectNode cluster(ClusterSpec c) {
        ObjectNode n = NODES.objectNode();
        ArrayNode groups = n.putArray("nodeGroups");
        for (NodeGroupSpec g : c.nodeGroups()) {
            ObjectNode group = groups.addObject();
            group.put("name", g.name());
            group.put("gpuType", g.gpuType());
            group.put("count", g.count());
            group.put("gpusPerNode", g.gpusPerNode());
            group.put("nicsPerNode", g.nicsPerNode());
            group.put("nicBandwidth", QuantityFormat.networkBandwidth(g.nicBandwidthBytesPerS()));
        }
        FabricSpec f = c.fabric();
        ObjectNode fabric = n.putObject("fabric");
        fabric.put("kind", f.kind() == FabricSpec.Kind.RAIL_OPTIMISED ? "rail-optimised" : "leaf-spine");
        fabric.put("nodesPerLeaf", f.nodesPerLeaf());
        fabric.put("oversubscription", f.oversubscription());
        fabric.put("spines", f.spines());
        f.pods().ifPresent(p -> {
            ObjectNode pods = fabric.putObject("pods");
            pods.put("nodesPerPod", p.nodesPerPod());
            pods.put("oversubscription", p.oversubscription());
            pods.put("superSpines", p.superSpines());
        });
        fabric.put("nicLatency", QuantityFormat.duration(f.nicLatencyNs()));
        fabric.put("nvlinkLatency", QuantityFormat.duration(f.nvlinkLatencyNs()));
        return n;
    }

    private static ObjectNode job(TrainingJobSpec j) {
        ObjectNode n = NODES.objectNode();
        n.put("id", j.id());
        jobBody(n, j);
        n.put("iterations", j.iterations());
        n.put("submit", QuantityFormat.duration(j.submitTimeNs()));
        n.put("tenant", j.tenant());
        n.put("priority", j.priority());
        j.gpuType().ifPresent(t -> n.put("gpuType", t));
        j.estimateNs().ifPresent(e -> n.put("estimate", QuantityFormat.duration(e)));
        return n;
    }

    /** The keys a listed job and a generator's template share. */
    private static void jobBody(ObjectNode n, TrainingJobSpec j) {
        n.set("model", model(j.model()));
        n.put("precision", j.precision().key());
        n.put("globalBatch", j.globalBatchSeqs());
        n.put("microBatch", j.microBatchSeqs());
        ObjectNode p = n.putObject("parallelism");
        p.put("tp", j.parallelism().tp());
        p.put("pp", j.parallelism().pp());
        p.put("dp", j.parallelism().dp());
        n.put("virtualStages", j.parallelism().virtualStages());
        n.put("recompute", j.recompute().name().toLowerCase(Locale.ROOT));
        n.put("zeroStage", j.zeroStage());
        n.put("dpOverlap", j.dpOverlap());
        n.put("flashAttention", j.flashAttention());
    }

    private static ObjectNode model(ModelSpec m) {
        ObjectNode n = NODES.objectNode();
        n.put("name", m.name());
        n.put("layers", m.layers());
        n.put("hidden", m.hidden());
        n.put("heads", m.heads());
        n.put("kvHeads", m.kvHeads());
        n.put("ffnHidden", m.ffnHidden());
        n.put("gatedMlp", m.gatedMlp());
        n.put("vocab", m.vocab());
        n.put("seqLength", m.seqLength());
        return n;
    }

    private static ObjectNode generator(GeneratorSpec g) {
        ObjectNode n = NODES.objectNode();
        n.put("name", g.name());
        n.put("count", g.count());
        n.put("start", QuantityFormat.duration(g.startNs()));
        n.put("meanInterarrival", QuantityFormat.duration(g.meanInterarrivalNs()));
        ArrayNode tenants = n.putArray("tenants");
        g.tenants().forEach(tenants::add);
        ArrayNode mix = n.putArray("mix");
        for (JobTemplateSpec t : g.mix()) {
            ObjectNode entry = mix.addObject();
            entry.put("name", t.name());
            entry.put("weight", t.weight());
            ObjectNode range = entry.putObject("iterations");
            range.put("min", t.minIterations());
            range.put("max", t.maxIterations());
            ObjectNode job = entry.putObject("job");
            jobBody(job, t.prototype());
            job.put("priority", t.prototype().priority());
            t.prototype().gpuType().ifPresent(type -> job.put("gpuType", type));
        }
        return n;
    }

    private static ObjectNode traceGenerator(TraceGeneratorSpec g) {
        ObjectNode n = NODES.objectNode();
        n.put("name", g.name());
        n.put("kind", "trace");
        n.put("trace", g.trace());
        n.put("count", g.count());
        n.put("start", QuantityFormat.duration(g.startNs()));
        n.put("scale", g.scale());
        n.put("diurnal", g.diurnalAmplitude());
        ArrayNode tenants = n.putArray("tenants");
        g.tenants().forEach(tenants::add);
        n.put("tenantSkew", g.tenantSkew());
        n.put("sizeDurationCorrelation", g.sizeDurationCorrelation());
        n.put("maxGpus", g.maxGpus());
        g.gpuType().ifPresent(t -> n.put("gpuType", t));
        return n;
    }
}
