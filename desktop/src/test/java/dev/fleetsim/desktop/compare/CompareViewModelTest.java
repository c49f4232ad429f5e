package dev.fleetsim.desktop.compare;

import dev.fleetsim.desktop.DesktopSession;
import dev.fleetsim.desktop.TestFiles;
import dev.fleetsim.desktop.Threads;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.metrics.SummaryMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compare screen's model: policies × seeds through the façade, the table with CIs, the CDFs. */
class CompareViewModelTest {
    private static final Fleetsim FLEETSIM = Fleetsim.create();

    @Test
    void seedsAreARangeOrAList() {
        assertEquals(List.of(1L, 2L, 3L), CompareViewModel.parseSeeds("1..3"));
        assertEquals(List.of(1L, 5L, 7L), CompareViewModel.parseSeeds("1, 5,7"));
        assertThrows(IllegalArgumentException.class, () -> CompareViewModel.parseSeeds("3..1"));
        assertThrows(IllegalArgumentException.class, () -> CompareViewModel.parseSeeds(""));
        assertEquals(List.of("fifo", "las:spread"), CompareViewModel.parsePolicies(" fifo ,las:spread,"));
    }

    @Test
    void twoPoliciesOverTwoSeedsGiveTheTableWithIntervalsAndTheCdfs(@TempDir Path dir) throws Exception {
        DesktopSession session = new DesktopSession();
        session.scenario().set(FLEETSIM.validate(TestFiles.SMALL, "small.yaml").orThrow());
        CompareViewModel vm = new CompareViewModel(FLEETSIM, Threads.direct(), session);
        vm.policies().set("fifo, backfill");
        vm.seeds().set("1..2");
        vm.threads().set(2);
        CountDownLatch done = new CountDownLatch(1);
        vm.running().addListener((o, a, b) -> {
            if (!b) {
                done.countDown();
            }
        });
        vm.start();
        assertTrue(done.await(120, TimeUnit.SECONDS));

        ComparisonResult r = vm.result().get();
        assertNotNull(r, vm.status().get());
        assertEquals(List.of("fifo", "backfill"), r.policies());
        int tenantRows = r.tenants().size() > 1 ? r.tenants().size() * SummaryMetric.TENANT.size() : 0;
        assertEquals(SummaryMetric.ALL.size() + tenantRows, vm.rows().size(), "every metric, then each tenant's");
        assertEquals(List.of("metric", "fifo", "backfill"), vm.columns().get().stream().map(c -> c.title()).toList());
        CompareRow jct = vm.rows().get(0);
        assertEquals("mean JCT", jct.label());
        assertEquals(r.estimate("fifo", SummaryMetric.ALL.get(0)), jct.estimates().get(0), "the engine's estimate, not another");
        assertTrue(vm.columns().get().get(1).text().apply(jct).contains(" – "), "two seeds: an interval");
        if (tenantRows > 0) {
            CompareRow t = vm.rows().get(SummaryMetric.ALL.size());
            String tenant = r.tenants().get(0);
            assertEquals(tenant + ": " + SummaryMetric.TENANT.get(0).label(), t.label());
            assertEquals(r.estimate("backfill", tenant, SummaryMetric.TENANT.get(0)), t.estimates().get(1));
        }
        assertNotNull(vm.jctCdf().get());
        assertNotNull(vm.waitCdf().get());

        Path csv = dir.resolve("table.csv");
        vm.exportTable(csv);
        assertTrue(Files.readString(csv).startsWith("metric,fifo,backfill\nmean JCT,"), Files.readString(csv));
        vm.saveFolder(dir.resolve("cmp"));
        assertTrue(Files.isRegularFile(dir.resolve("cmp").resolve("compare-summary.csv")));
    }

    @Test
    void anUnknownPolicyIsSaidBeforeAnythingRuns() throws Exception {
        DesktopSession session = new DesktopSession();
        session.scenario().set(FLEETSIM.validate(TestFiles.SMALL, "small.yaml").orThrow());
        CompareViewModel vm = new CompareViewModel(FLEETSIM, Threads.direct(), session);
        vm.policies().set("fifo, nosuch");
        vm.start();
        assertTrue(vm.status().get().contains("nosuch"), vm.status().get());
        assertEquals(false, vm.running().get());
    }
}
