package dev.fleetsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fleetsim.calibration.fit.ProfileFiles;
import dev.fleetsim.calibration.run.GpuPresence;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.MemoryCurve;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.hardware.ProfileReader;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fleetsim calibrate} end to end on the checked-in SYNTHETIC quick run, as a user goes:
 * fit, report (charts and summary), drift checks, then a scenario file that names the fitted
 * profile ({@code hardware: {H100-SXM: {profile: profiles/my-h100.yaml}}}) run by
 * {@code fleetsim run}, its resolved scenario recording the profile's identity and hash.
 */
class CalibrateCommandTest {

    @TempDir
    Path tmp;

    private static Path fixture() {
        return TestPaths.root().resolve("calibration/fixtures/synthetic-h100-quick");
    }

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void fitReportDiffAndSimulateWithTheProfile() throws Exception {
        Path profile = tmp.resolve("h100.yaml");
        CliRunner.Outcome fit = CliRunner.fleetsim("calibrate", "fit", fixture().toString(), "--out", profile.toString());
        assertEquals(0, fit.exit(), fit.err());
        assertTrue(fit.out().contains("SYNTHETIC test data"), fit.out());
        assertTrue(fit.out().contains("gemm.bf16"), fit.out());
        assertTrue(fit.out().contains("rejected as outliers:"), fit.out());
        assertTrue(fit.out().contains("links.nvlinkPeer 3->5 512 MiB (p2p.jsonl:106)"), "the degraded pair is rejected: " + fit.out());
        HardwareProfile p = ProfileReader.read(profile);
        assertEquals("calibration", p.identity().source());
        assertTrue(p.identity().notes().orElse("").startsWith("SYNTHETIC"));
        assertEquals(21, p.fit().size());
        // fp8 timed with fast accumulation and without: the fast curve and the split factor (truth 1.15, quick grid)
        assertEquals(1.15, p.gemm(Precision.FP8).splitAccumulation(), 0.03);
        assertTrue(fit.out().contains("gemm.fp8.splitAccumulation"), fit.out());
        assertTrue(p.fit().get("gemm.bf16").r2() > 0.99);

        Path report = tmp.resolve("report");
        CliRunner.Outcome rep = CliRunner.fleetsim("calibrate", "report", profile.toString(), "--raw", fixture().toString(),
                "--out", report.toString());
        assertEquals(0, rep.exit(), rep.err());
        for (String png : new String[] {"gemm-bf16.png", "gemm-fp8.png", "attention-flash3-bf16.png", "attention-unfused-bf16.png",
                "memory.png", "links.png", "collectives.png"}) {
            byte[] bytes = Files.readAllBytes(report.resolve(png));
            assertTrue(bytes.length > 20_000, png + " is " + bytes.length + " bytes");
            byte[] head = new byte[4];
            System.arraycopy(bytes, 0, head, 0, 4);
            assertArrayEquals(PNG_MAGIC, head, png);
        }
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("**SYNTHETIC DATA.**"), md);
        assertTrue(md.contains("| bf16 GEMM 8192^3, TFLOP/s |"), md);
        assertTrue(md.contains("| fp8 GEMM 8192^3 fast accumulation, TFLOP/s |") && md.contains("| fp8 GEMM 8192^3 split accumulation, TFLOP/s |"), md);
        assertTrue(md.contains("## Rejected measurements"), md);
        assertTrue(md.contains("| 3 |") && md.contains("**"), "the degraded pair is bold in the p2p matrix: " + md);

