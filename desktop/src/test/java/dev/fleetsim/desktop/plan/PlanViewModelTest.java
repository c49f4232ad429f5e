package dev.fleetsim.desktop.plan;

import dev.fleetsim.desktop.TestFiles;
import dev.fleetsim.desktop.Threads;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.planner.Candidate;
import dev.fleetsim.planner.Configuration;
import dev.fleetsim.planner.PlanResult;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plan screen's model without JavaFX: a small plan read and searched through the planner,
 * the chosen configuration with its margins, every marker of the chart naming a configuration
 * (click-through), a configuration handed over as a scenario that validates, cancel, a bad plan.
 */
class PlanViewModelTest {
    private static final Fleetsim FLEETSIM = Fleetsim.create();
    private final List<String> edited = new ArrayList<>();
    private final List<String> ran = new ArrayList<>();
    private final PlanViewModel.Scenarios scenarios = new PlanViewModel.Scenarios() {
        @Override
        public void edit(String yaml) {
            edited.add(yaml);
        }

        @Override
        public void run(String yaml) {
            ran.add(yaml);
        }
    };

    private static void await(PlanViewModel vm, Runnable start) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        vm.running().addListener((o, a, b) -> {
            if (!b) {
                done.countDown();
            }
        });
        start.run();
        assertTrue(done.await(120, TimeUnit.SECONDS), vm.status().get());
    }

    @Test
    void aSmallPlanShowsTheChosenConfigurationItsFrontAndEveryMarkerNamesAConfiguration(@TempDir Path dir) throws Exception {
        PlanViewModel vm = new PlanViewModel(FLEETSIM, Threads.direct(), scenarios);
        vm.open(TestFiles.smallPlan(dir));
        assertNotNull(vm.plan().get(), vm.status().get());
        assertTrue(vm.status().get().contains("2 choices × 1–4 nodes"), vm.status().get());
        vm.threads().set(2);
        await(vm, vm::start);

        PlanResult r = vm.result().get();
        assertNotNull(r, vm.status().get());
        assertTrue(vm.status().get().startsWith("planned small-plan: " + r.simulations() + " simulations"), vm.status().get());
        assertEquals(r.simulations(), vm.simulations().get());
        assertEquals(r.candidates(), vm.candidates(), "the planner's candidates, one row per choice");
        assertEquals(r.sensitivity(), vm.sensitivity());
        assertNotNull(vm.pareto().get());
        assertTrue(r.chosen().isPresent(), "a small fleet meets an hour of p95 wait");
        Candidate chosen = r.chosen().get();
        assertTrue(vm.chosenText().get().startsWith(chosen.label() + " × " + chosen.nodes() + " nodes  — chosen"),
                vm.chosenText().get());
        assertTrue(vm.chosenText().get().contains("p95 wait ≤ 60.0 min: "), vm.chosenText().get());
        assertTrue(vm.chosenText().get().contains("margin "), vm.chosenText().get());
        assertEquals(chosen.label(), vm.selected().get().label(), "the chosen one is selected first");
        assertEquals(chosen.nodes(), vm.selected().get().nodes());

        // Every marker of the chart, as a click reports it (series key and x), names a configuration of that cost.
        XYDataset data = vm.pareto().get().getXYPlot().getDataset();
        int markers = 0;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            for (int i = 0; i < data.getItemCount(s); i++) {
                String key = String.valueOf(data.getSeriesKey(s));
                double x = data.getXValue(s, i);
                assertTrue(vm.pick(key, x), key + " at " + x);
                assertEquals(x, vm.selected().get().costUsdPerMonth(), 1e-6, key);
                if (!key.equals("Pareto front") && !key.equals("chosen")) {
                    assertEquals(key, vm.selected().get().label());
                }
                markers++;
            }
        }
        assertTrue(markers >= vm.configurations().size(), "a marker per configuration that fits, plus the front and the ring");

        // A configuration other than the chosen one, picked from the chart, shows its own figures and hands over its scenario.
        Configuration other = vm.configurations().stream().filter(k -> k.fits() && k.nodes() != chosen.nodes()).findFirst()
                .orElseThrow();
        assertTrue(vm.pick(other.label(), other.costUsdPerMonth()));
        assertSame(other, vm.selected().get());
        assertTrue(vm.selectedText().get().startsWith(other.label() + " × " + other.nodes() + " nodes\n"), vm.selectedText().get());
        vm.editSelected();
        vm.runSelected();
        assertEquals(1, edited.size());
        assertEquals(edited, ran);
        ScenarioSpec spec = FLEETSIM.validate(edited.get(0), "configuration.yaml").orThrow();
        assertEquals(other.nodes(), spec.cluster().nodeGroups().get(0).count());
        assertEquals(other.choice().option().gpuType(), spec.cluster().nodeGroups().get(0).gpuType());

        // A row of the choices' table selects that choice at the node count the search found.
        Candidate row = vm.candidates().get(1);
        vm.pick(row);
        assertEquals(row.label(), vm.selected().get().label());
        assertEquals(row.nodes(), vm.selected().get().nodes());

        vm.saveFolder(dir.resolve("out"));
        assertTrue(Files.isRegularFile(dir.resolve("out").resolve("plan.json")), vm.status().get());
        assertTrue(Files.isRegularFile(dir.resolve("out").resolve("chosen-scenario.yaml")));
        vm.exportCandidates(dir.resolve("choices.csv"));
        assertTrue(Files.readString(dir.resolve("choices.csv")).startsWith("choice,gpu_type,purchase,nodes,seeds,cost_usd_per_month,"
                + "p95Wait,margin_p95Wait,status\n"), Files.readString(dir.resolve("choices.csv")));
    }

    @Test
    void cancelStopsTheSearchAndKeepsNothing(@TempDir Path dir) throws Exception {
        PlanViewModel vm = new PlanViewModel(FLEETSIM, Threads.direct(), scenarios);
        vm.open(TestFiles.smallPlan(dir));
        vm.status().addListener((o, a, b) -> {
            if (b.startsWith("screening")) {
                vm.cancel();
            }
        });
        await(vm, vm::start);
        assertEquals("cancelled: nothing was kept", vm.status().get());
        assertNull(vm.result().get());
        assertTrue(vm.candidates().isEmpty());
    }

    @Test
    void aBadPlanSaysEachProblemWithItsPath(@TempDir Path dir) throws Exception {
        TestFiles.smallPlan(dir);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nscenario: small.yaml\noptions: []\nnodes: {min: 1, max: 0}\nconstraints: {p95Wait: 1 h}\n");
        PlanViewModel vm = new PlanViewModel(FLEETSIM, Threads.direct(), scenarios);
        vm.open(bad);
        assertNull(vm.plan().get());
        assertTrue(vm.status().get().contains("nodes.max: found 0"), vm.status().get());
        vm.start();
        assertFalse(vm.running().get());
    }
}
