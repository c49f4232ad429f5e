package dev.fleetsim.calibration.fit;

import dev.fleetsim.calibration.SyntheticRun;
import dev.fleetsim.calibration.SyntheticTruth;
import dev.fleetsim.calibration.raw.RawReader;
import dev.fleetsim.engine.hardware.GemmCurve;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fp8 curve from both accumulation modes: SYNTHETIC runs of a truth whose split accumulator
 * costs 1.15× (the shipped Hopper profiles say 1.1) give back the factor over seeds, with its
 * record's residuals; one mode alone keeps 1 and says why; too few compute-bound pairs are refused.
 */
class SplitAccumulationFitTest {

    @TempDir
    Path dir;

    private static final String FP8_PATH = "gemm.fp8." + SplitAccumulationFitter.PARAMETER;

    /** The fp8, memory and launch units of a synthetic run, the fp8 lines filtered by {@code keep}. */
    private Path run(long seed, boolean quick, Predicate<String> keep) throws IOException {
        Path all = dir.resolve("all-" + seed);
        SyntheticRun.write(all, SyntheticTruth.h100(), seed, quick);
        Path out = Files.createDirectories(dir.resolve("run-" + seed));
        for (String unit : List.of("memory", "launch")) {
            Files.copy(all.resolve(unit + ".jsonl"), out.resolve(unit + ".jsonl"));
        }
        List<String> lines = Files.readAllLines(all.resolve("gemm-fp8.jsonl")).stream()
                .filter(l -> !l.contains("\"kind\":\"gemm\"") || keep.test(l)).toList();
        Files.write(out.resolve("gemm-fp8.jsonl"), lines);
        return out;
    }

    private static ProfileFitter.Calibration fit(Path raw, List<String> keep) {
        return ProfileFitter.fit(RawReader.read(List.of(raw)), new ProfileFitter.Options(Optional.empty(), keep));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void recoversTheSplitFactorAndTheFastCurve(long seed) throws IOException {
        ProfileFitter.Calibration cal = fit(run(seed, false, l -> true), List.of());
        GemmCurve truth = SyntheticTruth.h100().gemm().get(Precision.FP8);
        GemmCurve f = cal.profile().gemm().get(Precision.FP8);
        // about 60 compute-bound pairs at 2 % noise each way: the median's error is about 0.5 %
        assertEquals(truth.splitAccumulation(), f.splitAccumulation(), 0.02 * truth.splitAccumulation(), "seed " + seed);
        assertEquals(truth.maxEfficiency(), f.maxEfficiency(), 0.02 * truth.maxEfficiency(), "the curve is the fast rate");
        FittedCurve record = cal.curves().stream().filter(c -> c.path().equals(FP8_PATH)).findFirst().orElseThrow();
        if (Boolean.getBoolean("fleetsim.printFitRecovery")) {
            System.out.printf(java.util.Locale.ROOT, "SYNTHETIC split accumulation, full grid, seed %d: truth %.4f, fitted %.4f +- %.4f over %d"
                            + " split points, rms %.4f, rejected %d%n", seed, truth.splitAccumulation(), f.splitAccumulation(),
                    record.parameters().get(0).standardError(), record.stats().points(), record.stats().rmsRelativeResidual(),
                    record.stats().rejected().size());
        }
        assertTrue(record.stats().points() > 50, record.toString());
        assertTrue(record.stats().rmsRelativeResidual() < 0.05, "split-mode residuals: " + record.stats());
        assertTrue(cal.profile().fit().containsKey(FP8_PATH), cal.profile().fit().keySet().toString());
    }

    @Test
    void rawFilesWithoutTheFastModeKeepTheFactorAtOneAndSaySo() throws IOException {
        // raw files from before both modes were timed: fp8 lines without "accumulation" (the split accumulator)
        Path raw = run(7, true, l -> !l.contains("\"accumulation\":\"fast\""));
        List<String> text = Files.readAllLines(raw.resolve("gemm-fp8.jsonl")).stream()
                .map(l -> l.replace(",\"accumulation\":\"split\"", "")).toList();
        Files.write(raw.resolve("gemm-fp8.jsonl"), text);
        ProfileFitter.Calibration cal = fit(raw, List.of());
        HardwareProfile p = cal.profile();
        assertEquals(1.0, p.gemm().get(Precision.FP8).splitAccumulation());
        assertTrue(cal.notes().stream().anyMatch(n -> n.startsWith(FP8_PATH + ": 1, only the split-accumulator")), cal.notes().toString());
        assertTrue(cal.curves().stream().noneMatch(c -> c.path().equals(FP8_PATH)));
    }

    @Test
    void onlyTheFastModeKeepsOneAndSaysSo() throws IOException {
        ProfileFitter.Calibration cal = fit(run(8, true, l -> !l.contains("\"accumulation\":\"split\"")), List.of());
        assertEquals(1.0, cal.profile().gemm().get(Precision.FP8).splitAccumulation());
        assertTrue(cal.notes().stream().anyMatch(n -> n.startsWith(FP8_PATH + ": 1, only the fast-accumulation")), cal.notes().toString());
    }

    @Test
    void keepDefaultKeepsTheShippedFactorOnTheFittedCurve() throws IOException {
        ProfileFitter.Calibration cal = fit(run(9, true, l -> true), List.of(FP8_PATH));
        assertEquals(1.1, cal.profile().gemm().get(Precision.FP8).splitAccumulation(), 1e-12);
        assertTrue(cal.profile().gemm().get(Precision.FP8).source().startsWith("fitted"), "the curve itself is fitted");
    }

    @Test
    void tooFewComputeBoundPairsAreRefused() throws IOException {
        // the split twins of the skinny decode shapes only: memory-bound, they say nothing about the factor
        Path raw = run(10, false, l -> !l.contains("\"accumulation\":\"split\"") || l.contains("\"m\":16,"));
        UnidentifiableException e = assertThrows(UnidentifiableException.class, () -> fit(raw, List.of()));
        assertEquals("gemm.fp8", e.curve());
        assertTrue(e.getMessage().contains("splitAccumulation needs at least 3 compute-bound GEMM shapes"), e.getMessage());
    }
}
