package dev.fleetsim.calibration.fit;

import dev.fleetsim.calibration.RepoPaths;
import dev.fleetsim.calibration.raw.DeviceInfo;
import dev.fleetsim.calibration.raw.GemmPoint;
import dev.fleetsim.calibration.raw.Measurement;
import dev.fleetsim.calibration.raw.RawData;
import dev.fleetsim.calibration.raw.RawFile;
import dev.fleetsim.calibration.raw.RawReader;
import dev.fleetsim.calibration.raw.RunIdentity;
import dev.fleetsim.engine.hardware.Precision;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SpreadFitter} on SYNTHETIC per-GPU data (no GPU measured): GPUs whose true rates are
 * evenly spread with a known relative standard deviation, each shape timed with 1 % log-normal
 * noise, over several seeds; the fit recovers the spread and removes the noise, refuses one GPU,
 * and leaves the GEMM curves of the shape grid as they were.
 */
class SpreadFitTest {

    private static final List<long[]> SHAPES = List.of(new long[]{8192, 8192, 8192}, new long[]{4096, 4096, 4096},
            new long[]{8192, 8192, 2048});
    private static final double RATE = 780e12;

    /** 64 GPUs on 8 hosts: the spread within 25 % of the truth on every seed; no spread reads as (almost) none. */
    @Test
    void recoversAKnownSpreadThroughTheNoise() {
        for (double truth : new double[]{0.01, 0.03}) {
            for (long seed = 1; seed <= 5; seed++) {
                SpreadFitter.Result r = SpreadFitter.fit(new RawData(hosts(8, 8, truth, 0.01, seed)));
                assertEquals(64, r.gpus());
                assertEquals(3, r.shapes());
                assertEquals(truth, r.spread(), 0.25 * truth, "seed " + seed + ", truth " + truth);
                assertEquals(0.01, r.noise(), 0.002, "the measurement noise, estimated apart");
            }
        }
        for (long seed = 1; seed <= 5; seed++) {
            assertTrue(SpreadFitter.fit(new RawData(hosts(8, 8, 0, 0.01, seed))).spread() < 0.005,
                    "no spread: what is left is the noise's sampling error, under half the noise");
        }
        // one node of 8 GPUs: a small sample, so a looser bound (the sample deviation of 8 draws)
        for (long seed = 1; seed <= 5; seed++) {
            assertEquals(0.02, SpreadFitter.fit(new RawData(hosts(1, 8, 0.02, 0.005, seed))).spread(), 0.012);
        }
    }

    /** The checked-in per-device fixture (8 GPUs, truth 0.015, 0.5 % noise) read as calibrate fit reads it. */
    @Test
    void theSyntheticDevicesFixture() {
        RawData raw = RawReader.read(List.of(RepoPaths.syntheticFixture().resolveSibling("synthetic-h100-devices")));
        SpreadFitter.Result r = SpreadFitter.fit(raw);
        assertEquals(8, r.gpus());
        assertEquals(0.015, r.spread(), 0.006, "8 GPUs: the sample deviation of 8 draws");
    }

    @Test
    void oneGpuIsRefusedWithWhatToDo() {
        UnidentifiableException e = assertThrows(UnidentifiableException.class,
                () -> SpreadFitter.fit(new RawData(hosts(1, 1, 0.02, 0.01, 1))));
        assertTrue(e.getMessage().startsWith("gemmSpread: the gemm-devices unit measured one GPU only (GPU-h0-0)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--keep-default gemmSpread"), e.getMessage());
    }

    @Test
    void theProfileFitterFillsTheSpreadAndKeepsTheGemmCurve() {
        RawData grid = RawReader.read(List.of(RepoPaths.syntheticFixture()));
        List<RawFile> files = new ArrayList<>(grid.files());
        files.addAll(hosts(1, 8, 0.02, 0.002, 7));
        ProfileFitter.Calibration plain = ProfileFitter.fit(grid, ProfileFitter.Options.defaults());
        ProfileFitter.Calibration withSpread = ProfileFitter.fit(new RawData(files), ProfileFitter.Options.defaults());
        assertEquals(0.0, plain.profile().gemmSpread(), 0.0);
        assertTrue(plain.notes().stream().anyMatch(n -> n.startsWith("gemmSpread: not measured")), plain.notes().toString());
        assertTrue(withSpread.profile().gemmSpread() > 0.005, "fitted: " + withSpread.profile().gemmSpread());
        assertEquals(plain.profile().gemm(), withSpread.profile().gemm(), "the per-device GEMMs are not curve points");
        assertTrue(withSpread.profile().fit().containsKey("gemmSpread"));
        ProfileFitter.Calibration kept = ProfileFitter.fit(new RawData(files),
                new ProfileFitter.Options(Optional.empty(), List.of("gemmSpread")));
        assertEquals(0.0, kept.profile().gemmSpread(), 0.0);
        // one GPU of the per-device unit: refused, not silently 0
        List<RawFile> one = new ArrayList<>(grid.files());
        one.addAll(hosts(1, 1, 0.02, 0.002, 7));
        assertThrows(UnidentifiableException.class, () -> ProfileFitter.fit(new RawData(one), ProfileFitter.Options.defaults()));
    }

