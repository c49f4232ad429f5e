package dev.fleetsim.engine;

import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.observe.JobEvent;
import dev.fleetsim.engine.observe.RunProgress;
import dev.fleetsim.engine.observe.SampleRate;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.observe.SimulationSample;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.testing.InOrderPolicy;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.JobTemplateSpec;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path the desktop app and the planner take: a scenario built in code, run through the
 * façade with an observer, samples and job events received live, a result, and a complete
 * folder written with the artifacts a front end contributes.
 */
class FleetsimApiTest {
    private static final long S = 1_000_000_000L;

    /** A chart writer stand-in: one text file per run, found by the façade like the real ones. */
    private static final ResultArtifacts NOTE = new ResultArtifacts() {
        @Override
        public String name() {
            return "note";
        }

        @Override
        public Map<String, AtomicFiles.Content> forRun(RunResult result) {
            byte[] text = ("jobs " + result.jobs().size() + "\n").getBytes(StandardCharsets.UTF_8);
            return Map.of("note.txt", out -> out.write(text));
        }

        @Override
        public Map<String, AtomicFiles.Content> forComparison(ComparisonResult result) {
            return Map.of("note.txt", out -> out.write("comparison\n".getBytes(StandardCharsets.UTF_8)));
        }
    };

    private static final Fleetsim FLEETSIM = Fleetsim.builder().policies(InOrderPolicy.REGISTRY)
            .artifacts(List.of(NOTE)).build();

    /** 40 small jobs on 2 nodes of 8 H100s, arriving about every two minutes. */
    private static ScenarioSpec spec() {
        TrainingJobSpec proto = Scenarios.dataParallelJob("p", ModelCatalog.find("gpt-1.3b").orElseThrow(), 4, 16, 1, 0, "x");
        GeneratorSpec g = new GeneratorSpec("g", 40, 0, 120 * S, List.of(new JobTemplateSpec("four", 1, proto, 200, 2000)),
                List.of("a", "b"));
        return Scenarios.of("api", 5, Scenarios.homogeneous("H100-SXM", 2, 8, Scenarios.DEFAULT_FABRIC), List.of(),
                List.of(g), new PolicySpec("in-order", Map.of()));
    }

    /** Keeps everything it is sent. */
    private static final class Recorder implements SimulationObserver {
        final List<SimulationSample> samples = new ArrayList<>();
        final List<JobEvent> events = new ArrayList<>();
        final List<RunProgress> progress = new ArrayList<>();
        final SampleRate rate;

        Recorder(SampleRate rate) {
            this.rate = rate;
        }

        @Override
        public SampleRate sampleRate() {
            return rate;
        }

        @Override
        public void sample(SimulationSample sample) {
            samples.add(sample);
        }

        @Override
        public void jobEvent(JobEvent event) {
            events.add(event);
        }

        @Override
        public void progress(RunProgress p) {
            progress.add(p);
        }
    }

    @Test
    void aSpecBuiltInCodeRunsWithAnObserverAndWritesAFolder(@TempDir Path dir) throws Exception {
        Recorder watcher = new Recorder(SampleRate.everySimulated(600 * S));
        RunResult result = FLEETSIM.run(spec(), watcher);

        assertEquals(40, result.summary().counts().finished());
        // samples: in time order, at most one per 10 simulated minutes, the last at the end of the run
        long endNs = (long) (result.summary().times().makespanS() * 1e9);
        assertTrue(watcher.samples.size() >= 3, "samples: " + watcher.samples.size());
        assertTrue(watcher.samples.size() <= endNs / (600 * S) + 2, "samples: " + watcher.samples.size());
        for (int i = 1; i < watcher.samples.size(); i++) {
            long gap = watcher.samples.get(i).timeNs() - watcher.samples.get(i - 1).timeNs();
            assertTrue(gap >= 600 * S || i == watcher.samples.size() - 1, "gap " + gap);
        }
        SimulationSample last = watcher.samples.get(watcher.samples.size() - 1);
        assertEquals(endNs, last.timeNs(), 1);
        assertEquals(0, last.runningJobs());
        // the cumulative cost of the last sample is the run's total cost
        assertEquals(result.summary().cost().totalCostUsd(), last.cumulativeCostUsd(), 1e-6 * result.summary().cost().totalCostUsd());
        for (SimulationSample s : watcher.samples) {
            assertTrue(s.allocatedGpus() >= 0 && s.allocatedGpus() <= 16 && s.busyGpus() <= s.allocatedGpus() + 1e-9);
        }
        // job events: every job starts once and finishes once, in time order
        Map<String, Integer> starts = new HashMap<>();
        Map<String, Integer> ends = new HashMap<>();
        for (JobEvent e : watcher.events) {
            (e.type() == JobEvent.Type.STARTED ? starts : ends).merge(e.jobId(), 1, Integer::sum);
        }
        assertEquals(40, starts.size());
        assertTrue(starts.values().stream().allMatch(n -> n == 1) && ends.values().stream().allMatch(n -> n == 1));
        assertEquals(1.0, watcher.progress.get(watcher.progress.size() - 1).fraction());

        List<String> files = FLEETSIM.writeResults(result, dir, true);
        assertEquals(List.of("summary.json", "jobs.csv", "timeseries.csv", "scenario.yaml", "note.txt"), files);
        for (String f : files) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertEquals("jobs 40\n", Files.readString(dir.resolve("note.txt")));
        assertEquals(ResultWriter.summaryJson(result.summary()), Files.readString(dir.resolve("summary.json")));
        assertTrue(FLEETSIM.validate(Files.readString(dir.resolve("scenario.yaml")), "scenario.yaml").valid(),
                "the written scenario is itself valid");
    }

