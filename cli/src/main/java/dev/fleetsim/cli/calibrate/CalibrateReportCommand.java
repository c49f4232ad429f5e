package dev.fleetsim.cli.calibrate;

import dev.fleetsim.calibration.fit.FitInputException;
import dev.fleetsim.calibration.raw.RawData;
import dev.fleetsim.calibration.report.CalibrationReport;
import dev.fleetsim.cli.CancelOnInterrupt;
import dev.fleetsim.cli.OutputFiles;
import dev.fleetsim.cli.UserError;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.metrics.IoMessages;
import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.report.FitChart;
import dev.fleetsim.report.FitCharts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code fleetsim calibrate report PROFILE [--raw RAW] --out DIR}: PNG charts (measured points
 * and fitted curves per class, datasheet peaks) and {@code report.md}, each file written
 * atomically and {@code report.md} last.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Charts and a Markdown summary of a hardware profile (with the measurements, if given).")
final class CalibrateReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROFILE", description = "a hardware profile (.yaml or .json)")
    Path profileFile;

    @Option(names = "--raw", paramLabel = "RAW", description = "raw files or run folders the profile was fitted to (repeatable)")
    List<Path> raw;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder for the charts and report.md")
    Path out;

    @Override
    public Integer call() {
        OutputFiles.checkFolder("--out", out);
        HardwareProfile profile = readProfile(profileFile);
        Optional<RawData> data = raw == null || raw.isEmpty() ? Optional.empty() : Optional.of(CalibrateFitCommand.read(raw));
        CalibrationReport report;
        try {
            report = CalibrationReport.of(profile, data);
        } catch (FitInputException e) {
            throw new UserError(e.getMessage());
        }
        // Ctrl-C lets the report's few files be written whole (its summary last) and reported, never half a folder.
        try (CancelOnInterrupt writing = CancelOnInterrupt.letFinish()) {
            try {
                Files.createDirectories(out);
                Files.deleteIfExists(out.resolve(CalibrationReport.SUMMARY));
                for (FitChart c : report.charts()) {
                    AtomicFiles.write(out.resolve(c.file()), FitCharts.png(c));
                }
                AtomicFiles.writeString(out.resolve(CalibrationReport.SUMMARY), report.markdown());
            } catch (IOException e) {
                throw new UserError("--out: found " + Echo.quoted(out.toString()) + ", which cannot be written ("
                        + IoMessages.describe(e) + "); expected a folder to write the report into");
            }
            System.out.println("Report in " + out + ": " + CalibrationReport.SUMMARY + ", "
                    + String.join(", ", report.charts().stream().map(FitChart::file).toList()));
            return 0;
        }
    }

    static HardwareProfile readProfile(Path file) {
        return Profiles.read(file);
    }
}
