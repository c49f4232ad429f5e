package dev.fleetsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fleetsim compare} end to end, with FIFO and a test policy found through ServiceLoader. */
class CompareCommandTest {
    private static final Path QUICKSTART = TestPaths.scenarios().resolve("quickstart.yaml");

    private record Outcome(int exit, String out, String err) {
    }

    /** Runs the command with {@link SerialTestPolicy} registered on a class loader of its own. */
    private static Outcome fleetsim(Path services, String... args) throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ClassLoader oldLoader = Thread.currentThread().getContextClassLoader();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path file = services.resolve("META-INF/services/dev.fleetsim.engine.scheduling.PolicyProvider");
        Files.createDirectories(file.getParent());
        Files.writeString(file, SerialTestPolicy.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {services.toUri().toURL()}, oldLoader)) {
            Thread.currentThread().setContextClassLoader(loader);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.execute(args);
            return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            Thread.currentThread().setContextClassLoader(oldLoader);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void comparesPoliciesOverSeedsAndWritesTablesAndCharts(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Outcome o = fleetsim(tmp.resolve("svc"), "compare", QUICKSTART.toString(), "--policies", "fifo,test-serial",
                "--seeds", "1..2,7", "--threads", "2", "--out", a.toString());

        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().startsWith("Scenario quickstart: 2 policies x 3 seeds = 6 runs on 2 threads in "), o.out());
        assertTrue(o.out().contains("fifo") && o.out().contains("test-serial"), o.out());
        for (String label : List.of("mean JCT (", "p95 JCT (", "mean wait (first start) (", "p95 wait (first start) (",
                "mean queueing time (all waiting) (", "mean slowdown (JCT / ideal) (x)", "allocated utilisation (%)",
                "makespan (", "fairness: Jain over tenant slowdowns", "preemptions", "cost (USD)", "per tenant",
                "training tokens per day (B)", // in billions: 11-digit counts made the table 180 characters wide
                "95 % CI: bootstrap percentile", "policies ran with:\n  fifo: placement=first-fit\n  test-serial: defaults")) {
            assertTrue(o.out().contains(label), label + " missing in\n" + o.out());
        }
        List<String> runs = Files.readAllLines(a.resolve("compare.csv"));
        assertEquals(1 + 6, runs.size());
        assertTrue(runs.get(1).startsWith("fifo,1,301,301,0,"), runs.get(1));
        assertTrue(runs.get(6).startsWith("test-serial,7,301,301,0,"), runs.get(6));
        List<String> summary = Files.readAllLines(a.resolve("compare-summary.csv"));
        assertEquals("policy,metric,runs,mean,ci95_low,ci95_high,ci_method", summary.get(0));
        assertTrue(summary.get(1).startsWith("fifo,mean_jct_s,3,"), summary.get(1));
        List<String> tenants = Files.readAllLines(a.resolve("compare-tenants.csv"));
        assertEquals("policy,tenant,metric,runs,mean,ci95_low,ci95_high,ci_method", tenants.get(0));
        assertTrue(tenants.stream().anyMatch(l -> l.startsWith("fifo,research,mean_queueing_s,3,")), tenants.toString());
        assertEquals(List.of("policy,name,parameter,value", "fifo,fifo,placement,first-fit", "test-serial,test-serial,(defaults),"),
                Files.readAllLines(a.resolve("compare-policies.csv")));
        for (String png : List.of("jct-cdf.png", "wait-cdf.png", "queueing-cdf.png")) {
            BufferedImage img = ImageIO.read(a.resolve(png).toFile());
            assertNotNull(img, png);
            assertEquals(1000, img.getWidth());
        }
        try (var files = Files.list(a)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".partial")), "temporary files left behind");
        }

        // one thread, same bytes
        Path b = tmp.resolve("b");
        assertEquals(0, fleetsim(tmp.resolve("svc"), "compare", QUICKSTART.toString(), "--policies", "fifo,test-serial",
                "--seeds", "1..2,7", "--threads", "1", "--out", b.toString(), "--quiet", "--no-charts").exit());
        for (String f : List.of("compare.csv", "compare-summary.csv", "compare-tenants.csv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertFalse(Files.exists(b.resolve("jct-cdf.png")));
    }

    @Test
    void unknownPoliciesAndBadSeedsAreClearErrors(@TempDir Path tmp) throws Exception {
        Outcome unknown = fleetsim(tmp.resolve("svc"), "compare", QUICKSTART.toString(), "--policies", "fifo,lottery",
                "--out", tmp.resolve("x").toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--policies: found unknown policy \"lottery\"; expected one of "), unknown.err());
        assertTrue(unknown.err().contains("fifo") && unknown.err().contains("test-serial"), unknown.err());
        assertFalse(unknown.err().contains("\tat "), "no stack trace");

        for (String seeds : List.of("5..1", "a..b", "1,,2", "1,1")) {
            Outcome bad = fleetsim(tmp.resolve("svc"), "compare", QUICKSTART.toString(), "--policies", "fifo",
                    "--seeds", seeds, "--out", tmp.resolve("y").toString());
            assertEquals(2, bad.exit(), seeds);
            assertTrue(bad.err().contains("--seeds: found "), bad.err());
        }
        assertEquals(2, fleetsim(tmp.resolve("svc"), "compare", QUICKSTART.toString(), "--policies", "fifo,fifo").exit());
        Outcome noPlacement = fleetsim(tmp.resolve("svc"), "compare", QUICKSTART.toString(), "--policies", "fifo,fifo:",
                "--out", tmp.resolve("x").toString());
        assertEquals(2, noPlacement.exit());
        assertTrue(noPlacement.err().contains("--policies: found \"fifo:\"; expected NAME or NAME:PLACEMENT"),
                noPlacement.err());
        Outcome badPlacement = fleetsim(tmp.resolve("svc"), "compare", QUICKSTART.toString(), "--policies",
                "fifo,fifo:diagonal", "--out", tmp.resolve("x").toString());
        assertEquals(2, badPlacement.exit());
        assertTrue(badPlacement.err().contains("policy.params.placement: found \"diagonal\""), badPlacement.err());
        assertFalse(badPlacement.err().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(tmp.resolve("x")), "nothing written on a bad command line");
    }
}
