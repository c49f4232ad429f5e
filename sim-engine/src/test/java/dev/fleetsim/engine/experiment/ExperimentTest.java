package dev.fleetsim.engine.experiment;

import dev.fleetsim.engine.ExperimentValidation;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.testing.InOrderPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Experiments: the documented expansion order and point ids, every bad axis value named by its
 * axis and the scenario's own path, results by position whatever the thread count, and a sweep
 * cancelled mid-way that resumes without running its finished points again.
 */
class ExperimentTest {
    private static final Fleetsim FLEETSIM = Fleetsim.builder().policies(InOrderPolicy.REGISTRY).artifacts(List.of())
            .build();

    /** 20 four-GPU jobs on two 8-GPU nodes, two minutes apart. */
    private static final String SCENARIO = String.join("\n",
            "name: tiny",
            "simulation: {seed: 1}",
            "cluster:",
            "  nodeGroups: [{name: h, gpuType: H100-SXM, count: 2, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}]",
            "workload:",
            "  generators:",
            "    - name: g",
            "      count: 20",
            "      meanInterarrival: 2 min",
            "      tenants: [a, b]",
            "      mix:",
            "        - {name: four, weight: 1, iterations: {min: 200, max: 2000},",
            "           job: {model: gpt-1.3b, precision: bf16, globalBatch: 16, parallelism: {dp: 4}}}",
            "policy: {name: in-order}",
            "");

    private static String experiment(String axes) {
        return "name: grid\nscenario:\n" + SCENARIO.indent(2) + axes;
    }

    private static ExperimentPlan plan(String axes) throws Exception {
        return FLEETSIM.validateExperiment(experiment(axes), "grid.yaml", Path.of(".")).orThrow();
    }

    private static List<Problem> problems(String axes) {
        ExperimentValidation v = FLEETSIM.validateExperiment(experiment(axes), "grid.yaml", Path.of("."));
        assertFalse(v.valid(), "expected problems");
        return v.problems();
    }

    @Test
    void theExpansionIsTheDocumentedCartesianProductWithValueNamedIds() throws Exception {
        ExperimentPlan p = plan("axes:\n  nodes: [1, 2]\n  workload.generators[0].count: [10, 20, 30]\nseeds: 1..2\n");
        // first axis outermost, seed innermost: index = (nodes × 3 + count) × 2 + seed
        assertEquals(2 * 3 * 2, p.points().size());
        assertEquals(List.of("nodes", "count", "seed"), p.axisNames());
        assertEquals("nodes=1,count=10,seed=1", p.points().get(0).id());
        assertEquals("nodes=1,count=10,seed=2", p.points().get(1).id());
        assertEquals("nodes=1,count=20,seed=1", p.points().get(2).id());
        assertEquals("nodes=2,count=30,seed=2", p.points().get(11).id());
        Point last = p.points().get(11);
        assertEquals(2, p.scenario(last).cluster().nodeGroups().get(0).count());
        assertEquals(30, p.scenario(last).workload().generators().get(0).count());
        assertEquals(2L, p.scenario(last).simulation().seed());
        // the same experiment, the same ids and fingerprints; another value, another fingerprint
        ExperimentPlan again = plan("axes:\n  nodes: [1, 2]\n  workload.generators[0].count: [10, 20, 30]\nseeds: 1..2\n");
        assertEquals(p.fingerprint(last), again.fingerprint(again.points().get(11)));
        assertFalse(p.fingerprint(last).equals(p.fingerprint(p.points().get(10))));
        // adding a value keeps the other points' ids
        ExperimentPlan more = plan("axes:\n  nodes: [1, 2, 3]\n  workload.generators[0].count: [10, 20, 30]\nseeds: 1..2\n");
        assertTrue(more.points().stream().anyMatch(q -> q.id().equals(last.id())
                && more.fingerprint(q).equals(p.fingerprint(last))));
    }

