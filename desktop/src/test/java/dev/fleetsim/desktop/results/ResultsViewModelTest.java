package dev.fleetsim.desktop.results;

import dev.fleetsim.desktop.DesktopSession;
import dev.fleetsim.desktop.Formats;
import dev.fleetsim.desktop.TestFiles;
import dev.fleetsim.desktop.Threads;
import dev.fleetsim.desktop.run.LiveRun;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.Csv;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The results screen's model without JavaFX: cards, filters, a job's detail, charts, CSV, folders. */
class ResultsViewModelTest {
    private static final Fleetsim FLEETSIM = Fleetsim.create();
    private static LoadedRun live;

    @BeforeAll
    static void run() throws Exception {
        ScenarioSpec spec = FLEETSIM.validate(TestFiles.SMALL, "small.yaml").orThrow();
        LiveRun observer = new LiveRun();
        RunResult r = FLEETSIM.run(spec, observer);
        live = Loading.fromLive(FLEETSIM, r, observer.events(), "run of small.yaml");
    }

    private static ResultsViewModel shown(DesktopSession session) {
        ResultsViewModel vm = new ResultsViewModel(FLEETSIM, Threads.direct(), session);
        session.run().set(live);
        return vm;
    }

    @Test
    void aRunShowsItsCardsJobsAndEveryChart() {
        ResultsViewModel vm = shown(new DesktopSession());

        assertEquals(List.of("Jobs", "Makespan", "Mean wait", "Mean JCT", "Utilisation", "Cost", "Tenants"),
                vm.cards().stream().map(Card::title).toList());
        assertEquals("31", vm.cards().get(0).value());
        assertEquals(31, vm.visibleJobs().size());
        assertEquals(List.of("all", "infra", "product", "research"), vm.tenants());
        for (String name : vm.charts().names()) {
            if (!ResultChartSet.SERVING.contains(name)) {
                assertNotNull(vm.charts().chart(name).get(), name);
            }
        }
        assertTrue(vm.services().isEmpty(), "no deployments");
        assertFalse(vm.servingCharts().get());
        assertTrue(vm.live().get(), "a run of this session can be saved");
        assertFalse(vm.explains().get(), "fifo explains nothing");
        assertTrue(vm.explanation().get().contains("optaplanner"));
    }

    @Test
    void theFiltersNarrowTheTable() {
        ResultsViewModel vm = shown(new DesktopSession());
        vm.tenantFilter().set("infra");
        assertTrue(vm.visibleJobs().stream().allMatch(j -> j.tenant().equals("infra")));
        int infra = vm.visibleJobs().size();
        assertTrue(infra > 0 && infra < 31);
        vm.tenantFilter().set("all");
        vm.filterText().set("big");
        assertEquals(List.of("big"), vm.visibleJobs().stream().map(JobRecord::id).toList());
        vm.filterText().set("n1[");
        assertTrue(vm.visibleJobs().stream().allMatch(j -> j.placement().contains("n1[")));
        vm.filterText().set("");
        vm.stateFilter().set("QUEUED");
        assertEquals(0, vm.visibleJobs().size());
    }

    @Test
    void aSelectedJobShowsItsTimelineAndPlacement() {
        ResultsViewModel vm = shown(new DesktopSession());
        JobRecord big = vm.visibleJobs().stream().filter(j -> j.id().equals("big")).findFirst().orElseThrow();
        vm.selected().set(big);

        String d = vm.jobDetail().get();
        assertTrue(d.startsWith("big  (tenant research, FINISHED)\n16 GPUs of H100-SXM: n0-n1[0-7]"), d);
        assertTrue(d.contains("started      0 s on n0-n1[0-7], for "), d);
        assertNotNull(vm.charts().gantt().get());
    }

    @Test
    void aServingRunShowsItsDeploymentsSloAttainmentAndTheReportsServingCharts(@TempDir Path dir) throws Exception {
        ScenarioSpec spec = FLEETSIM.validate(TestFiles.SERVING, "serving-small.yaml").orThrow();
        LiveRun observer = new LiveRun();
        RunResult r = FLEETSIM.run(spec, observer);
        DesktopSession session = new DesktopSession();
        ResultsViewModel vm = new ResultsViewModel(FLEETSIM, Threads.direct(), session);
        session.run().set(Loading.fromLive(FLEETSIM, r, observer.events(), "run of serving-small.yaml"));

        assertEquals(r.summary().services(), List.copyOf(vm.services()), "the summary's deployments, as they are");
        assertEquals("chat", vm.services().get(0).name());
        // a serving-only run has replicas, not jobs: no card says "jobs" for them
        assertEquals(List.of("Serving replicas", "Makespan", "Replica lifetime", "Utilisation", "Cost", "Tenants"),
                vm.cards().stream().map(Card::title).toList());
        assertEquals("1", vm.cards().get(0).value());
        assertTrue(vm.services().get(0).requests().finished() > 0);
        assertTrue(vm.servingCharts().get());
        for (String name : ResultChartSet.SERVING) {
            assertNotNull(vm.charts().chart(name).get(), name);
        }
        Path csv = dir.resolve("services.csv");
        vm.exportServices(csv);
        List<String[]> rows = Csv.parse(Files.readString(csv));
        assertEquals("name", rows.get(0)[0]);
        assertEquals("chat", rows.get(1)[0]);
        int slo = List.of(rows.get(0)).indexOf("slo_attainment");
        assertEquals(r.summary().services().get(0).slo().attainment(), Double.parseDouble(rows.get(1)[slo]), 1e-4);

        // the same run saved and opened from disk: the same deployments and the same charts, from serving.csv and latency-cdf.csv
        Path folder = dir.resolve("serving-run");
        vm.saveFolder(folder);
        vm.openFolder(folder);
        assertEquals(folder, session.run().get().folder().orElseThrow(), vm.status().get());
        assertEquals(r.summary().services(), List.copyOf(vm.services()));
        assertTrue(vm.servingCharts().get(), "a folder's serving files give the serving charts");
        assertTrue(vm.servingNote().get().contains("read from the folder's serving.csv"), vm.servingNote().get());
        for (String name : ResultChartSet.SERVING) {
            assertNotNull(vm.charts().chart(name).get(), name);
        }
        var latency = vm.charts().chart(ResultChartSet.SERVING_LATENCY).get().getXYPlot().getDataset();
        assertEquals(r.services().get(0).e2eCdf().length, latency.getItemCount(0), "the run's own E2E CDF points");
    }

