package dev.fleetsim.cli;

import dev.fleetsim.engine.hardware.ProfileReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.fleetsim.cli.CliRunner.fleetsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spread of GPU speed end to end, on SYNTHETIC raw runs: {@code calibrate fit} fills the
 * profile's gemmSpread from the per-device unit, {@code calibrate diff} flags it against a profile
 * without one, and an estimate on a GPU type pointed at the profile is slower than on the default
 * (by at most the slowest-of-64 slowdown); the default profile leaves the estimate as it was.
 */
class GpuSpreadCliTest extends BadInputFixture {

    @Test
    void calibrationFillsTheSpreadAndTheEstimateWaitsForTheSlowestGpu() throws Exception {
        Path fixtures = TestPaths.root().resolve("calibration/fixtures");
        Path spread = tmp.resolve("spread.yaml");
        Path plain = tmp.resolve("plain.yaml");
        CliRunner.Outcome fit = fleetsim("calibrate", "fit", fixtures.resolve("synthetic-h100-quick").toString(),
                fixtures.resolve("synthetic-h100-devices").toString(), "--out", spread.toString());
        assertEquals(0, fit.exit(), fit.err());
        assertTrue(fit.out().contains("gemmSpread: 0.0113, the relative standard deviation of GEMM rates over 8 GPUs"), fit.out());
        assertEquals(0, fleetsim("calibrate", "fit", fixtures.resolve("synthetic-h100-quick").toString(), "--out",
                plain.toString()).exit());
        CliRunner.Outcome diff = fleetsim("calibrate", "diff", plain.toString(), spread.toString());
        assertEquals(1, diff.exit(), diff.out() + diff.err());
        assertTrue(diff.out().contains("gemmSpread") && diff.out().contains("from 0  DRIFT"), diff.out());

        String job = SMALL.replace("count: 2", "count: 8").replace("parallelism: {dp: 8}", "parallelism: {dp: 64}")
                .replace("globalBatch: 16", "globalBatch: 128");
        double typical = iteration(file("typical.yaml", job));
        double withPlain = iteration(file("plain-job.yaml", job.replace("cluster:", "hardware:\n  H100-SXM: {profile: "
                + plain + "}\ncluster:")));
        double withSpread = iteration(file("spread-job.yaml", job.replace("cluster:", "hardware:\n  H100-SXM: {profile: "
                + spread + "}\ncluster:")));
        double slowdown = ProfileReader.read(spread).slowestGpuSlowdown(64);
        assertTrue(slowdown > 1.01, "a spread of 0.011 costs 64 GPUs about 2 %: " + slowdown);
        assertTrue(withSpread > withPlain && withSpread <= withPlain * slowdown * (1 + 1e-9),
                withPlain + " -> " + withSpread + " (slowdown " + slowdown + ")");
        assertTrue(typical > 0);
    }

    private static double iteration(Path file) {
        CliRunner.Outcome o = fleetsim("estimate", file.toString(), "--json");
        assertEquals(0, o.exit(), o.err());
        String key = "\"iterationTimeS\" : ";
        int at = o.out().indexOf(key) + key.length();
        return Double.parseDouble(o.out().substring(at, o.out().indexOf(',', at)).trim());
    }
}
