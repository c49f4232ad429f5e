package dev.fleetsim.calibration.fit;

import dev.fleetsim.calibration.RepoPaths;
import dev.fleetsim.calibration.SyntheticRun;
import dev.fleetsim.calibration.SyntheticTruth;
import dev.fleetsim.calibration.raw.RawReader;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.ProfileReader;
import dev.fleetsim.engine.scenario.JobFeasibilityCheck;
import dev.fleetsim.engine.scenario.ScenarioException;
import dev.fleetsim.engine.scenario.ScenarioLoader;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.ScenarioWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code calibrate fit} writes is exactly what the engine reads: {@link ProfileReader} gives
 * back the fitted profile (equal records, equal content hash, the same text when written again),
 * in YAML and in JSON, and a scenario that names the file with {@code hardware.<type>.profile}
 * (a bare path or {@code {file, hash}}) costs with that profile; its resolved form reads back to
 * the same profile and a stale hash is refused.
 */
class ProfileRoundTripTest {

    @TempDir
    Path dir;

    private static final JobFeasibilityCheck NO_FIT_CHECK = (job, gpu) -> List.of();

    private static final String JOB = String.join("\n",
            "cluster:",
            "  nodeGroups:",
            "    - {name: h100, gpuType: H100-SXM, count: 1, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}",
            "workload:",
            "  jobs:",
            "    - {id: j, model: llama3-8b, precision: bf16, globalBatch: 16, microBatch: 2,",
            "       parallelism: {tp: 1, pp: 1, dp: 8}, iterations: 10}",
            "");

    /** The fitted profiles the test checks: the checked-in fixture, one with attention kept at its default, another seed. */
    private List<HardwareProfile> fitted() {
        Path other = dir.resolve("seed-7");
        SyntheticRun.write(other, SyntheticTruth.h100(), 7, true);
        return List.of(
                ProfileFitter.fit(RawReader.read(List.of(RepoPaths.syntheticFixture())), ProfileFitter.Options.defaults()).profile(),
                ProfileFitter.fit(RawReader.read(List.of(RepoPaths.syntheticFixture())),
                        new ProfileFitter.Options(Optional.empty(), List.of("attention"))).profile(),
                ProfileFitter.fit(RawReader.read(List.of(other)), ProfileFitter.Options.defaults()).profile());
    }

    @Test
    void theProfileReaderReadsBackExactlyWhatTheFitWrote() throws Exception {
        int i = 0;
        for (HardwareProfile p : fitted()) {
            for (String ext : List.of("yaml", "json")) {
                Path file = dir.resolve("p" + i++ + "." + ext);
                ProfileFiles.write(p, file);
                HardwareProfile back = ProfileReader.read(file);
                assertEquals(p, back, file.toString());
                assertEquals(p.contentHash(), back.contentHash(), file.toString());
                assertEquals(Files.readString(file), ProfileFiles.text(back, file), "written again, " + file + " is the same text");
            }
        }
    }

    @Test
    void aScenarioNamingTheFileCostsWithThatProfile() throws Exception {
        HardwareProfile p = fitted().get(0);
        Path profiles = Files.createDirectory(dir.resolve("profiles"));
        Path file = profiles.resolve("my-h100.yaml");
        ProfileFiles.write(p, file);
        ScenarioLoader loader = new ScenarioLoader();

        Path bare = dir.resolve("bare.yaml");
        Files.writeString(bare, "name: bare\nhardware: {H100-SXM: {profile: profiles/my-h100.yaml}}\n" + JOB);
        Path withHash = dir.resolve("hashed.yaml");
        Files.writeString(withHash, "name: hashed\nhardware: {H100-SXM: {profile: {file: profiles/my-h100.yaml, hash: \""
                + p.contentHash() + "\"}}}\n" + JOB);
        for (Path scenario : List.of(bare, withHash)) {
            GpuSpec gpu = loader.load(scenario, NO_FIT_CHECK).hardware().get("H100-SXM");
            assertEquals(p, gpu.profile(), scenario.toString());
            assertEquals("file:" + file.toAbsolutePath().normalize(), gpu.profileOrigin());
        }

        // the resolved scenario names the file with its identity and hash, and reads back to the same profile
        ScenarioSpec spec = loader.load(bare, NO_FIT_CHECK);
        String resolved = new ScenarioWriter().write(spec);
        assertTrue(resolved.contains(p.contentHash()), resolved);
        assertTrue(resolved.contains("source: calibration"), resolved);
        assertTrue(resolved.contains(p.identity().device().orElseThrow()), resolved);
        Path again = dir.resolve("resolved.yaml");
        Files.writeString(again, resolved);
        assertEquals(p, loader.load(again, NO_FIT_CHECK).hardware().get("H100-SXM").profile(), resolved);

        // a refit changes the file: the resolved scenario no longer names it and says so
        ProfileFiles.write(fitted().get(2), file);
        ScenarioException stale = assertThrows(ScenarioException.class, () -> loader.load(again, NO_FIT_CHECK));
        assertTrue(stale.getMessage().contains("hardware.H100-SXM.profile.hash"), stale.getMessage());
        assertTrue(stale.getMessage().contains("the profile changed since this scenario was resolved"), stale.getMessage());
    }
}