        // drift: a profile against itself, against the raw run it came from, and against a slower machine
        CliRunner.Outcome same = CliRunner.fleetsim("calibrate", "diff", profile.toString(), profile.toString());
        assertEquals(0, same.exit(), same.out() + same.err());
        assertTrue(same.out().contains("0 of 22 curves moved more than 5.0 %"), same.out());
        assertTrue(same.out().contains("split-accumulator time factor"), same.out());
        CliRunner.Outcome raw = CliRunner.fleetsim("calibrate", "diff", profile.toString(), fixture().toString());
        assertEquals(0, raw.exit(), raw.out() + raw.err());
        MemoryCurve m = p.memory();
        HardwareProfile slower = new HardwareProfile(p.gpuType(), p.identity(), p.gemm(), p.attention(),
                new MemoryCurve(m.copy() * 0.85, m.read(), m.write(), m.triad(), m.elementwise(), m.reduction(), m.source()),
                p.links(), p.collectives(), p.launchLatencyNs(), p.fit());
        Path slow = tmp.resolve("slower.yaml");
        ProfileFiles.write(slower, slow);
        CliRunner.Outcome drift = CliRunner.fleetsim("calibrate", "diff", profile.toString(), slow.toString());
        assertEquals(1, drift.exit(), drift.out() + drift.err());
        assertTrue(drift.out().lines().anyMatch(l -> l.startsWith("memory.copy") && l.endsWith("DRIFT")), drift.out());
        assertTrue(drift.out().lines().noneMatch(l -> l.startsWith("links.") && l.endsWith("DRIFT")), drift.out());
        // a slower split accumulator alone (the fast curve unchanged) is drift of gemm.fp8.splitAccumulation only
        java.util.Map<Precision, dev.fleetsim.engine.hardware.GemmCurve> gemm = new java.util.EnumMap<>(p.gemm());
        gemm.put(Precision.FP8, gemm.get(Precision.FP8).withSplitAccumulation(1.4));
        Path split = tmp.resolve("split.yaml");
        ProfileFiles.write(new HardwareProfile(p.gpuType(), p.identity(), gemm, p.attention(), p.memory(), p.links(), p.collectives(),
                p.launchLatencyNs(), p.fit()), split);
        CliRunner.Outcome splitDrift = CliRunner.fleetsim("calibrate", "diff", profile.toString(), split.toString());
        assertEquals(1, splitDrift.exit(), splitDrift.out() + splitDrift.err());
        assertTrue(splitDrift.out().lines().anyMatch(l -> l.startsWith("gemm.fp8.splitAccumulation") && l.endsWith("DRIFT")), splitDrift.out());
        assertTrue(splitDrift.out().lines().noneMatch(l -> l.startsWith("gemm.fp8 ") && l.endsWith("DRIFT")), splitDrift.out());

        // what a user does next: a scenario file naming the profile, run by `fleetsim run`
        Path profiles = Files.createDirectory(tmp.resolve("profiles"));
        Path named = profiles.resolve("my-h100.yaml");
        Files.copy(profile, named);
        String job = String.join("\n",
                "cluster:",
                "  nodeGroups:",
                "    - {name: h100, gpuType: H100-SXM, count: 2, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}",
                "workload:",
                "  jobs:",
                "    - {id: llama, model: llama3-8b, precision: bf16, globalBatch: 64, microBatch: 2,",
                "       parallelism: {tp: 2, pp: 1, dp: 8}, recompute: selective, zeroStage: 1, iterations: 100}",
                "");
        Path scenario = tmp.resolve("calibrated.yaml");
        Files.writeString(scenario, "name: calibrated\nsimulation: {seed: 1, charts: false}\n"
                + "hardware: {H100-SXM: {profile: profiles/my-h100.yaml}}\n" + job);
        Path defaults = tmp.resolve("default.yaml");
        Files.writeString(defaults, "name: default\nsimulation: {seed: 1, charts: false}\n" + job);