    @Test
    void badAxesAreNamedByAxisValueAndTheScenariosOwnPath() {
        List<Problem> typo = problems("axes:\n  cluster.nodeGroups[0].cout: [2]\n");
        assertEquals("axes.cluster.nodeGroups[0].cout[0] = 2: cluster.nodeGroups[0].cout", typo.get(0).path());
        assertTrue(typo.get(0).allowed().contains("did you mean count?"), typo.get(0).toString());

        List<Problem> range = problems("axes:\n  nodes: [2, 0]\n");
        assertEquals("axes.nodes[1] = 0: cluster.nodeGroups[0].count", range.get(0).path());

        List<Problem> missing = problems("axes:\n  workload.generators[3].count: [5]\n");
        assertEquals("axes.workload.generators[3].count[0]", missing.get(0).path());
        assertTrue(missing.get(0).allowed().contains("the scenario has 1 item in workload.generators"), missing.toString());

        List<Problem> unknown = problems("axes:\n  nodez: [2]\n");
        assertEquals("axes.nodez", unknown.get(0).path());
        assertEquals("a named axis (policy, placement, seed, gpuType, nodes, oversubscription), a scenario path such as"
                + " workload.generators[0].count, or NAME: {path, values} (did you mean nodes?)", unknown.get(0).allowed(),
                "the axes listed once, the closest last");

        List<Problem> policy = problems("axes:\n  policy: [in-order, lottery]\n");
        assertTrue(policy.get(0).path().startsWith("axes.policy[1] (lottery)"), policy.toString());

        List<Problem> twice = problems("axes:\n  nodes: [2, 2]\n");
        assertTrue(twice.get(0).found().contains("twice"), twice.toString());
        assertTrue(problems("axes:\n  nodes: [1]\nseeds: 1..2\nfoo: 1\n").stream().anyMatch(q -> q.path().equals("foo")));
    }

    @Test
    void resultsDoNotDependOnTheThreadCountAndACancelledSweepResumes(@TempDir Path tmp) throws Exception {
        ExperimentPlan p = plan("axes:\n  nodes: [1, 2]\n  workload.generators[0].count: [6, 12]\nseeds: 1..3\n");
        Path serial = tmp.resolve("serial");
        SweepResult one = FLEETSIM.sweep(p, serial, 1, SweepObserver.NONE);
        assertEquals(0, one.reused());
        FLEETSIM.writeSweep(one, serial, false, () -> false);

        // four threads, cancelled once three points are done
        Path resumed = tmp.resolve("resumed");
        AtomicInteger done = new AtomicInteger();
        SweepObserver stopAfterThree = new SweepObserver() {
            @Override
            public void pointDone(int index, boolean reused) {
                done.incrementAndGet();
            }

            @Override
            public boolean cancelled() {
                return done.get() >= 3;
            }
        };
        assertThrows(RunCancelledException.class, () -> FLEETSIM.sweep(p, resumed, 4, stopAfterThree));
        long finished;
        try (Stream<Path> points = Files.list(resumed.resolve(SweepPoints.POINTS))) {
            List<Path> all = points.toList();
            assertTrue(all.stream().noneMatch(d -> d.getFileName().toString().startsWith(".")), "no half-written point");
            finished = all.stream().filter(d -> Files.exists(d.resolve(ResultWriter.SUMMARY))).count();
        }
        assertTrue(finished >= 3 && finished < p.points().size(), finished + " points finished");
        assertFalse(Files.exists(resumed.resolve(Sweeps.DONE)), "an interrupted sweep does not look complete");

        SweepResult again = FLEETSIM.sweep(p, resumed, 4, SweepObserver.NONE);
        assertEquals(finished, again.reused(), "finished points are read, not run again");
        FLEETSIM.writeSweep(again, resumed, false, () -> false);
        for (String f : List.of(SweepCsv.POINTS, SweepCsv.SUMMARY)) {
            assertArrayEquals(Files.readAllBytes(serial.resolve(f)), Files.readAllBytes(resumed.resolve(f)), f);
        }
        // a point folder of another experiment (another fingerprint) is run again, not trusted
        Point first = p.points().get(0);
        Path folder = SweepPoints.folder(resumed, first);
        String json = Files.readString(folder.resolve(SweepPoints.POINT));
        Files.writeString(folder.resolve(SweepPoints.POINT), json.replace(p.fingerprint(first), "0".repeat(64)));
        assertEquals(p.points().size() - 1, FLEETSIM.sweep(p, resumed, 2, SweepObserver.NONE).reused());
        assertEquals(json, Files.readString(folder.resolve(SweepPoints.POINT)));
    }
}
