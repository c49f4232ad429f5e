package dev.fleetsim.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Ctrl-C as a user gives it: a real SIGINT to a child JVM running the command, while it still
 * reads its scenario, while it simulates and while it writes results; and a sweep and a plan in the
 * middle of their simulations. Each exits 130 and says what it left: a run "cancelled: nothing was
 * written", with no file and no temporary folder behind and a previous run's folder exactly as it
 * was; a sweep its finished points and how to resume, with no sweep.csv or sweep.json that would
 * make the folder look complete; a plan no folder at all. The child's stdout is a pipe, so it also
 * shows the progress line off a terminal. The slow test providers are slow only until Ctrl-C has
 * come ({@link CtrlCSeen}): each test waits for the real cancel, not for 4096 slowed events
 * (the engine's cancellation check) as it did (15-20 s a test under load). Two tests go through the
 * {@code fleetsim} launcher script, over a jar of their own: a Ctrl-C while the JVM still boots (before
 * the hook is in) is said by the script, and one the hook sees is said once.
 */
class InterruptTest {
    private static Path services;

    @BeforeAll
    static void registerTestProviders(@TempDir Path tmp) throws IOException {
        assumeTrue(File.separatorChar == '/' && (Files.isExecutable(Path.of("/bin/kill"))
                        || Files.isExecutable(Path.of("/usr/bin/kill"))),
                "sending SIGINT needs a POSIX kill");
        services = tmp.resolve("services");
        Path dir = services.resolve("META-INF/services");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("dev.fleetsim.engine.scheduling.PolicyProvider"), SlowTestPolicy.class.getName() + "\n");
        Files.writeString(dir.resolve("dev.fleetsim.engine.ResultArtifacts"), SlowArtifacts.class.getName() + "\n");
    }

    /** The command in a child JVM with the test providers on its class path; output to files. */
    private static Process start(Path work, List<String> properties, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 only and the serial collector: a child that starts in less CPU on a loaded machine; the signal path is the same
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path") + File.pathSeparator + services));
        cmd.addAll(properties);
        cmd.add(Launcher.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(work.resolve("out.txt").toFile())
                .redirectError(work.resolve("err.txt").toFile());
        pb.environment().put("FLEETSIM_PROGRESS_EVERY_S", "0.2");
        return pb.start();
    }

    private static void interruptWhen(Process p, Path marker) throws Exception {
        interruptWhen(p, marker, Long.toString(p.pid()));
    }

    /** Ctrl-C as a terminal gives it: to the whole process group (a launcher script and its JVM). */
    private static void interruptGroupWhen(Process p, Path marker) throws Exception {
        interruptWhen(p, marker, "-" + p.pid());
    }

    /** Sends SIGINT to {@code target} (a pid, or minus a process group's id) once {@code marker} exists. */
    private static void interruptWhen(Process p, Path marker, String target) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(marker)) {
            assertTrue(p.isAlive(), "the command ended before it was interrupted");
            assertTrue(System.nanoTime() < deadline, "the command never got there");
            Thread.sleep(20);
        }
        Thread.sleep(300);
        Process kill = new ProcessBuilder("kill", "-INT", "--", target).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command stops after Ctrl-C");
    }

    private static void assertNothingLeftBeside(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out.getParent())) {
            List<String> left = s.map(q -> q.getFileName().toString()).filter(n -> n.startsWith("." + out.getFileName()))
                    .toList();
            assertEquals(List.of(), left, "no temporary folder left behind");
        }
    }

    /** The quickstart under the slow test policy: 20 ms a round, so a run lasts long enough to interrupt. */
    private static Path slowQuickstart(Path work) throws IOException {
        Path scenario = work.resolve("slow.yaml");
        String quickstart = Files.readString(TestPaths.scenarios().resolve("quickstart.yaml"));
        Files.writeString(scenario, quickstart.replaceFirst("(?m)^policy:\\n  name: fifo", "policy:\n  name: test-slow"));
        assertTrue(Files.readString(scenario).contains("name: test-slow"), "the policy was replaced");
        return scenario;
    }

    private static String cancelled(Process p, Path work) throws IOException {
        String err = Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(130, p.exitValue(), err);
        assertFalse(err.contains("internal error") || err.contains("Exception") || err.contains("Shutdown in progress"), err);
        return err;
    }

    @Test
    void ctrlCWhileTheScenarioIsStillBeingReadSaysNothingWasWritten(@TempDir Path work) throws Exception {
        // was: silent (exit 130, not a word) when Ctrl-C came in the first seconds, before the run began
        Path out = work.resolve("runs").resolve("q");
        Path validating = work.resolve("validating");
        Process p = start(work, List.of("-Dfleetsim.test.validating=" + validating), "run", slowQuickstart(work).toString(),
                "--out", out.toString());
        interruptWhen(p, validating);
        String err = cancelled(p, work);
        assertTrue(err.contains("cancelled: nothing was written"), err);
        assertFalse(Files.exists(work.resolve("runs")), "no results folder");
    }

    @Test
    void ctrlCDuringASweepKeepsFinishedPointsButNothingThatLooksComplete(@TempDir Path work) throws Exception {
        Path scenario = slowQuickstart(work);
        Path experiment = work.resolve("grid.yaml");
        Files.writeString(experiment, "name: grid\nscenario: " + scenario.getFileName() + "\naxes:\n  nodes: [12, 16]\n"
                + "seeds: 1..2\n");
        Path out = work.resolve("grid");
        Path running = work.resolve("running");
        Process p = start(work, List.of("-Dfleetsim.test.running=" + running), "sweep", experiment.toString(),
                "--out", out.toString(), "--threads", "1");
        interruptWhen(p, running);
        String err = cancelled(p, work);
        assertTrue(java.util.regex.Pattern.compile("cancelled: [0-3] of 4 points are finished in "
                + java.util.regex.Pattern.quote(out.resolve("points").toString())).matcher(err).find(), err);
        assertTrue(err.contains("run the same command again to resume them"), err);
        for (String complete : List.of("sweep.json", "sweep.csv", "sweep-summary.csv")) {
            assertFalse(Files.exists(out.resolve(complete)), complete + " is written only when every point is");
        }
    }

    @Test
    void ctrlCDuringAPlanWritesNoFolder(@TempDir Path work) throws Exception {
        Path scenario = slowQuickstart(work);
        Path plan = work.resolve("plan.yaml");
        Files.writeString(plan, "name: p\nscenario: " + scenario.getFileName() + "\ngroup: h100\n"
                + "options: [{name: h, gpuType: H100-SXM, purchase: on-demand}]\nnodes: {min: 10, max: 14}\n"
                + "constraints: {p95Wait: 1 h}\nseeds: {screen: [1], confirm: [1]}\n");
        Path out = work.resolve("p");
        Path running = work.resolve("running");
        Process p = start(work, List.of("-Dfleetsim.test.running=" + running), "plan", plan.toString(),
                "--out", out.toString(), "--threads", "1");
        interruptWhen(p, running);
        String err = cancelled(p, work);
        assertTrue(err.contains("cancelled: nothing was written (a plan's folder is written whole at the end)"), err);
        assertFalse(Files.exists(out), "no plan folder");
        assertNothingLeftBeside(out);
    }

    @Test
    void ctrlCWhileSimulatingWritesNothingAndSaysSo(@TempDir Path work) throws Exception {
        Path out = work.resolve("runs").resolve("q");
        Path running = work.resolve("running");
        Path scenario = slowQuickstart(work);
        Process p = start(work, List.of("-Dfleetsim.test.running=" + running), "run", scenario.toString(),
                "--out", out.toString());
        interruptWhen(p, running);
        String err = Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(130, p.exitValue(), err);
        assertTrue(err.contains("cancelled: nothing was written"), err);
        assertFalse(err.contains("internal error") || err.contains("Exception"), err);
        assertTrue(err.contains("progress: "), "a progress line off a terminal: " + err);
        assertFalse(Files.exists(out), "no results folder");
        assertFalse(Files.exists(work.resolve("runs")), "not even an empty runs/");
    }

    @Test
    void ctrlCWhileWritingLeavesTheOldRunAsItWas(@TempDir Path work) throws Exception {
        Path out = work.resolve("q");
        // a tenth of the quickstart's generated jobs: the child simulates it whole before it writes
        Path small = work.resolve("small.yaml");
        Files.writeString(small, Files.readString(TestPaths.scenarios().resolve("quickstart.yaml"))
                .replaceFirst("count: 300", "count: 30"));
        CliRunner.Outcome first = CliRunner.fleetsim("run", small.toString(), "--out", out.toString(), "--quiet", "--no-charts");
        assertEquals(0, first.exit(), first.err());
        byte[] summary = Files.readAllBytes(out.resolve("summary.json"));
        Path writing = work.resolve("writing");
        Process p = start(work, List.of("-Dfleetsim.test.writing=" + writing), "run", small.toString(),
                "--out", out.toString(), "--seed", "9");
        interruptWhen(p, writing);
        String err = Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(130, p.exitValue(), err);
        assertTrue(err.contains("cancelled: nothing was written"), err);
        assertFalse(err.contains("internal error") || err.contains("Shutdown in progress"), err);
        assertArrayEquals(summary, Files.readAllBytes(out.resolve("summary.json")), "the old run is untouched");
        assertFalse(Files.exists(out.resolve("slow-1.txt")), "no file of the cancelled run");
        assertNothingLeftBeside(out);
    }

    /** A jar's entry point that never installs the Ctrl-C hook: a JVM still booting, for as long as a test needs. */
    public static final class StillBooting {
        private StillBooting() {
        }

        public static void main(String[] args) throws Exception {
            Files.createFile(Path.of(System.getProperty("fleetsim.test.booting")));
            Thread.sleep(60_000);
        }
    }

    /**
     * The repository's {@code fleetsim} script in a folder of its own, over a jar whose entry point is
     * {@code main} (its class path the test's, so that {@link Launcher} finds the command line); no module
     * sources beside it, so the script never builds, and no class-data archive.
     */
    private static ProcessBuilder launcher(Path work, Class<?> main, String javaOpts, String... args) throws IOException {
        Path root = work.resolve("checkout");
        Path script = root.resolve("fleetsim");
        Files.createDirectories(root.resolve("cli/target"));
        Files.copy(TestPaths.root().resolve("fleetsim"), script);
        assertTrue(script.toFile().setExecutable(true));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Stream.of((System.getProperty("java.class.path")
                + File.pathSeparator + services).split(File.pathSeparator))
                .map(e -> Path.of(e).toUri().toString()).collect(Collectors.joining(" ")));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(root.resolve("cli/target/fleetsim.jar")), manifest)) {
            String entry = main.getName().replace('.', '/') + ".class";
            jar.putNextEntry(new JarEntry(entry));
            try (var in = main.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(jar);
            }
        }
        List<String> cmd = new ArrayList<>(List.of("setsid", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(work.resolve("out.txt").toFile())
                .redirectError(work.resolve("err.txt").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("FLEETSIM_CDS", "off");
        pb.environment().put("TMPDIR", work.toString());
        pb.environment().put("FLEETSIM_JAVA_OPTS", javaOpts + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        return pb;
    }

    /** Runs {@code scenario} through the launcher, Ctrl-C once {@code marker} exists; checks the exit, that no folder and no mark are left. */
    private static String cancelledThroughTheLauncher(Path work, Class<?> main, String property, Path marker,
                                                      Path scenario) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid")), "needs setsid");
        Path out = work.resolve("runs").resolve("q");
        Process p = launcher(work, main, "-D" + property + "=" + marker, "run", scenario.toString(), "--out",
                out.toString()).start();
        interruptGroupWhen(p, marker);
        String err = cancelled(p, work);
        assertFalse(Files.exists(work.resolve("runs")), "no results folder");
        assertFalse(Files.exists(work.resolve("fleetsim-interrupt-" + p.pid())), "no mark left");
        return err;
    }

    @Test
    void ctrlCWhileTheJvmStillBootsIsSaidByTheLauncher(@TempDir Path work) throws Exception {
        // was: silent (exit 130, not a word) when Ctrl-C came before the JVM had installed its hook
        String err = cancelledThroughTheLauncher(work, StillBooting.class, "fleetsim.test.booting", work.resolve("booting"),
                TestPaths.scenarios().resolve("quickstart.yaml"));
        assertEquals("cancelled: nothing was written\n", err);
    }

    @Test
    void ctrlCThatTheJvmSeesIsSaidOnceThroughTheLauncher(@TempDir Path work) throws Exception {
        String err = cancelledThroughTheLauncher(work, Launcher.class, "fleetsim.test.validating",
                work.resolve("validating"), slowQuickstart(work));
        assertEquals(1, err.split("cancelled: nothing was written", -1).length - 1, err);
    }
}
