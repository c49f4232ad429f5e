package dev.fleetsim.calibration.fit;

import dev.fleetsim.calibration.RepoPaths;
import dev.fleetsim.calibration.SyntheticTruth;
import dev.fleetsim.calibration.raw.RawReader;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.hardware.HardwareProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the fit's errors cost downstream: training step times predicted with the profile fitted to
 * the checked-in SYNTHETIC quick run are within 2 % of those predicted with the profile the run was
 * generated from, for a TP-sharded 8B, a 64-GPU 70B with pipeline stages and an FP8 8B; and the
 * check is not vacuous, the generating profile being further from the shipped default than that.
 * {@code -Dfleetsim.printFitRecovery=true} prints the table docs/VALIDATION.md shows.
 */
class StepTimeRecoveryTest {

    /** name, H100 nodes, the job. */
    private static final List<String[]> JOBS = List.of(
            new String[] {"llama3-8b bf16, TP 2 x DP 8, 16 GPUs", "2", "{id: j, model: llama3-8b, precision: bf16, globalBatch: 64, "
                    + "microBatch: 2, parallelism: {tp: 2, pp: 1, dp: 8}, recompute: selective, zeroStage: 1, iterations: 100}"},
            new String[] {"llama3-70b bf16, TP 8 x PP 4 x DP 2, 64 GPUs", "8", "{id: j, model: llama3-70b, precision: bf16, globalBatch: 128, "
                    + "microBatch: 1, parallelism: {tp: 8, pp: 4, dp: 2}, recompute: selective, zeroStage: 1, iterations: 100}"},
            new String[] {"llama3-8b fp8, DP 8, 8 GPUs", "1", "{id: j, model: llama3-8b, precision: fp8, globalBatch: 64, "
                    + "microBatch: 1, parallelism: {tp: 1, pp: 1, dp: 8}, recompute: full, zeroStage: 1, iterations: 100}"});

    @TempDir
    Path dir;

    private final Fleetsim fleetsim = Fleetsim.create();

    private double stepS(String[] job, String profile) throws Exception {
        String text = "name: step\nsimulation: {seed: 1, charts: false}\n"
                + (profile == null ? "" : "hardware: {H100-SXM: {profile: " + profile + "}}\n")
                + "cluster:\n  nodeGroups:\n    - {name: h100, gpuType: H100-SXM, count: " + job[1]
                + ", gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}\n"
                + "workload:\n  jobs:\n    - " + job[2] + "\n";
        Path file = dir.resolve("step-" + (profile == null ? "default" : profile) + ".yaml");
        Files.writeString(file, text);
        return fleetsim.estimate(fleetsim.validate(file).orThrow()).estimate().iterationTimeS();
    }

    @Test
    void theFittedProfilePredictsTheGeneratingProfilesStepTimes() throws Exception {
        ProfileFiles.write(SyntheticTruth.h100(), dir.resolve("truth.yaml"));
        HardwareProfile fitted = ProfileFitter.fit(RawReader.read(List.of(RepoPaths.syntheticFixture())),
                ProfileFitter.Options.defaults()).profile();
        ProfileFiles.write(fitted, dir.resolve("fitted.yaml"));
        StringBuilder table = new StringBuilder("| job (SYNTHETIC profiles) | generating profile | fitted (quick fixture) | error "
                + "| shipped default | default vs generating |\n");
        for (String[] job : JOBS) {
            double truth = stepS(job, "truth.yaml");
            double fit = stepS(job, "fitted.yaml");
            double def = stepS(job, null);
            double err = fit / truth - 1;
            double gap = def / truth - 1;
            table.append(String.format(Locale.ROOT, "| %s | %.3f s | %.3f s | %+.1f %% | %.3f s | %+.1f %% |%n", job[0], truth, fit,
                    100 * err, def, 100 * gap));
            assertTrue(Math.abs(err) < 0.02, job[0] + ": fitted " + fit + " s, generating profile " + truth + " s");
            assertTrue(Math.abs(gap) > Math.abs(err), job[0] + ": the default (" + def + " s) is nearer the truth than the fit");
        }
        if (Boolean.getBoolean("fleetsim.printFitRecovery")) {
            System.out.print(table);
        }
    }
}
