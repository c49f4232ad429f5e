package dev.fleetsim.engine.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.scenario.AxisSpec;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code sweep.json}, written last: the experiment's name, its axes with their values, how many
 * points there are and how many were reused from an earlier run, and the files beside it. A sweep
 * folder holding it is complete. No wall-clock figures, so a resumed sweep writes the same bytes
 * except for {@code reused}.
 */
public final class SweepJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepJson() {
    }

    public static String of(SweepResult r, List<String> files) {
        ObjectNode root = JSON.createObjectNode();
        root.put("experiment", r.plan().spec().name());
        root.put("scenario", r.plan().spec().base().name());
        ObjectNode axes = root.putObject("axes");
        List<String> names = r.plan().axisNames();
        for (int a = 0; a < r.plan().spec().axes().size(); a++) {
            AxisSpec axis = r.plan().spec().axes().get(a);
            ObjectNode o = axes.putObject(names.get(a));
            o.put("kind", axis.kind().name().toLowerCase(java.util.Locale.ROOT));
            if (axis.kind() == AxisSpec.Kind.PATH) {
                o.put("path", axis.path());
            }
            ArrayNode values = o.putArray("values");
            axis.values().forEach(v -> values.add(TreePaths.node(v)));
        }
        root.put("points", r.plan().points().size());
        root.put("configurations", r.configurations().size());
        root.put("reused", r.reused());
        ArrayNode f = root.putArray("files");
        files.forEach(f::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