        Path runDir = tmp.resolve("runs/calibrated");
        CliRunner.Outcome run = CliRunner.fleetsim("run", scenario.toString(), "--out", runDir.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        // the resolved scenario names exactly the profile the run used: its file, who measured it, its hash
        JsonNode resolved = new ObjectMapper(new YAMLFactory()).readTree(runDir.resolve("scenario.yaml").toFile())
                .path("hardware").path("H100-SXM").path("profile");
        assertEquals(named.toAbsolutePath().normalize().toString(), resolved.path("file").asText(), resolved.toString());
        assertEquals(p.contentHash(), resolved.path("hash").asText(), resolved.toString());
        assertEquals("calibration", resolved.path("identity").path("source").asText(), resolved.toString());
        assertEquals(p.identity().device().orElseThrow(), resolved.path("identity").path("device").asText(), resolved.toString());
        assertEquals(p.identity().measuredAt().orElseThrow().toString(), resolved.path("identity").path("measuredAt").asText());
        assertEquals("13.0.2", p.identity().versions().get("cublas"));
        assertEquals(p.identity().versions().get("cublas"), resolved.path("identity").path("versions").path("cublas").asText());

        // the same job runs at another speed with the fitted profile than with the shipped default
        Fleetsim fleetsim = Fleetsim.create();
        ScenarioSpec calibrated = fleetsim.validate(scenario).orThrow();
        GpuSpec h100 = calibrated.hardware().get("H100-SXM");
        assertEquals(p.contentHash(), h100.profile().contentHash());
        assertEquals("file:" + named.toAbsolutePath().normalize(), h100.profileOrigin());
        JobRecord c = fleetsim.run(calibrated, SimulationObserver.NONE).jobs().get(0);
        JobRecord d = fleetsim.run(fleetsim.validate(defaults).orThrow(), SimulationObserver.NONE).jobs().get(0);
        assertEquals("FINISHED", c.state());
        assertTrue(c.iterationTimeS() > 0);
        assertNotEquals(d.iterationTimeS(), c.iterationTimeS(), "the fitted profile changes the step time");
        // and `fleetsim run` recorded that step time (jobs.csv column iteration_time_s)
        List<String> csv = Files.readString(runDir.resolve("jobs.csv")).lines().toList();
        List<String> header = List.of(csv.get(0).split(","));
        String[] row = csv.get(1).split(",");
        assertEquals("llama", row[header.indexOf("id")], csv.get(0));
        assertEquals(String.format(java.util.Locale.ROOT, "%.6f", c.iterationTimeS()), row[header.indexOf("iteration_time_s")], csv.get(0));

        // the resolved scenario runs again to the same results; once the profile changes, it is refused by its hash
        Path again = tmp.resolve("runs/again");
        CliRunner.Outcome rerun = CliRunner.fleetsim("run", runDir.resolve("scenario.yaml").toString(), "--out", again.toString());
        assertEquals(0, rerun.exit(), rerun.out() + rerun.err());
        assertEquals(Files.readString(runDir.resolve("jobs.csv")), Files.readString(again.resolve("jobs.csv")));
        Files.copy(slow, named, StandardCopyOption.REPLACE_EXISTING);
        CliRunner.Outcome changed = CliRunner.fleetsim("run", runDir.resolve("scenario.yaml").toString(), "--out",
                tmp.resolve("runs/changed").toString());
        assertEquals(2, changed.exit(), changed.out() + changed.err());
        assertTrue(changed.err().contains("hardware.H100-SXM.profile.hash") && changed.err().contains("the profile changed"), changed.err());

        // every file calibration wrote has the permissions AtomicFiles gives (the user's umask, once AtomicFiles honours it)
        List<Path> written = new ArrayList<>(List.of(profile, slow));
        try (var files = Files.list(report)) {
            files.forEach(written::add);
        }
        FilePermissionsCheck.sameAsAtomicFiles(tmp, written);
    }

    @Test
    void badInputIsAMessageNotAStackTrace() throws Exception {
        CliRunner.Outcome missing = CliRunner.fleetsim("calibrate", "fit", tmp.resolve("nope").toString(), "--out", tmp.resolve("p.yaml").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope: found no file or folder at " + tmp.resolve("nope").toAbsolutePath()
                + "; expected a raw calibration run: the folder `fleetsim calibrate run` writes (*.jsonl measurement files)"
                + " or one such file"), missing.err());
        assertTrue(!missing.err().contains("Exception"), missing.err());

