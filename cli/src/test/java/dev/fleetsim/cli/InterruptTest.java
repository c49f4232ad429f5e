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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Ctrl-C as a user gives it: a real SIGINT to a child JVM running the command, once while it
 * simulates and once while it writes results. Either way it exits 130, says "cancelled: nothing
 * was written", leaves no file and no temporary folder behind, and a previous run's folder exactly
 * as it was. The child's stdout is a pipe, so it also shows the progress line off a terminal.
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
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path") + File.pathSeparator + services));
        cmd.addAll(properties);
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(work.resolve("out.txt").toFile())
                .redirectError(work.resolve("err.txt").toFile());
        pb.environment().put("FLEETSIM_PROGRESS_EVERY_S", "0.2");
        return pb.start();
    }

    private static void interruptWhen(Process p, Path marker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(marker)) {
            assertTrue(p.isAlive(), "the command ended before it was interrupted");
            assertTrue(System.nanoTime() < deadline, "the command never got there");
            Thread.sleep(20);
        }
        Thread.sleep(300);
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
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

    @Test
    void ctrlCWhileSimulatingWritesNothingAndSaysSo(@TempDir Path work) throws Exception {
        Path out = work.resolve("runs").resolve("q");
        Path running = work.resolve("running");
        // the quickstart under the slow test policy: 20 ms a round, so the run lasts long enough to interrupt
        Path scenario = work.resolve("slow.yaml");
        String quickstart = Files.readString(TestPaths.scenarios().resolve("quickstart.yaml"));
        Files.writeString(scenario, quickstart.replaceFirst("(?m)^policy:\\n  name: fifo", "policy:\n  name: test-slow"));
        assertTrue(Files.readString(scenario).contains("name: test-slow"), "the policy was replaced");
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
        CliRunner.Outcome first = CliRunner.fleetsim("run", TestPaths.scenarios().resolve("quickstart.yaml").toString(),
                "--out", out.toString(), "--quiet", "--no-charts");
        assertEquals(0, first.exit(), first.err());
        byte[] summary = Files.readAllBytes(out.resolve("summary.json"));
        Path writing = work.resolve("writing");
        Process p = start(work, List.of("-Dfleetsim.test.writing=" + writing), "run",
                TestPaths.scenarios().resolve("quickstart.yaml").toString(), "--out", out.toString(), "--seed", "9");
        interruptWhen(p, writing);
        String err = Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(130, p.exitValue(), err);
        assertTrue(err.contains("cancelled: nothing was written"), err);
        assertFalse(err.contains("internal error") || err.contains("Shutdown in progress"), err);
        assertArrayEquals(summary, Files.readAllBytes(out.resolve("summary.json")), "the old run is untouched");
        assertFalse(Files.exists(out.resolve("slow-1.txt")), "no file of the cancelled run");
        assertNothingLeftBeside(out);
    }
}
