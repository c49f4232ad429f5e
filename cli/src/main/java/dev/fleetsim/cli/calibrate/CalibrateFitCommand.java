package dev.fleetsim.cli.calibrate;

import dev.fleetsim.calibration.fit.FitInputException;
import dev.fleetsim.calibration.fit.FitStats;
import dev.fleetsim.calibration.fit.FittedCurve;
import dev.fleetsim.calibration.fit.ProfileFiles;
import dev.fleetsim.calibration.fit.ProfileFitter;
import dev.fleetsim.calibration.fit.UnidentifiableException;
import dev.fleetsim.calibration.raw.RawData;
import dev.fleetsim.cli.CancelOnInterrupt;
import dev.fleetsim.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code fleetsim calibrate fit RAW... --out profile.yaml}: fits the raw measurements into a
 * hardware profile, prints R², residuals and the rejected points of every curve, and writes the
 * profile (atomically). Refuses, with what to measure, when the data cannot identify a parameter.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit raw measurements (files or run folders) into a hardware profile.")
final class CalibrateFitCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RAW", arity = "1..*", description = "raw files (*.jsonl) or run folders")
    List<Path> raw;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "the profile to write (.yaml, or .json)")
    Path out;

    @Option(names = "--gpu-type", paramLabel = "TYPE", description = "the catalogue GPU type, when the device name does not say (e.g. H100-SXM)")
    String gpuType;

    @Option(names = "--keep-default", paramLabel = "CURVE", split = ",",
            description = "curves to keep at the shipped default instead of fitting, e.g. gemm.fp32 or attention")
    List<String> keepDefault;

    @Override
    public Integer call() {
        dev.fleetsim.cli.OutputFiles.check("--out", out);
        ProfileFitter.Calibration cal = fit(raw, gpuType, keepDefault);
        print(System.out, cal, read(raw));
        // Ctrl-C lets the short write finish and be reported rather than cut it.
        try (CancelOnInterrupt writing = CancelOnInterrupt.letFinish()) {
            try {
                ProfileFiles.write(cal.profile(), out);
            } catch (IOException e) {
                throw new UserError("cannot write " + out + ": " + e.getMessage());
            }
            System.out.println("Profile written to " + out + " (" + cal.profile().contentHash() + "). Use it in a scenario with"
                    + " hardware: {" + cal.profile().gpuType() + ": {profile: " + out.toAbsolutePath().normalize() + "}}"
                    + " (an absolute path, or one relative to the scenario file's folder)");
            return 0;
        }
    }

    static RawData read(List<Path> paths) {
        return Profiles.raw(paths);
    }

    /** Fits, turning every input problem into a user error. */
    static ProfileFitter.Calibration fit(List<Path> paths, String gpuType, List<String> keepDefault) {
        RawData data = read(paths);
        try {
            return ProfileFitter.fit(data, new ProfileFitter.Options(Optional.ofNullable(gpuType),
                    keepDefault == null ? List.of() : keepDefault));
        } catch (UnidentifiableException e) {
            throw new UserError("cannot fit " + e.getMessage() + "\n  (or keep this curve at its default: --keep-default " + e.curve() + ")");
        } catch (FitInputException e) {
            throw new UserError(e.getMessage());
        }
    }

    static void print(PrintStream out, ProfileFitter.Calibration cal, RawData data) {
        out.printf(Locale.ROOT, "Fitted %s from %d raw file(s)%s%n", cal.profile().gpuType(), data.files().size(),
                data.synthetic() ? " -- SYNTHETIC test data, not a measurement" : "");
        out.printf(Locale.ROOT, "%-34s %7s %6s %8s %7s %7s  %s%n", "curve", "R2", "points", "rejected", "rms", "max", "fitted parameters (+- standard error)");
        List<String> rejected = new ArrayList<>();
        for (FittedCurve c : cal.curves()) {
            FitStats s = c.stats();
            List<String> values = new ArrayList<>();
            for (FittedCurve.Value v : c.parameters()) {
                values.add(v.name() + " " + num(v.value(), v.unit()) + " +- " + num(v.standardError(), v.unit()));
            }
            out.printf(Locale.ROOT, "%-34s %7.4f %6d %8d %6.1f%% %6.1f%%  %s%n", c.path(), s.r2(), s.points(), s.rejected().size(),
                    100 * s.rmsRelativeResidual(), 100 * s.maxRelativeResidual(), String.join(", ", values));
            for (FitStats.RejectedPoint r : s.rejected()) {
                rejected.add(String.format(Locale.ROOT, "  %s %s (%s): measured %s, fitted %s (%+.0f %%)", c.path(), r.label(), r.where(),
                        num(r.measuredS(), "s"), num(r.fittedS(), "s"), 100 * (r.measuredS() / r.fittedS() - 1)));
            }
        }
        if (!rejected.isEmpty()) {
            out.println("rejected as outliers:");
            rejected.forEach(out::println);
        }
        List<String> notes = new ArrayList<>(cal.notes());
        cal.curves().forEach(c -> c.notes().forEach(n -> notes.add(c.path() + ": " + n)));
        if (!notes.isEmpty()) {
            out.println("notes:");
            notes.forEach(n -> out.println("  " + n));
        }
    }

    /** A value with an SI-scaled unit: 2.2 us, 385 GB/s. */
    static String num(double v, String unit) {
        if (unit.equals("s")) {
            double a = Math.abs(v);
            return a >= 1e-3 ? fmt(v * 1e3) + " ms" : a >= 1e-6 ? fmt(v * 1e6) + " us" : fmt(v * 1e9) + " ns";
        }
        if (unit.equals("B/s")) {
            return fmt(v / 1e9) + " GB/s";
        }
        return fmt(v) + (unit.isEmpty() ? "" : " " + unit);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