    /** Whatever an observer asks for, the results are the same bytes. */
    @Test
    void observersNeverChangeResults() throws Exception {
        RunResult plain = FLEETSIM.run(spec(), SimulationObserver.NONE);
        RunResult watched = FLEETSIM.run(spec(), new Recorder(SampleRate.everyChange()));
        RunResult throttled = FLEETSIM.run(spec(), new Recorder(new SampleRate(0, 1)));

        for (RunResult r : List.of(watched, throttled)) {
            assertEquals(ResultWriter.summaryJson(plain.summary()), ResultWriter.summaryJson(r.summary()));
            assertEquals(ResultWriter.jobsCsv(plain.jobs()), ResultWriter.jobsCsv(r.jobs()));
            assertEquals(ResultWriter.timeseriesCsv(plain.timeseries()), ResultWriter.timeseriesCsv(r.timeseries()));
        }
    }

    /** With the flow network, samples carry the loads of the links a running job's collectives use. */
    @Test
    void samplesCarryLinkLoadsWithTheFlowNetwork() {
        TrainingJobSpec wide = Scenarios.dataParallelJob("wide", ModelCatalog.find("gpt-1.3b").orElseThrow(), 16, 64, 200, 0,
                "a");
        ScenarioSpec spec = Scenarios.of("links", 1, Scenarios.homogeneous("H100-SXM", 2, 8, Scenarios.DEFAULT_FABRIC),
                List.of(wide), List.of(), new PolicySpec("in-order", Map.of()));
        Recorder watcher = new Recorder(SampleRate.everyChange());
        RunResult result = FLEETSIM.run(spec, watcher);

        SimulationSample running = watcher.samples.stream().filter(s -> s.runningJobs() == 1).findFirst().orElseThrow();
        assertTrue(!running.links().isEmpty(), "the ring crosses the two nodes' NICs");
        assertTrue(running.links().stream().allMatch(l -> l.utilisation() > 0 && l.utilisation() <= 1 + 1e-9));
        assertTrue(running.links().stream().allMatch(l -> l.name().contains("->")), running.links().get(0).name());
        assertTrue(watcher.samples.get(watcher.samples.size() - 1).links().isEmpty(), "nothing runs at the end");
        assertEquals(result.links().size(), running.links().size(), "the same links carry traffic for the whole run");
    }

    @Test
    void aComparisonFolderGetsItsArtifactsToo(@TempDir Path dir) throws Exception {
        ComparisonResult c = FLEETSIM.compare(spec(), List.of("in-order"), List.of(1L, 2L), 2,
                dev.fleetsim.engine.experiment.SweepObserver.NONE);
        List<String> csvs = List.of("compare.csv", "compare-summary.csv", "compare-tenants.csv", "compare-policies.csv");
        List<String> all = new java.util.ArrayList<>(csvs);
        all.add("note.txt");
        assertEquals(all, FLEETSIM.writeComparison(c, dir, true));
        assertEquals(csvs, FLEETSIM.writeComparison(c, dir.resolve("bare"), false));
    }
}
