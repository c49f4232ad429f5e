package dev.fleetsim.desktop.editor;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Form edits patch the text where the value stands and keep the user's comments and layout. */
class YamlEditsTest {
    private static final String TEXT = """
            # a comment that must survive
            name: demo
            cluster:
              nodeGroups:
                - name: h100   # the only group
                  gpuType: H100-SXM
                  count: 12
              fabric:
                nodesPerLeaf: 4
                oversubscription: 2

            # the workload
            workload:
              jobs:
                - id: a
                  parallelism: {tp: 2, pp: 1}
                  zeroStage: 1
                - id: b
                  parallelism: {tp: 1}
            policy:
              name: fifo
            """;

    private static YamlDocument doc(String text) {
        return YamlDocument.parse(text);
    }

    @SuppressWarnings("unchecked")
    private static Object at(String text, String path) {
        Object o = new Yaml().load(text);
        for (Object s : YamlPath.parse(path).segments()) {
            if (s instanceof Integer) {
                List<Object> list = (List<Object>) o;
                o = (Integer) s < list.size() ? list.get((Integer) s) : null;
            } else {
                o = ((Map<String, Object>) o).get(s);
            }
            if (o == null) {
                return null;
            }
        }
        return o;
    }

    @Test
    void aValueIsReplacedWhereItStands() {
        String out = YamlEdits.set(doc(TEXT), YamlPath.parse("cluster.nodeGroups[0].count"), "16");
        assertEquals(TEXT.replace("count: 12", "count: 16"), out);
        out = YamlEdits.set(doc(TEXT), YamlPath.parse("workload.jobs[0].parallelism.tp"), "4");
        assertEquals(TEXT.replace("{tp: 2, pp: 1}", "{tp: 4, pp: 1}"), out);
        out = YamlEdits.set(doc(TEXT), YamlPath.parse("cluster.nodeGroups[0].name"), YamlEdits.scalar("h100 big", true));
        assertTrue(out.contains("- name: h100 big   # the only group"), out);
    }

    @Test
    void aNewKeyGoesUnderItsSiblings() {
        String out = YamlEdits.set(doc(TEXT), YamlPath.parse("cluster.fabric.spines"), "2");
        assertTrue(out.contains("    oversubscription: 2\n    spines: 2\n\n# the workload"), out);
        assertEquals(2, at(out, "cluster.fabric.spines"));
        out = YamlEdits.set(doc(TEXT), YamlPath.parse("workload.jobs[1].parallelism.dp"), "8");
        assertTrue(out.contains("parallelism: {tp: 1, dp: 8}"), out);
        out = YamlEdits.set(doc(TEXT), YamlPath.parse("policy.preemption.checkpointInterval"), "30 min");
        assertTrue(out.endsWith("  name: fifo\n  preemption:\n    checkpointInterval: 30 min\n"), out);
        out = YamlEdits.set(doc(TEXT), YamlPath.parse("cost.pue"), "1.3");
        assertEquals(1.3, at(out, "cost.pue"));
        assertTrue(out.startsWith("# a comment that must survive\n"));
        out = YamlEdits.set(doc(TEXT), YamlPath.parse("workload.jobs[0].gpuType"), "H200");
        assertTrue(out.contains("  zeroStage: 1\n      gpuType: H200\n    - id: b"), out);
    }

    @Test
    void anEmptyDocumentAndAnEmptyValueGetTheirKeys() {
        String out = YamlEdits.set(doc(""), YamlPath.parse("simulation.seed"), "7");
        assertEquals("simulation:\n  seed: 7\n", out);
        out = YamlEdits.set(doc("name: x\nsimulation:\n"), YamlPath.parse("simulation.seed"), "7");
        assertEquals(7, at(out, "simulation.seed"));
        assertEquals("x", at(out, "name"));
    }