    @Test
    void aMixedRunsJobCardsCountItsJobsAndItsReplicasHaveACardOfTheirOwn() throws Exception {
        String mixed = TestFiles.SERVING.replace("workload:\n", "workload:\n  jobs:\n"
                + "    - {id: train, model: gpt-1.3b, precision: bf16, globalBatch: 8, parallelism: {dp: 4}, iterations: 200}\n");
        ScenarioSpec spec = FLEETSIM.validate(mixed, "mixed-small.yaml").orThrow();
        LiveRun observer = new LiveRun();
        RunResult r = FLEETSIM.run(spec, observer);
        DesktopSession session = new DesktopSession();
        ResultsViewModel vm = new ResultsViewModel(FLEETSIM, Threads.direct(), session);
        session.run().set(Loading.fromLive(FLEETSIM, r, observer.events(), "run of mixed-small.yaml"));

        assertEquals(List.of("Jobs", "Serving replicas", "Makespan", "Mean wait", "Mean JCT", "Utilisation", "Cost", "Tenants"),
                vm.cards().stream().map(Card::title).toList());
        assertEquals("1", vm.cards().get(0).value(), "one training job; the replica is not one");
        assertEquals("1", vm.cards().get(1).value());
        JobRecord train = r.jobs().stream().filter(j -> j.id().equals("train")).findFirst().orElseThrow();
        assertEquals(Formats.duration(train.jctNs().getAsLong() / 1e9), vm.cards().get(4).value(),
                "the mean JCT is the training job's, not the replica's lifetime beside it");
    }

    @Test
    void placementsReadAndWriteAsTheEngineWritesThem() {
        GpuIndex gpus = live.gpus();
        for (JobRecord j : live.result().jobs()) {
            if (!j.placement().isEmpty()) {
                int[] ids = gpus.parse(j.placement());
                assertEquals(j.gpus(), ids.length, j.id() + " " + j.placement());
                assertEquals(j.placement(), gpus.describe(ids), "the engine's text, node runs merged");
            }
        }
    }

    @Test
    void theTableIsExportedAsShown(@TempDir Path dir) throws Exception {
        ResultsViewModel vm = shown(new DesktopSession());
        List<JobRecord> byGpusDown = vm.visibleJobs().stream().sorted(Comparator.comparingInt(JobRecord::gpus).reversed()).toList();
        Path csv = dir.resolve("jobs.csv");
        vm.exportJobs(csv, byGpusDown);

        List<String[]> rows = Csv.parse(Files.readString(csv));
        assertEquals("id", rows.get(0)[0]);
        assertEquals(JobColumns.ALL.size(), rows.get(0).length);
        assertEquals(32, rows.size());
        assertEquals("big", rows.get(1)[0], "the 16-GPU job first, as shown");
        assertEquals("16", rows.get(1)[3]);
        assertTrue(vm.status().get().startsWith("wrote 31 jobs"));
    }

    @Test
    void aSavedRunOpensAgainFromItsFolder(@TempDir Path dir) {
        DesktopSession session = new DesktopSession();
        ResultsViewModel vm = shown(session);
        Path folder = dir.resolve("small");
        vm.saveFolder(folder);
        assertTrue(Files.isRegularFile(folder.resolve("summary.json")), vm.status().get());
        assertFalse(vm.live().get());

        vm.openFolder(folder);
        LoadedRun opened = session.run().get();
        assertEquals(folder, opened.folder().orElseThrow());
        assertFalse(opened.exactSegments());
        assertEquals(live.result().summary(), opened.result().summary());
        assertEquals(live.segments().size(), opened.segments().size(), "no preemptions: one segment a job either way");
        vm.openFolder(dir.resolve("nothing-here"));
        assertTrue(vm.status().get().startsWith("cannot open"), vm.status().get());
    }

    @Test
    void nodeUsageIsTheShareOfEachNodesGpuTimeSegmentsCover() {
        GpuIndex gpus = live.gpus();
        // a 4-GPU job on node 0 for the first half of the span, then all 8 GPUs of node 1 for a quarter
        List<Segment> segments = List.of(new Segment("a", "t", new int[] {0, 1, 2, 3}, 0, 500),
                new Segment("b", "t", new int[] {8, 9, 10, 11, 12, 13, 14, 15}, 250, 500));
        NodeUsage u = NodeUsage.of(segments, gpus, 1000, 4);
        assertEquals(250.0, u.binNs());
        assertEquals(List.of(0.5, 0.5, 0.0, 0.0), List.of(u.share()[0][0], u.share()[0][1], u.share()[0][2], u.share()[0][3]));
        assertEquals(List.of(0.0, 1.0, 0.0, 0.0), List.of(u.share()[1][0], u.share()[1][1], u.share()[1][2], u.share()[1][3]));
        assertEquals("n0[0-3] n1[0-7]", gpus.describe(new int[] {0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15}));
        assertEquals(List.of(8, 10, 11, 12), java.util.Arrays.stream(gpus.parse("n1[0,2-4]")).boxed().toList());
    }
}