        // a report folder that is a file is refused before anything is read or drawn
        Path aFile = Files.writeString(tmp.resolve("a-file"), "x");
        CliRunner.Outcome report = CliRunner.fleetsim("calibrate", "report", "no-profile.yaml", "--out", aFile.toString());
        assertEquals(2, report.exit());
        assertTrue(report.err().contains("--out: found \"" + aFile + "\", a file; expected the path of a folder to write"
                + " into"), report.err());

        // one head dimension only: attention's headDimHalf cannot be identified
        Path partial = Files.createDirectory(tmp.resolve("partial"));
        for (Path f : Files.list(fixture()).filter(x -> x.toString().endsWith(".jsonl")).toList()) {
            String text = Files.readString(f);
            if (f.getFileName().toString().equals("attention.jsonl")) {
                text = String.join("\n", text.lines().filter(l -> !l.contains("\"headDim\":64")).toList()) + "\n";
            }
            Files.writeString(partial.resolve(f.getFileName()), text);
        }
        CliRunner.Outcome refused = CliRunner.fleetsim("calibrate", "fit", partial.toString(), "--out", tmp.resolve("p.yaml").toString());
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("attention.flash3.bf16: headDimHalf needs at least 2 head dimensions"), refused.err());
        assertTrue(refused.err().contains("--keep-default attention.flash3.bf16"), refused.err());
        assertTrue(!Files.exists(tmp.resolve("p.yaml")), "nothing is written on a refusal");

        CliRunner.Outcome kept = CliRunner.fleetsim("calibrate", "fit", partial.toString(), "--out", tmp.resolve("p.yaml").toString(),
                "--keep-default", "attention");
        assertEquals(0, kept.exit(), kept.err());

        CliRunner.Outcome nvcc = CliRunner.fleetsim("calibrate", "run", "--nvcc", tmp.resolve("no-nvcc").toString(), "--out",
                tmp.resolve("run").toString());
        assertEquals(2, nvcc.exit());
        assertTrue(nvcc.err().contains("--nvcc " + tmp.resolve("no-nvcc") + ": no executable there"), nvcc.err());

        if (!GpuPresence.present()) {
            // on a machine without a GPU: one clear line, before any nvcc build is started
            Path builds = tmp.resolve("builds");
            CliRunner.Outcome noGpu = CliRunner.fleetsim("calibrate", "run", "--quick", "--out", tmp.resolve("run").toString(),
                    "--build-dir", builds.toString());
            assertEquals(2, noGpu.exit(), noGpu.out() + noGpu.err());
            assertTrue(noGpu.err().startsWith("error: no NVIDIA GPU on this machine"), noGpu.err());
            assertTrue(noGpu.err().contains("run it on a GPU node"), noGpu.err());
            assertTrue(!noGpu.err().contains("Exception") && !noGpu.err().contains("\tat "), noGpu.err());
            assertTrue(!Files.exists(builds), "no build was started");
            assertTrue(!Files.exists(tmp.resolve("run")), "no run folder was made");
        }

        CliRunner.Outcome threshold = CliRunner.fleetsim("calibrate", "diff", "a.yaml", "b.yaml", "--threshold", "lots");
        assertEquals(2, threshold.exit());
        assertTrue(threshold.err().contains("--threshold: found \"lots\""), threshold.err());
        // was "a.yaml: no such profile, raw file or run folder"
        CliRunner.Outcome nothing = CliRunner.fleetsim("calibrate", "diff", "a.yaml", "b.yaml");
        assertEquals(2, nothing.exit());
        assertTrue(nothing.err().startsWith("error: OLD: found \"a.yaml\", which is no file or folder; expected a hardware"
                + " profile"), nothing.err());
    }
}