    @Test
    void aRemovedKeyTakesItsLineAndAnEmptiedMapGoesToo() {
        String out = YamlEdits.remove(doc(TEXT), YamlPath.parse("workload.jobs[0].zeroStage"));
        assertEquals(TEXT.replace("      zeroStage: 1\n", ""), out);
        out = YamlEdits.remove(doc(TEXT), YamlPath.parse("workload.jobs[0].parallelism.pp"));
        assertTrue(out.contains("parallelism: {tp: 2}"), out);
        out = YamlEdits.remove(doc(TEXT), YamlPath.parse("workload.jobs[1].parallelism.tp"));
        assertTrue(!out.contains("{tp: 1}") && out.contains("    - id: b\n"), out);
        out = YamlEdits.remove(doc(TEXT), YamlPath.parse("policy.name"));
        assertTrue(!out.contains("policy"), out);
    }

    @Test
    void listItemsAreAppendedCopiedAndRemoved() {
        String copy = YamlEdits.blockOf(doc(TEXT), YamlPath.parse("workload.jobs[0]"));
        assertEquals("id: a\nparallelism: {tp: 2, pp: 1}\nzeroStage: 1", copy);
        String out = YamlEdits.appendItem(doc(TEXT), YamlPath.parse("workload.jobs"), copy.replace("id: a", "id: c"));
        assertEquals("c", at(out, "workload.jobs[2].id"));
        assertEquals(1, at(out, "workload.jobs[2].zeroStage"));
        assertTrue(out.contains("      parallelism: {tp: 1}\n    - id: c\n      parallelism: {tp: 2, pp: 1}\n      zeroStage: 1\npolicy:"),
                out);
        out = YamlEdits.remove(doc(TEXT), YamlPath.parse("workload.jobs[0]"));
        assertEquals("b", at(out, "workload.jobs[0].id"));
        assertEquals(null, at(out, "workload.jobs[1]"));
        out = YamlEdits.appendItem(doc(TEXT), YamlPath.parse("workload.generators"), "name: g\ncount: 10");
        assertEquals(10, at(out, "workload.generators[0].count"));
        assertEquals("a", at(out, "workload.jobs[0].id"));
        out = YamlEdits.appendItem(doc("workload:\n  jobs: []\n"), YamlPath.parse("workload.jobs"), "id: x\niterations: 5");
        assertEquals(5, at(out, "workload.jobs[0].iterations"));
    }

    @Test
    void valuesAreQuotedOnlyWhenThePlainTextWouldReadOtherwise() {
        assertEquals("400 Gb/s", YamlEdits.scalar("400 Gb/s", true));
        assertEquals("H100-SXM", YamlEdits.scalar("H100-SXM", true));
        assertEquals("\"123\"", YamlEdits.scalar("123", true));
        assertEquals("123", YamlEdits.scalar("123", false));
        assertEquals("\"yes\"", YamlEdits.scalar("yes", true));
        assertEquals("\"a: b\"", YamlEdits.scalar("a: b", true));
        assertEquals("\"\"", YamlEdits.scalar("", true));
        assertEquals("\"say \\\"hi\\\" # now\"", YamlEdits.scalar("say \"hi\" # now", true));
        assertEquals("[research, \"1\"]", YamlEdits.flowList(List.of("research", "1"), true));
    }

    @Test
    void aProblemsPathIsFoundInTheText() {
        YamlDocument d = doc(TEXT);
        assertEquals(7, d.line(YamlPath.parse("cluster.nodeGroups[0].count")));
        int[] r = d.range(YamlPath.parse("cluster.nodeGroups[0].count"));
        assertEquals("12", TEXT.substring(r[0], r[1]));
        // a key the path goes through but the document lacks: the deepest node on the way
        assertEquals(9, d.line(YamlPath.parse("cluster.fabric.spines")));
        assertEquals(List.of("tp", "pp"), d.keys(YamlPath.parse("workload.jobs[0].parallelism")));
        assertEquals(2, d.size(YamlPath.parse("workload.jobs")));
        assertTrue(!YamlDocument.parse("a: [").parsed());
    }
}
