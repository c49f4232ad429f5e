package dev.fleetsim.calibration.fit;

import dev.fleetsim.calibration.RepoPaths;
import dev.fleetsim.calibration.raw.AttentionPoint;
import dev.fleetsim.calibration.raw.GemmPoint;
import dev.fleetsim.calibration.raw.Measurement;
import dev.fleetsim.calibration.raw.P2pPoint;
import dev.fleetsim.calibration.raw.RawData;
import dev.fleetsim.calibration.raw.RawFile;
import dev.fleetsim.calibration.raw.RawReader;
import dev.fleetsim.calibration.raw.RunIdentity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data that cannot identify a parameter is refused with a message that names it and says what to measure. */
class FitRefusalTest {

    /** The synthetic fixture without the measurements {@code drop} matches. */
    private static RawData without(Predicate<Measurement> drop) {
        RawData all = RawReader.read(List.of(RepoPaths.syntheticFixture()));
        List<RawFile> files = new ArrayList<>();
        for (RawFile f : all.files()) {
            files.add(new RawFile(f.path(), f.identity(), f.measurements().stream().filter(drop.negate()).toList(), f.skipped(), f.status(),
                    f.wallS()));
        }
        return new RawData(files);
    }

    @Test
    void theCompleteFixtureFits() {
        ProfileFitter.Calibration c = ProfileFitter.fit(without(m -> false), ProfileFitter.Options.defaults());
        assertEquals(21, c.curves().size(), "20 curves and the fp8 split-accumulator factor");
    }

    @Test
    void refusesAKeepDefaultThatNamesNoCurve() {
        // a typo must not silently fit the curve the user meant to keep
        FitInputException e = assertThrows(FitInputException.class, () -> ProfileFitter.fit(without(m -> false),
                new ProfileFitter.Options(Optional.empty(), List.of("gemm.fp99"))));
        assertTrue(e.getMessage().startsWith("--keep-default: found \"gemm.fp99\"; expected a curve or a prefix"), e.getMessage());
        assertTrue(e.getMessage().contains("gemm.fp32"), e.getMessage());
        // whole paths and segment prefixes are accepted; a prefix that is not a whole segment is not
        ProfileFitter.Calibration kept = ProfileFitter.fit(without(m -> false),
                new ProfileFitter.Options(Optional.empty(), List.of("gemm.fp32", "attention", "collectives.allReduce")));
        assertTrue(kept.curves().stream().noneMatch(c -> c.path().equals("gemm.fp32") || c.path().startsWith("attention.")));
        assertThrows(FitInputException.class, () -> ProfileFitter.fit(without(m -> false),
                new ProfileFitter.Options(Optional.empty(), List.of("gem"))));
    }

    @Test
    void refusesKHalfWithoutAKSweep() {
        // keep only GEMMs with K = 4096: nothing separates the per-tile fixed cost from maxEfficiency
        RawData d = without(m -> m instanceof GemmPoint g && g.k() != 4096);
        UnidentifiableException e = assertThrows(UnidentifiableException.class, () -> ProfileFitter.fit(d, ProfileFitter.Options.defaults()));
        assertEquals("kHalf", e.parameter());
        assertTrue(e.getMessage().startsWith("gemm.fp32: kHalf needs GEMMs of at least 3 different K"), e.getMessage());
    }

    @Test
    void refusesHeadDimHalfWithOneHeadDimension() {
        RawData d = without(m -> m instanceof AttentionPoint a && a.headDim() != 128);
        UnidentifiableException e = assertThrows(UnidentifiableException.class, () -> ProfileFitter.fit(d, ProfileFitter.Options.defaults()));
        assertEquals("attention.flash3.bf16", e.curve());
        assertEquals("headDimHalf", e.parameter());
    }

    @Test
    void refusesTheLatencyOfLinksMeasuredOnlyWithLargeTransfers() {
        RawData d = without(m -> m instanceof P2pPoint p && p.bytes() < (64L << 20));
        UnidentifiableException e = assertThrows(UnidentifiableException.class, () -> ProfileFitter.fit(d, ProfileFitter.Options.defaults()));
        assertEquals("links.nvlinkPeer", e.curve());
        assertEquals("latency", e.parameter());
        assertTrue(e.getMessage().contains("measure small transfers"), e.getMessage());
    }

    @Test
    void keepDefaultSkipsARefusedCurve() {
        RawData d = without(m -> m instanceof AttentionPoint a && a.headDim() != 128);
        ProfileFitter.Calibration c = ProfileFitter.fit(d, new ProfileFitter.Options(Optional.empty(), List.of("attention")));
        assertTrue(c.curves().stream().noneMatch(f -> f.path().startsWith("attention")));
        assertTrue(c.profile().attention().get(dev.fleetsim.engine.hardware.AttentionKernel.FLASH3)
                .get(dev.fleetsim.engine.hardware.Precision.BF16).source().startsWith("default"));
        assertTrue(c.notes().contains("attention.flash3.bf16: kept at the default (--keep-default)"), c.notes().toString());
    }

    @Test
    void asksForTheGpuTypeWhenTheNameDoesNotSay() {
        RawData all = RawReader.read(List.of(RepoPaths.syntheticFixture()));
        List<RawFile> files = new ArrayList<>();
        for (RawFile f : all.files()) {
            RunIdentity id = f.identity();
            List<dev.fleetsim.calibration.raw.DeviceInfo> devs = id.devices().stream().map(x -> new dev.fleetsim.calibration.raw.DeviceInfo(
                    x.index(), "NVIDIA H100 PCIe", x.uuid(), x.pciBusId(), x.computeCapability(), x.smCount(), x.smClockMHz(), x.memClockMHz(),
                    x.maxSmClockMHz(), x.l2Bytes(), x.memoryBytes(), x.powerLimitW(), x.nvlinks())).toList();
            files.add(new RawFile(f.path(), new RunIdentity(id.benchmark(), id.host(), id.measuredAt(), id.quick(), id.versions(),
                    id.missingLibraries(), devs, id.synthetic()), f.measurements(), f.skipped(), f.status(), f.wallS()));
        }
        FitInputException e = assertThrows(FitInputException.class, () -> ProfileFitter.fit(new RawData(files), ProfileFitter.Options.defaults()));
        assertTrue(e.getMessage().startsWith("cannot tell which catalogue GPU type \"NVIDIA H100 PCIe\" is; pass --gpu-type (one of "), e.getMessage());
        ProfileFitter.Calibration c = ProfileFitter.fit(new RawData(files), new ProfileFitter.Options(Optional.of("H100-SXM"), List.of()));
        assertEquals("H100-SXM", c.profile().gpuType());
    }
}
