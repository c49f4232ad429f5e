package dev.fleetsim.engine.hardware;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile document: shipped profiles read, round-trip through YAML and JSON, and bad ones are reported by path. */
class ProfileReaderTest {

    static List<String> shippedTypes() {
        return List.copyOf(HardwareCatalog.defaults().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedTypes")
    void shippedProfileRoundTripsThroughYamlAndJson(String type) throws Exception {
        HardwareProfile p = HardwareCatalog.defaults().get(type).profile();
        assertEquals(type, p.gpuType());
        assertEquals("defaults", p.identity().source());

        String yaml = ProfileWriter.yaml(p);
        HardwareProfile fromYaml = ProfileReader.read(yaml, type + ".yaml");
        HardwareProfile fromJson = ProfileReader.read(ProfileWriter.json(p), type + ".json");

        assertEquals(p, fromYaml);
        assertEquals(p, fromJson);
        assertEquals(yaml, ProfileWriter.yaml(fromYaml), "writing is idempotent");
        assertEquals(p.contentHash(), fromJson.contentHash(), "the hash depends on the numbers, not the file's syntax");
    }

    @Test
    void everyCurveOfAShippedProfileNamesItsSource() {
        for (GpuSpec gpu : HardwareCatalog.defaults().values()) {
            HardwareProfile p = gpu.profile();
            p.gemm().forEach((prec, g) -> assertTrue(!g.source().isBlank(), gpu.name() + " gemm." + prec.key()));
            p.attention().forEach((k, m) -> m.forEach((prec, a) ->
                    assertTrue(!a.source().isBlank(), gpu.name() + " attention." + k.key() + "." + prec.key())));
            assertTrue(!p.memory().source().isBlank(), gpu.name() + " memory");
            p.links().forEach((name, l) -> assertTrue(!l.source().isBlank(), gpu.name() + " links." + name));
        }
    }

    @Test
    void hashChangesWithAnyNumber() throws Exception {
        HardwareProfile p = HardwareCatalog.defaults().get("H100-SXM").profile();
        String changed = ProfileWriter.yaml(p).replaceFirst("maxEfficiency: 0.8448", "maxEfficiency: 0.8449");
        assertNotEquals(p.contentHash(), ProfileReader.read(changed, "x.yaml").contentHash());
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        String text = String.join("\n",
                "format: fleetsim-hardware-profile/2",
                "gpuType: H100-SXM",
                "identity: {source: calibration, smCount: 0, measuredAt: yesterday}",
                "gemm:",
                "  bf16:",
                "    maxEfficiency: 1.3",
                "    splitAccumulation: 0.9",
                "    tiles: [{m: 128, n: 256, k: 64, efficency: 1}]",
                "  bf17: {maxEfficiency: 0.5, tiles: [{m: 1, n: 1, k: 1}]}",
                "attention: {flash3: {bf16: {maxEfficiency: 0.6, seqHalf: -1}}}",
                "memory: {copy: 0.9, elementwise: 0}",
                "links: {nvlinkPeer: {latency: 2, bandwidth: 390 GB/s}}",
                "collectives: {allReduce: {intraNode: {latency: 12 us, busBandwidth: 370 GHz}}}",
                "launchLatency: 4 us",
                "");
        HardwareDocumentException e = assertThrows(HardwareDocumentException.class, () -> ProfileReader.read(text, "bad.yaml"));
        String all = e.problems().stream().map(HardwareProblem::toString).collect(Collectors.joining("\n"));
        assertTrue(all.contains("format: found \"fleetsim-hardware-profile/2\""), all);
        assertTrue(all.contains("identity.smCount: found 0"), all);
        assertTrue(all.contains("identity.measuredAt: found \"yesterday\"; expected an ISO-8601 instant"), all);
        assertTrue(all.contains("gemm.bf16.maxEfficiency: found 1.3; expected a number in (0, 1]"), all);
        assertTrue(all.contains("gemm.bf16.splitAccumulation: found 0.9"), all);
        assertTrue(all.contains("gemm.bf16.tiles[0].efficency: found unknown key \"efficency\"") && all.contains("did you mean efficiency?"), all);
        assertTrue(all.contains("gemm.bf17: found unknown key \"bf17\"") && all.contains("did you mean bf16?"), all);
        assertTrue(all.contains("attention.flash3.bf16.seqHalf: found -1"), all);
        assertTrue(all.contains("memory.elementwise: found 0"), all);
        assertTrue(all.contains("links.nvlinkPeer.latency: found 2 (no unit)"), all);
        assertTrue(all.contains("collectives.allReduce.intraNode.busBandwidth: found \"370 GHz\"; expected a bandwidth"), all);
        assertEquals(11, e.problems().size(), all);
        assertTrue(e.getMessage().startsWith("bad.yaml is not a valid hardware document (11 problems):"), e.getMessage());
    }

    @Test
    void syntaxErrorsAndMissingFilesAreOneProblemEach(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        HardwareDocumentException syntax = assertThrows(HardwareDocumentException.class,
                () -> ProfileReader.read("gemm: [unclosed", "p.yaml"));
        assertEquals(1, syntax.problems().size());
        assertTrue(syntax.problems().get(0).allowed().contains("well-formed YAML"));
        HardwareDocumentException missing = assertThrows(HardwareDocumentException.class,
                () -> ProfileReader.read(dir.resolve("none.yaml")));
        assertTrue(missing.problems().get(0).found().contains("no file at"), missing.problems().get(0).found());
    }

    @Test
    void writesAtomicallyAndReadsBack(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        HardwareProfile p = HardwareCatalog.defaults().get("A100-80GB").profile();
        Path file = dir.resolve("sub/a100.json");
        ProfileWriter.write(p, file);
        assertEquals(p, ProfileReader.read(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void unfusedAttentionHasNoCurveOfItsOwn() {
        String text = ProfileWriter.yaml(HardwareCatalog.defaults().get("H100-SXM").profile())
                .replace("attention:\n", "attention:\n  unfused:\n    bf16: {maxEfficiency: 0.5}\n");
        HardwareDocumentException e = assertThrows(HardwareDocumentException.class, () -> ProfileReader.read(text, "u.yaml"));
        assertTrue(e.problems().get(0).path().equals("attention.unfused"), e.getMessage());
    }

    @Test
    void aBoardPowerOfKilowattsIsAUnitSlipAndSaysWhy() throws Exception {
        String shipped = ProfileWriter.yaml(HardwareCatalog.defaults().get("H100-SXM").profile());
        String text = shipped.replace("identity:\n", "identity:\n  powerLimit: 700 kW\n");
        HardwareDocumentException e = assertThrows(HardwareDocumentException.class, () -> ProfileReader.read(text, "p.yaml"));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("identity.powerLimit: found \"700 kW\"; expected from 1 W to 5 kW: a power such as \"700 W\" or"
                + " \"1.2 kW\" (one GPU draws at most 5 kW: a B200 1 kW, a GB200 superchip of two GPUs and a CPU 2.7 kW)",
                e.problems().get(0).toString());
        assertEquals(700.0, ProfileReader.read(shipped.replace("identity:\n", "identity:\n  powerLimit: 700 W\n"), "p.yaml")
                .identity().powerLimitW().getAsDouble(), "a real board's limit reads");
    }

    @Test
    void anUnknownProfileKeyNamesTheKeyItAbbreviatesOrSpellsOut() {
        String text = ProfileWriter.yaml(HardwareCatalog.defaults().get("H100-SXM").profile())
                .replace("identity:\n", "identity:\n  measured: 2026-12-01T10:00:00Z\n  power_limit: 700 W\n");
        HardwareDocumentException e = assertThrows(HardwareDocumentException.class, () -> ProfileReader.read(text, "p.yaml"));

        assertTrue(e.getMessage().contains("identity.measured: found unknown key \"measured\"")
                && e.getMessage().contains("(did you mean measuredAt?)"), e.getMessage());
        assertTrue(e.getMessage().contains("(did you mean powerLimit?)"), e.getMessage());
    }

    @Test
    void overflowingOrVanishingLinkFiguresAreProblemsNotInternalErrors() throws Exception {
        String shipped;
        try (var in = ProfileReaderTest.class.getResourceAsStream("/dev/fleetsim/engine/hardware/profiles/H100-SXM.yaml")) {
            shipped = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        // was: 1e300 GB/s overflowed to infinity and failed in LinkCurve's constructor (an internal error); the rest ran
        String text = shipped.replace("latency: 1 us, bandwidth: 369 GB/s", "latency: 1 us, bandwidth: 1e300 GB/s")
                .replace("latency: 5 us, bandwidth: 47 GB/s", "latency: 1e30 s, bandwidth: 1e-300 GB/s")
                .replace("launchLatency: 4 us", "launchLatency: 1 s");
        HardwareDocumentException e = assertThrows(HardwareDocumentException.class, () -> ProfileReader.read(text, "p.yaml"));

        List<String> paths = e.problems().stream().map(HardwareProblem::path).toList();
        assertEquals(List.of("links.nvlinkPeer.bandwidth", "links.nic.latency", "links.nic.bandwidth", "launchLatency"), paths,
                e.getMessage());
        assertTrue(e.getMessage().contains("links.nvlinkPeer.bandwidth: found \"1e300 GB/s\"; expected from 1 MB/s to 1000 TB/s:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("launchLatency: found \"1 s\"; expected from 0 s to 1 ms: a duration"), e.getMessage());
        assertEquals(4000, ProfileReader.read(shipped, "p.yaml").launchLatencyNs(), "the shipped figures read");
    }

    /**
     * YAML's {@code .nan} and {@code .inf} (and JSON's {@code NaN}, {@code Infinity}) are numbers: each is reported at its
     * field with what the field allows, as a scenario's reader does, not in Jackson's words for the whole document
     * (was: "(document): found text that does not parse at line 10, column 24 (Malformed numeric value '.nan')").
     */
    @Test
    void notANumberAndInfinitiesAreProblemsAtTheirFields() throws Exception {
        String shipped;
        try (var in = ProfileReaderTest.class.getResourceAsStream("/dev/fleetsim/engine/hardware/profiles/H100-SXM.yaml")) {
            shipped = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String text = shipped.replaceFirst("maxEfficiency: 0.8448", "maxEfficiency: .nan")
                .replace("smCount: 132", "smCount: -.Inf")
                .replace("latency: 5 us, bandwidth: 47 GB/s", "latency: .NaN, bandwidth: 47 GB/s");
        HardwareDocumentException e = assertThrows(HardwareDocumentException.class, () -> ProfileReader.read(text, "p.yaml"));
        String all = e.problems().stream().map(p -> p.path() + ": found " + p.found() + "; expected " + p.allowed())
                .collect(Collectors.joining("\n"));
        assertTrue(all.contains("gemm.bf16.maxEfficiency: found NaN; expected a number in (0, 1]"), all);
        assertTrue(all.contains("identity.smCount: found -Infinity; expected an integer from 1 to"), all);
        assertTrue(all.contains("links.nic.latency: found NaN (no unit); expected"), all);
        assertTrue(all.lines().noneMatch(l -> l.startsWith("(document)")), all);

        HardwareProfile p = HardwareCatalog.defaults().get("H100-SXM").profile();
        String json = ProfileWriter.json(p).replaceFirst("\"maxEfficiency\" ?: ?0.8448", "\"maxEfficiency\" : NaN");
        HardwareDocumentException j = assertThrows(HardwareDocumentException.class, () -> ProfileReader.read(json, "p.json"));
        assertEquals("gemm.bf16.maxEfficiency", j.problems().get(0).path(), j.getMessage());
        assertEquals("NaN", j.problems().get(0).found());
    }
}
