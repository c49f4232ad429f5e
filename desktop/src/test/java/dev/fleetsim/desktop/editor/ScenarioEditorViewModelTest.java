package dev.fleetsim.desktop.editor;

import dev.fleetsim.desktop.DesktopSession;
import dev.fleetsim.desktop.TestFiles;
import dev.fleetsim.desktop.Threads;
import dev.fleetsim.engine.Fleetsim;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The editor without JavaFX: text and form in step, the engine's problems placed, undo, files. */
class ScenarioEditorViewModelTest {
    private static final Fleetsim FLEETSIM = Fleetsim.create();
    private DesktopSession session;
    private ScenarioEditorViewModel vm;

    @BeforeEach
    void quickstart() {
        session = new DesktopSession();
        vm = new ScenarioEditorViewModel(FLEETSIM, Threads.direct(), session, new RecentFiles(RecentFiles.Store.inMemory()));
        vm.newScenario(TestFiles.read("quickstart.yaml"));
    }

    private FormNode.Group section(String id) {
        return vm.form().section(id).orElseThrow().body();
    }

    private static FormNode child(FormNode.Group g, String key) {
        return g.children().stream().filter(c -> c.label().equals(key)).findFirst().orElseThrow(() -> new AssertionError(key));
    }

    private FormNode.Field nodeGroupField(String key) {
        FormNode.ListNode groups = (FormNode.ListNode) child(section("cluster"), "nodeGroups");
        return (FormNode.Field) child(groups.item(0), key);
    }

    @Test
    void theQuickstartIsValidAndItsFormShowsItsValues() {
        assertTrue(vm.problems().isEmpty(), vm.problems().toString());
        assertNotNull(session.scenario().get());
        assertEquals("valid — 96 GPUs, policy fifo", vm.status().get());
        assertEquals(List.of("scenario", "hardware", "cluster", "workload", "tenants", "policy", "cost", "faults"),
                vm.form().sections().stream().map(FormTree.Section::id).toList());
        assertEquals("12", nodeGroupField("count").value().get());
        assertEquals("H100-SXM", nodeGroupField("gpuType").value().get());
        FormNode.ListNode jobs = (FormNode.ListNode) child(section("workload"), "jobs");
        assertEquals(List.of("1  llama3-8b-pretrain"), jobs.labels());
        FormNode.Group fabric = (FormNode.Group) child(section("cluster"), "fabric");
        FormNode.Field spines = (FormNode.Field) child(fabric, "spines");
        assertEquals("", spines.value().get(), "absent: the default applies");
        assertEquals("1", spines.spec().defaultText());
    }

    @Test
    void aBrokenFieldIsMarkedWithWhatWasFoundAndWhatIsAllowed() {
        FormNode.Field count = nodeGroupField("count");
        vm.setField(count, "0");

        assertTrue(vm.text().get().contains("      count: 0\n"), "the text follows the form");
        assertNull(session.scenario().get(), "nothing to run while the scenario has problems");
        ProblemItem p = vm.problems().get(0);
        assertEquals("cluster.nodeGroups[0].count", p.problem().path());
        assertEquals("0", vm.text().get().substring(p.start(), p.end()));
        assertTrue(count.error().get().startsWith("found 0; expected "), count.error().get());
        assertTrue(vm.status().get().endsWith("problem"), vm.status().get());

        vm.undo();
        assertTrue(vm.problems().isEmpty());
        assertEquals("", nodeGroupField("count").error().get());
        assertEquals("12", nodeGroupField("count").value().get());
        assertTrue(vm.canRedo().get());
        vm.redo();
        assertEquals(1, vm.problems().size());
    }

    @Test
    void anUnknownKeyTypedInTheTextIsShownOnItsGroup() {
        vm.editText(vm.text().get().replace("      tenant: research\n", "      tenent: research\n"));

        FormNode.ListNode jobs = (FormNode.ListNode) child(section("workload"), "jobs");
        assertEquals(1, jobs.problems(0));
        FormNode.Group job = jobs.item(0);
        assertTrue(job.error().get().startsWith("tenent: found unknown key"), job.error().get());
        assertTrue(job.error().get().contains("did you mean tenant?"), job.error().get());
    }

    @Test
    void addingAJobCopiesTheSelectedOneWithAFreshIdAndUndoTakesItBack() {
        FormNode.ListNode jobs = (FormNode.ListNode) child(section("workload"), "jobs");
        int version = vm.formVersion().get();
        vm.addItem(jobs, 0);

        assertTrue(vm.formVersion().get() > version, "the workload section is rebuilt");
        FormNode.ListNode after = (FormNode.ListNode) child(section("workload"), "jobs");
        assertEquals(List.of("1  llama3-8b-pretrain", "2  llama3-8b-pretrain-2"), after.labels());
        assertTrue(vm.problems().isEmpty(), vm.problems().toString());
        assertTrue(vm.text().get().contains("# Quickstart"), "comments survive");
        vm.undo();
        assertEquals(1, ((FormNode.ListNode) child(section("workload"), "jobs")).size());
    }

    @Test
    void anEmptyFieldRemovesTheKeyAndAListFieldWritesAList() {
        FormNode.Group policy = section("policy");
        FormNode.Field name = (FormNode.Field) child(policy, "name");
        assertTrue(name.spec().options().contains("optaplanner"));
        vm.setField(name, "backfill");
        assertEquals("backfill", session.scenario().get().policy().name());

        FormNode.ListNode gens = (FormNode.ListNode) child(section("workload"), "generators");
        FormNode.Field tenants = (FormNode.Field) child(gens.item(0), "tenants");
        assertEquals("research, product, infra", tenants.value().get());
        vm.setField(tenants, "research, product");
        assertTrue(vm.text().get().contains("tenants: [research, product]"), vm.text().get());
        assertTrue(vm.problems().isEmpty(), vm.problems().toString());

        FormNode.Field zero = (FormNode.Field) child(vm.form().section("workload").map(s -> (FormNode.ListNode) child(s.body(), "jobs"))
                .orElseThrow().item(0), "zeroStage");
        vm.setField(zero, "");
        assertTrue(YamlDocument.parse(vm.text().get()).node(YamlPath.parse("workload.jobs[0].zeroStage")).isEmpty());
        assertTrue(vm.text().get().contains("      recompute: selective\n      dpOverlap: 0.8\n"), "its line went, nothing else");
    }

    @Test
    void filesAreSavedAtomicallyAndRemembered(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.yaml");
        vm.editText(vm.text().get().replace("name: quickstart", "name: mine"));
        assertTrue(vm.dirty().get());
        vm.saveAs(file);

        assertEquals(vm.text().get(), Files.readString(file));
        assertFalse(vm.dirty().get());
        assertEquals(file.toAbsolutePath(), vm.recentFiles().get(0));
        vm.open(TestFiles.scenario("team-quotas.yaml"));
        assertTrue(vm.text().get().contains("team-quotas") || vm.text().get().contains("quota"), "the other file is shown");
        assertFalse(vm.canUndo().get(), "opening starts a fresh history");
        vm.open(dir.resolve("missing.yaml"));
        assertTrue(vm.status().get().startsWith("cannot open"), vm.status().get());
    }
}
