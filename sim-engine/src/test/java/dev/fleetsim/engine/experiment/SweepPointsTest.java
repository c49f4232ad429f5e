package dev.fleetsim.engine.experiment;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.ResultFolder;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.testing.InOrderPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seam a runner on other machines uses: {@link SweepPoints#render} gives exactly the bytes
 * {@link SweepPoints#compute} writes (summary last), {@link SweepPoints#write} lays them out as
 * the same folder, {@link SweepPoints#finished} sees a point as done only once its folder is
 * there, and a full-output point folder is exactly what {@code fleetsim run} writes for the
 * point's scenario, plus {@code point.json}.
 */
class SweepPointsTest {
    private static final Fleetsim FLEETSIM = Fleetsim.builder().policies(InOrderPolicy.REGISTRY).artifacts(List.of())
            .build();

    /** Eight four-GPU jobs on one or two 8-GPU nodes. */
    private static String experiment(boolean full) {
        return String.join("\n",
                "name: seam",
                "fullOutputs: " + full,
                "scenario:",
                "  name: tiny",
                "  simulation: {seed: 1}",
                "  cluster:",
                "    nodeGroups: [{name: h, gpuType: H100-SXM, count: 2, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}]",
                "  workload:",
                "    generators:",
                "      - name: g",
                "        count: 8",
                "        meanInterarrival: 2 min",
                "        mix:",
                "          - {name: four, weight: 1, iterations: {min: 200, max: 2000},",
                "             job: {model: gpt-1.3b, precision: bf16, globalBatch: 16, parallelism: {dp: 4}}}",
                "  policy: {name: in-order}",
                "axes:",
                "  nodes: [1, 2]",
                "seeds: 1..2",
                "");
    }

    private static ExperimentPlan plan(boolean full) throws Exception {
        return FLEETSIM.validateExperiment(experiment(full), "seam.yaml", Path.of(".")).orThrow();
    }

    @Test
    void renderedPointsAreTheBytesComputeWritesAndWriteLaysThemOutTheSame(@TempDir Path tmp) throws Exception {
        for (boolean full : new boolean[] {false, true}) {
            ExperimentPlan plan = plan(full);
            Path local = tmp.resolve("local-" + full);
            Path remote = tmp.resolve("remote-" + full);
            for (Point p : plan.points()) {
                assertTrue(SweepPoints.finished(plan, p, remote).isEmpty(), "nothing there yet");
                SweepPoints.Outcome o = SweepPoints.compute(plan, p, local, FLEETSIM::run, SimulationObserver.NONE);
                assertFalse(o.reused());

                Map<String, byte[]> files = SweepPoints.render(plan, p, FLEETSIM::run, SimulationObserver.NONE);
                List<String> names = new ArrayList<>(files.keySet());
                assertEquals(SweepPoints.POINT, names.get(0), "point.json first");
                assertEquals(ResultWriter.SUMMARY, names.get(names.size() - 1), "the summary, which marks it done, last");
                if (full) {
                    assertTrue(names.containsAll(List.of(ResultWriter.JOBS, ResultWriter.TIMESERIES, ResultWriter.SCENARIO)),
                            names.toString());
                } else {
                    assertEquals(List.of(SweepPoints.POINT, ResultWriter.SCENARIO, ResultWriter.SUMMARY), names);
                }
                SweepPoints.write(remote, p, files);

                Map<String, byte[]> computed = contents(SweepPoints.folder(local, p));
                Map<String, byte[]> written = contents(SweepPoints.folder(remote, p));
                assertEquals(computed.keySet(), written.keySet());
                computed.forEach((name, bytes) -> assertArrayEquals(bytes, written.get(name), name));
                files.forEach((name, bytes) -> assertArrayEquals(bytes, computed.get(name), name));
                assertTrue(computed.containsKey(ResultFolder.MARKER), "a point folder is marked as ours");

                String summary = ResultWriter.summaryJson(SweepPoints.finished(plan, p, remote).orElseThrow());
                assertEquals(new String(files.get(ResultWriter.SUMMARY), java.nio.charset.StandardCharsets.UTF_8), summary);
                assertTrue(SweepPoints.compute(plan, p, remote, (s, obs) -> {
                    throw new AssertionError("a written point is not run again");
                }, SimulationObserver.NONE).reused());
            }
        }
    }

    @Test
    void aFullOutputPointFolderIsWhatARunWritesPlusItsPointFile(@TempDir Path tmp) throws Exception {
        ExperimentPlan plan = plan(true);
        Point p = plan.points().get(3);
        Map<String, byte[]> files = SweepPoints.render(plan, p, FLEETSIM::run, SimulationObserver.NONE);
        RunResult run = FLEETSIM.run(plan.scenario(p), SimulationObserver.NONE);
        Path dir = tmp.resolve("run");
        FLEETSIM.writeResults(run, dir, false);
        Map<String, byte[]> expected = contents(dir);
        expected.remove(ResultFolder.MARKER);
        Map<String, byte[]> got = new TreeMap<>(files);
        got.remove(SweepPoints.POINT);
        assertEquals(expected.keySet(), got.keySet());
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, got.get(name), name));
    }

    @Test
    void theResolvedExperimentReadsBackToTheSamePointsAndFingerprints() throws Exception {
        // every kind of axis: named paths (nodes, gpuType, oversubscription), a path, a long-form axis, seeds
        String axes = String.join("\n",
                "axes:",
                "  nodes: [1, 2]",
                "  gpuType: [H100-SXM, A100-80GB]",
                "  oversubscription: [1, 2]",
                "  simulation.horizon: [\"2 d\"]",
                "  jobs: {path: \"workload.generators[0].count\", values: [4, 8]}",
                "seeds: [3, 5]",
                "");
        String text = experiment(false).substring(0, experiment(false).indexOf("axes:")) + axes;
        ExperimentPlan plan = FLEETSIM.validateExperiment(text, "seam.yaml", Path.of(".")).orThrow();
        String resolved = FLEETSIM.resolvedExperiment(plan);
        ExperimentPlan again = FLEETSIM.validateExperiment(resolved, Sweeps.EXPERIMENT, Path.of(".")).orThrow();
        assertEquals(resolved, FLEETSIM.resolvedExperiment(again), "a fixed point");
        assertEquals(plan.axisNames(), again.axisNames());
        assertEquals(plan.points(), again.points());
        for (Point p : plan.points()) {
            assertEquals(plan.fingerprint(p), again.fingerprint(p), p.id());
        }
    }

    private static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }
}
