package dev.fleetsim.desktop.editor;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What "add" puts in a list that has no item to copy yet: a small valid item for each list of
 * the format (a node group of 8 H100s, a one-GPU job, a mix or a trace generator). An item is
 * otherwise a copy of the selected one with a fresh id or name.
 */
final class ItemTemplates {
    private static final Map<String, String> BY_LIST = Map.of(
            "cluster.nodeGroups", "name: %s\ngpuType: H100-SXM\ncount: 1\ngpusPerNode: 8\nnicsPerNode: 8\nnicBandwidth: 400 Gb/s",
            "workload.jobs", "id: %s\nmodel: gpt-1.3b\nprecision: bf16\nglobalBatch: 16\nparallelism: {tp: 1, pp: 1, dp: 1}\n"
                    + "iterations: 1000",
            "workload.generators", "name: %s\ncount: 100\nmeanInterarrival: 10 min\nmix:\n  - name: small\n    weight: 1\n"
                    + "    iterations: {min: 100, max: 1000}\n    job:\n      model: gpt-1.3b\n      precision: bf16\n"
                    + "      globalBatch: 16\n      parallelism: {tp: 1, pp: 1, dp: 1}");

    private ItemTemplates() {
    }

    /** The template of a list by its path without indices ({@code workload.jobs}), with {@code %s} for the name. */
    static Optional<String> of(YamlPath list) {
        return Optional.ofNullable(BY_LIST.get(withoutIndices(list)));
    }

    /** A trace generator: Philly statistics, a thousand jobs. */
    static String traceGenerator(String name) {
        return "name: " + name + "\nkind: trace\ntrace: philly\ncount: 1000";
    }

    /** {@code base-2}, {@code base-3}, ... the first not in {@code taken}. */
    static String fresh(String base, Collection<String> taken) {
        String stem = base.replaceAll("-\\d+$", "");
        for (int i = 2; ; i++) {
            String name = stem + "-" + i;
            if (!taken.contains(name)) {
                return name;
            }
        }
    }

    private static String withoutIndices(YamlPath p) {
        return p.toString().replaceAll("\\[\\d+]", "");
    }
}
