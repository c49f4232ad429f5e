package dev.fleetsim.calibration.run;

import dev.fleetsim.calibration.RepoPaths;
import dev.fleetsim.engine.metrics.AtomicFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner against a fake {@code fleetsim-bench} (a shell script replaying the synthetic
 * fixture): complete files only, resumable, failures and cancels leave nothing that looks done.
 */
@DisabledOnOs(OS.WINDOWS)
class CalibrationRunnerTest {

    @TempDir
    Path tmp;
    Path bench;
    Path calls;
    Path out;

    @BeforeEach
    void fakeBench() throws IOException {
        calls = tmp.resolve("calls.log");
        out = tmp.resolve("run");
        bench = tmp.resolve("fleetsim-bench");
        String fixture = RepoPaths.syntheticFixture().toString();
        Files.writeString(bench, String.join("\n",
                "#!/bin/bash",
                "FIX='" + fixture + "'",
                "cmd=$1; shift",
                "echo \"$cmd $*\" >> '" + calls + "'",
                "case \"$cmd\" in",
                "  identity)",
                "    if [ -f '" + tmp.resolve("nogpu") + "' ]; then echo 'fleetsim-bench: no usable CUDA device: CUDA driver version is insufficient' >&2; exit 4; fi",
                "    head -1 \"$FIX/launch.jsonl\" ;;",
                "  gemm) cat \"$FIX/gemm-$2.jsonl\" ;;",
                "  gemm-devices) cat '" + RepoPaths.syntheticFixture().resolveSibling("synthetic-h100-devices")
                        .resolve("gemm-devices.jsonl") + "' ;;",
                "  nccl)",
                "    if [ -f '" + tmp.resolve("failnccl") + "' ]; then head -5 \"$FIX/nccl.jsonl\"; echo 'fleetsim-bench: ncclCommInitAll failed: boom' >&2; exit 5; fi",
                "    if [ -f '" + tmp.resolve("slownccl") + "' ]; then head -5 \"$FIX/nccl.jsonl\"; sleep 30; fi",
                "    cat \"$FIX/nccl.jsonl\" ;;",
                "  *) cat \"$FIX/$cmd.jsonl\" ;;",
                "esac", ""));
        Files.setPosixFilePermissions(bench, PosixFilePermissions.fromString("rwx------"));
    }

    /** Records what the runner reported; cancels on request once a unit is under way. */
    static final class Listener implements RunListener {
        final List<String> messages = new ArrayList<>();
        final AtomicBoolean cancel = new AtomicBoolean();
        String cancelDuring;

        @Override
        public void message(String text) {
            messages.add(text);
        }

        @Override
        public void unitStarted(String unit, int index, int total, double budgetS) {
            messages.add("start " + unit);
        }

        @Override
        public void progress(String unit, int done, int planned, double elapsedS, double totalElapsedS, double totalBudgetS) {
            if (unit.equals(cancelDuring) && done > 0) {
                cancel.set(true);
            }
        }

        @Override
        public void unitFinished(UnitOutcome outcome) {
        }

        @Override
        public boolean cancelled() {
            return cancel.get();
        }
    }

    private CalibrationRunner runner() {
        return new CalibrationRunner(bench, out, true, 300, CalibrationRunner.units());
    }

    private List<String> calls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    @Test
    void runsEveryUnitThenResumes() throws IOException {
        List<UnitOutcome> first = runner().run(new Listener());
        assertEquals(12, first.size());
        assertTrue(first.stream().allMatch(o -> o.status().equals("ok")), first.toString());
        for (CalibrationRunner.Unit u : CalibrationRunner.units()) {
            assertTrue(Files.exists(out.resolve(u.name() + ".jsonl")), u.name());
            assertFalse(Files.exists(out.resolve(u.name() + ".jsonl.partial")), u.name());
        }
        assertTrue(Files.readString(out.resolve(CalibrationRunner.MANIFEST)).contains("\"status\" : \"ok\""));
        // every raw file and the manifest as AtomicFiles writes them (its rule: the user's umask, not 0600)
        Path probe = tmp.resolve("probe");
        AtomicFiles.writeString(probe, "probe\n");
        String expected = PosixFilePermissions.toString(Files.getPosixFilePermissions(probe));
        try (var files = Files.list(out)) {
            for (Path f : files.filter(f -> !f.toString().endsWith(".log")).toList()) {
                assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
        }
        List<String> c = calls();
        assertTrue(c.contains("gemm --dtype bf16 --quick --budget-s " + c.get(2).replaceAll(".* ", "")), c.toString());
        assertTrue(c.stream().allMatch(l -> l.contains("--quick") && l.contains("--budget-s ")), c.toString());
        // 2 % of the budget goes to launch (share 1 of 100, less a tenth), about 3 s of 300: the floor of 5 s applies
        assertEquals("launch --quick --budget-s 5", c.get(0));

        int before = calls().size();
        List<UnitOutcome> second = runner().run(new Listener());
        assertTrue(second.stream().allMatch(o -> o.status().equals("resumed")), second.toString());
        assertEquals(before, calls().size(), "a second run starts no benchmark");
    }

    @Test
    void aFailedUnitLeavesNoFileAndIsRetriedNextTime() throws IOException {
        Files.createFile(tmp.resolve("failnccl"));
        List<UnitOutcome> first = runner().run(new Listener());
        UnitOutcome nccl = first.get(first.size() - 1);
        assertEquals("failed", nccl.status());
        assertTrue(nccl.message().contains("exit code 5") && nccl.message().contains("boom"), nccl.message());
        assertFalse(Files.exists(out.resolve("nccl.jsonl")));
        assertFalse(Files.exists(out.resolve("nccl.jsonl.partial")));
        assertTrue(first.subList(0, first.size() - 1).stream().allMatch(UnitOutcome::complete));

        Files.delete(tmp.resolve("failnccl"));
        int before = calls().size();
        List<UnitOutcome> second = runner().run(new Listener());
        assertEquals("ok", second.get(second.size() - 1).status());
        assertEquals(before + 1, calls().size(), "only nccl runs again");
    }

    @Test
    void cancelKillsTheRunningUnitAndKeepsTheFinishedOnes() throws IOException {
        Files.createFile(tmp.resolve("slownccl"));
        Listener l = new Listener();
        l.cancelDuring = "nccl";
        long t0 = System.nanoTime();
        List<UnitOutcome> outcomes = runner().run(l);
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "the cancel does not wait for the sleeping benchmark");
        assertEquals("cancelled", outcomes.get(outcomes.size() - 1).status());
        assertFalse(Files.exists(out.resolve("nccl.jsonl")));
        assertFalse(Files.exists(out.resolve("nccl.jsonl.partial")));
        assertTrue(Files.exists(out.resolve("p2p.jsonl")));
    }

    @Test
    void saysSoWhenThereIsNoGpu() throws IOException {
        Files.createFile(tmp.resolve("nogpu"));
        CalibrationException e = assertThrows(CalibrationException.class, () -> runner().probe());
        assertTrue(e.getMessage().startsWith("no usable GPU on this machine: no usable CUDA device: CUDA driver version is insufficient"),
                e.getMessage());
    }

    @Test
    void probeReturnsTheIdentity() {
        assertEquals("NVIDIA H100 80GB HBM3", runner().probe().path("devices").path(0).path("name").asText());
    }
}