    @Test
    void diffFlagsASpreadThatAppearsOrMovesAndTheReportShowsIt() throws Exception {
        var base = dev.fleetsim.engine.hardware.HardwareCatalog.defaults().get("H100-SXM").profile();
        var none = dev.fleetsim.calibration.drift.ProfileDiff.compare(base, base, 0.05, false);
        assertTrue(none.changes().isEmpty(), "no spread on either side: nothing compared");
        var appears = dev.fleetsim.calibration.drift.ProfileDiff.compare(base, base.withGemmSpread(0.01), 0.05, false);
        assertTrue(appears.drift(), appears.toString());
        assertEquals("gemmSpread", appears.drifted().get(0).curve());
        assertEquals(100 * (base.withGemmSpread(0.01).slowestGpuSlowdown(16_384) - 1), appears.drifted().get(0).newValue(), 1e-12);
        var same = dev.fleetsim.calibration.drift.ProfileDiff.compare(base.withGemmSpread(0.01), base.withGemmSpread(0.0102), 0.05, false);
        assertTrue(!same.drift() && same.changes().size() == 1, same.toString());
        assertTrue(dev.fleetsim.calibration.drift.ProfileDiff.compare(base.withGemmSpread(0.01), base.withGemmSpread(0.02), 0.05,
                false).drift(), "a doubled spread");
        // the report: the profile's spread, its cost by job size, and each GPU's rate
        List<RawFile> files = new ArrayList<>(RawReader.read(List.of(RepoPaths.syntheticFixture())).files());
        files.addAll(hosts(1, 8, 0.02, 0.002, 7));
        RawData raw = new RawData(files);
        ProfileFitter.Calibration c = ProfileFitter.fit(raw, ProfileFitter.Options.defaults());
        String md = dev.fleetsim.calibration.report.CalibrationReport.of(c.profile(), Optional.of(raw)).markdown();
        assertTrue(md.contains("## GEMM spread between GPUs") && md.contains(String.format(java.util.Locale.ROOT,
                "`gemmSpread` %.4f", c.profile().gemmSpread())) && md.contains("| GPU-h0-7 |"), md);
    }

    /** {@code hosts} raw files of the per-device unit, {@code gpus} GPUs each. */
    static List<RawFile> hosts(int hosts, int gpus, double spread, double noise, long seed) {
        Random random = new Random(seed);
        List<RawFile> files = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            List<DeviceInfo> devices = new ArrayList<>();
            List<Measurement> points = new ArrayList<>();
            for (int d = 0; d < gpus; d++) {
                devices.add(new DeviceInfo(d, "NVIDIA H100 80GB HBM3", "GPU-h" + h + "-" + d, "0000:" + d, "9.0", 132,
                        OptionalInt.empty(), OptionalInt.empty(), OptionalInt.of(1980), 50L << 20, 80L << 30,
                        OptionalDouble.empty(), OptionalInt.of(18)));
                // an even band of relative width sqrt(12) x spread around the mean: standard deviation `spread`
                double speed = 1 + Math.sqrt(12) * spread * (random.nextDouble() - 0.5);
                for (long[] s : SHAPES) {
                    double seconds = 2.0 * s[0] * s[1] * s[2] / (RATE * speed) * Math.exp(noise * random.nextGaussian());
                    points.add(new GemmPoint("gemm-devices.jsonl:" + (points.size() + 3), d, Precision.BF16, s[0], s[1], s[2],
                            seconds));
                }
            }
            RunIdentity id = new RunIdentity(SpreadFitter.UNIT, "h" + h, Instant.parse("2026-12-01T10:00:00Z"), true,
                    Map.of(), Map.of(), devices, Optional.of("SpreadFitTest"));
            files.add(new RawFile(Path.of("h" + h, "gemm-devices.jsonl"), id, points, List.of(), "ok", 1.0));
        }
        return files;
    }
}
