package dev.fleetsim.calibration.report;

import dev.fleetsim.calibration.fit.SpreadFitter;
import dev.fleetsim.engine.hardware.HardwareProfile;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report's section on the spread of GEMM speed between GPUs: the profile's
 * {@code gemmSpread}, what it costs a synchronous job of 8 to 16,384 GPUs (its slowest GPU's
 * pace), and, from the raw {@code gemm-devices} unit, each GPU's rate over the mean with the
 * slowest in bold.
 */
final class SpreadSection {

    private SpreadSection() {
    }

    static void append(StringBuilder md, HardwareProfile profile, Optional<SpreadFitter.Result> fitted) {
        md.append("## GEMM spread between GPUs\n\n");
        double s = profile.gemmSpread();
        if (s == 0) {
            md.append("`gemmSpread` 0: every GPU of the type is costed alike")
                    .append(fitted.isEmpty() ? " (no `gemm-devices` unit in the raw files).\n\n" : ".\n\n");
        } else {
            md.append(String.format(Locale.ROOT, "`gemmSpread` %.4f (relative standard deviation of per-GPU GEMM rates)."
                    + " A synchronous job waits for its slowest GPU:%n%n| GPUs | 8 | 64 | 1,024 | 16,384 |%n|---|---|---|---|---|%n"
                    + "| step compute slower by | %s | %s | %s | %s |%n%n", s, slower(profile, 8), slower(profile, 64),
                    slower(profile, 1024), slower(profile, 16384)));
        }
        fitted.ifPresent(r -> {
            md.append(String.format(Locale.ROOT, "Per GPU (%d shapes each%s): rate over the mean%n%n| GPU | rate |%n|---|---|%n",
                    r.shapes(), Double.isNaN(r.noise()) ? "" : String.format(Locale.ROOT, ", measurement noise %.2f %%",
                            100 * r.noise())));
            double slowest = r.relativeRate().values().stream().mapToDouble(Double::doubleValue).min().orElse(1);
            for (Map.Entry<String, Double> e : r.relativeRate().entrySet()) {
                String v = String.format(Locale.ROOT, "%.4f", e.getValue());
                md.append("| ").append(e.getKey()).append(" | ").append(e.getValue() == slowest ? "**" + v + "**" : v)
                        .append(" |\n");
            }
            md.append('\n');
        });
    }

    private static String slower(HardwareProfile p, int gpus) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * (p.slowestGpuSlowdown(gpus) - 1));
    }
}
