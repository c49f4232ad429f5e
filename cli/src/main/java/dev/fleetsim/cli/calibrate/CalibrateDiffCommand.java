package dev.fleetsim.cli.calibrate;

import dev.fleetsim.calibration.drift.ProfileDiff;
import dev.fleetsim.cli.UserError;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.files.Echo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code fleetsim calibrate diff OLD NEW}: which curves moved by more than the threshold
 * between two profiles, or between a profile and a new raw run (fitted first). Exit codes: 0
 * no drift, 1 drift above the threshold, 2 bad input; for a nightly job.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Drift check: compare two profiles (or a profile and a raw run); exit 1 when a curve moved more than the threshold.")
final class CalibrateDiffCommand implements Callable<Integer> {

    static final int EXIT_DRIFT = 1;

    @Parameters(index = "0", paramLabel = "OLD", description = "the reference profile (or raw files / run folder)")
    Path older;

    @Parameters(index = "1", paramLabel = "NEW", description = "the new profile, or a raw run folder / .jsonl file to fit first")
    Path newer;

    @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "5%",
            description = "relative change that counts as drift (default: ${DEFAULT-VALUE})")
    String threshold;

    @Option(names = "--all", description = "also compare curves that are defaults in either profile")
    boolean all;

    @Override
    public Integer call() {
        double t = parseThreshold(threshold);
        HardwareProfile a = load("OLD", older, null);
        HardwareProfile b = load("NEW", newer, a.gpuType());
        ProfileDiff.Result r;
        try {
            r = ProfileDiff.compare(a, b, t, all);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        Map<String, Double> worst = new LinkedHashMap<>();
        for (ProfileDiff.Change c : r.changes()) {
            worst.merge(c.curve(), Math.abs(c.relative()), Math::max);
        }
        // the curve column as wide as its longest name (collectives.reduceScatter.intraNode is 35)
        String curve = "%-" + Math.max(34, r.changes().stream().mapToInt(c -> c.curve().length()).max().orElse(0)) + "s";
        System.out.printf(Locale.ROOT, curve + " %-26s %12s %12s %9s%n", "curve", "probe", "old", "new", "change");
        for (ProfileDiff.Change c : r.changes()) {
            boolean over = Math.abs(c.relative()) > t;
            // from 0 (a spread between GPUs newly measured) the relative change is infinite: say "from 0"
            String change = Double.isInfinite(c.relative()) ? "  from 0" : String.format(Locale.ROOT, "%+8.1f%%", 100 * c.relative());
            System.out.printf(Locale.ROOT, curve + " %-26s %12.4g %12.4g %9s%s%n", c.curve(), c.probe(), c.oldValue(), c.newValue(),
                    change, over ? "  DRIFT" : "");
        }
        r.onlyInOld().forEach(p -> System.out.println(p + ": fitted in OLD only (not compared)"));
        r.onlyInNew().forEach(p -> System.out.println(p + ": fitted in NEW only (not compared)"));
        long drifted = worst.values().stream().filter(v -> v > t).count();
        if (r.changes().isEmpty()) {
            System.out.println("no curve fitted in both profiles to compare (use --all to compare defaults too)");
        }
        System.out.printf(Locale.ROOT, "%d of %d curves moved more than %.1f %%%n", drifted, worst.size(), 100 * t);
        return r.drift() ? EXIT_DRIFT : 0;
    }

    static double parseThreshold(String text) {
        String s = text.strip();
        try {
            double v = s.endsWith("%") ? Double.parseDouble(s.substring(0, s.length() - 1).strip()) / 100 : Double.parseDouble(s);
            if (!(v > 0 && v < 10)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UserError("--threshold: found \"" + text + "\"; expected a percentage such as 5% (or a fraction such as 0.05)");
        }
    }

    /** A profile file, or raw measurements fitted as {@code gpuType}. */
    private static HardwareProfile load(String label, Path p, String gpuType) {
        boolean raw = Files.isDirectory(p) || p.getFileName().toString().endsWith(".jsonl");
        if (!raw) {
            if (!Files.isRegularFile(p)) {
                // was "a: no such profile, raw file or run folder"
                throw new UserError(label + ": found " + Echo.quoted(p.toString()) + ", which is no file or folder; expected a"
                        + " hardware profile (.yaml or .json), a raw file (*.jsonl) or a calibration run folder");
            }
            return CalibrateReportCommand.readProfile(p);
        }
        return CalibrateFitCommand.fit(List.of(p), gpuType, List.of()).profile();
    }
}
