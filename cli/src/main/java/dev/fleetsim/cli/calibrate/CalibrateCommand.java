package dev.fleetsim.cli.calibrate;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code fleetsim calibrate}: measure a GPU node with the CUDA microbenchmarks, fit the
 * measurements into a hardware profile, report on it, and check a machine for drift. The work
 * is done by the calibration module; these commands parse options and print.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Measure a GPU node and fit a hardware profile (docs/CALIBRATION.md).",
        subcommands = {CalibrateRunCommand.class, CalibrateFitCommand.class, CalibrateReportCommand.class, CalibrateDiffCommand.class,
                CalibrateBuildCommand.class})
public final class CalibrateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
