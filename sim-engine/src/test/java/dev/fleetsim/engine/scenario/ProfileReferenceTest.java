package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.ProfileWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.fleetsim.engine.scenario.ScenarioTexts.ALWAYS_FITS;
import static dev.fleetsim.engine.scenario.ScenarioTexts.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code hardware.<type>.profile} naming a file (what {@code calibrate fit} writes): the entry
 * costs with exactly that profile, its summary GEMM and memory efficiencies follow the profile,
 * and the resolved scenario reads back to the same GPU entry, so a resolved run re-runs alike;
 * once the file changes, the resolved scenario's hash refuses it.
 */
class ProfileReferenceTest {

    @TempDir
    Path dir;

    /** A profile unlike the shipped H100's (a slower machine), as a calibration would give. */
    private Path measured() throws Exception {
        HardwareProfile shipped = HardwareCatalog.defaults().get("H100-SXM").profile();
        Path file = dir.resolve("profiles/measured.yaml");
        Files.createDirectories(file.getParent());
        ProfileWriter.write(shipped.withGemmScaled(0.9).withMemoryScaled(0.95), file);
        return file;
    }

    private ScenarioSpec loadFile(String name, String text) throws Exception {
        Path scenario = dir.resolve(name);
        Files.writeString(scenario, text);
        return new ScenarioLoader().load(scenario, ALWAYS_FITS);
    }

    @Test
    void aNamedProfileIsUsedAsIsAndItsResolvedScenarioReadsBackAlike() throws Exception {
        Path file = measured();
        HardwareProfile named = dev.fleetsim.engine.hardware.ProfileReader.read(file);
        ScenarioSpec spec = loadFile("s.yaml", MINIMAL + "hardware: {H100-SXM: {profile: profiles/measured.yaml}}\n");
        GpuSpec h100 = spec.hardware().get("H100-SXM");
        assertEquals(named, h100.profile());
        assertEquals(named.largeGemmEfficiency(h100.peakDenseTflops(), h100.hbmBandwidthBytesPerS()), h100.efficiency().matmul(),
                "the summary efficiency is the profile's, not the catalogue's");
        assertEquals(named.memory().copy(), h100.efficiency().memory());

        String resolved = new ScenarioWriter().write(spec);
        ScenarioSpec again = loadFile("resolved.yaml", resolved);
        assertEquals(h100, again.hardware().get("H100-SXM"), resolved);
        assertEquals(spec, again, resolved);
    }

    @Test
    void efficiencyGivenBesideAProfileScalesItAndStillReadsBack() throws Exception {
        measured();
        ScenarioSpec spec = loadFile("s.yaml", MINIMAL
                + "hardware: {H100-SXM: {profile: profiles/measured.yaml, efficiency: {matmul: 0.6, memory: 0.8}}}\n");
        GpuSpec h100 = spec.hardware().get("H100-SXM");
        assertEquals(0.6, h100.profile().largeGemmEfficiency(h100.peakDenseTflops(), h100.hbmBandwidthBytesPerS()), 1e-12);
        assertEquals(0.8, h100.profile().memory().copy(), 1e-12);

        String resolved = new ScenarioWriter().write(spec);
        assertEquals(spec, loadFile("resolved.yaml", resolved), resolved);

        // a GEMM-only re-calibration is scaled to the same profile: the same run, accepted
        ProfileWriter.write(HardwareCatalog.defaults().get("H100-SXM").profile().withGemmScaled(0.8), dir.resolve("profiles/measured.yaml"));
        assertEquals(spec, loadFile("resolved.yaml", resolved));
        // a machine whose other curves moved: the resolved scenario no longer names the profile it ran with
        ProfileWriter.write(HardwareCatalog.defaults().get("H200").profile().forGpuType("H100-SXM"), dir.resolve("profiles/measured.yaml"));
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> loadFile("resolved.yaml", resolved));
        assertEquals("hardware.H100-SXM.profile.hash", e.problems().get(0).path(), e.getMessage());
        assertEquals(1, e.problems().size(), e.getMessage());
    }

    @Test
    void aProfileOfAnotherGpuIsRefusedWithTheTypeItDescribes() throws Exception {
        measured(); // gpuType: H100-SXM
        String scenario = MINIMAL.replace("gpuType: H100-SXM", "gpuType: H200")
                + "hardware: {H200: {profile: profiles/measured.yaml}}\n";
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> loadFile("s.yaml", scenario));

        assertEquals(1, e.problems().size(), e.getMessage());
        Problem p = e.problems().get(0);
        assertEquals("hardware.H200.profile", p.path());
        assertEquals("\"profiles/measured.yaml\", a profile of \"H100-SXM\" (its gpuType)", p.found());
        assertEquals("a profile of the GPU type it is attached to, H200: set the file's gpuType if it was measured on"
                + " H200, or attach it to H100-SXM", p.allowed());
        // the map form too; the shipped and inline forms re-type curves on purpose
        ScenarioException map = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> loadFile("s.yaml", scenario.replace("profile: profiles/measured.yaml", "profile: {file: profiles/measured.yaml}")));
        assertEquals("hardware.H200.profile.file", map.problems().get(0).path(), map.getMessage());
        assertEquals("H200", loadFile("s.yaml", scenario.replace("profile: profiles/measured.yaml", "profile: {shipped: H100-SXM}"))
                .hardware().get("H200").profile().gpuType());
    }

    @Test
    void aTypeBasedOnAnotherTakesAProfileOfItsBase() throws Exception {
        measured(); // gpuType: H100-SXM, as calibrate fit writes for a re-calibrated H100
        ScenarioSpec spec = loadFile("s.yaml", MINIMAL.replace("gpuType: H100-SXM", "gpuType: my-h100")
                + "hardware: {my-h100: {basedOn: H100-SXM, profile: profiles/measured.yaml}}\n");

        assertEquals(dev.fleetsim.engine.hardware.ProfileReader.read(dir.resolve("profiles/measured.yaml")).forGpuType("my-h100"),
                spec.hardware().get("my-h100").profile(), "the base's measured curves, as the entry's");
    }
}
