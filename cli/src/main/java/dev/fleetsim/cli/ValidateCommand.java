package dev.fleetsim.cli;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.scenario.FileKind;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code fleetsim validate FILE...}: every check a run makes before it starts, and nothing else.
 * Each file is checked and reported on its own; the exit code is 2 if any file is invalid. A plan
 * file ({@code fleetsim plan}) or an experiment file ({@code fleetsim sweep}) is checked as one, not
 * reported as a scenario with every one of its keys unknown; a hardware profile is checked as one too.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check scenario files and report every problem, without running them.",
                "Plan files (fleetsim plan), experiment files (fleetsim sweep) and hardware profiles are checked as such."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "scenario, plan, experiment or hardware-profile files (YAML or JSON)")
    List<Path> files;

    @Override
    public Integer call() {
        Fleetsim fleetsim = Fleetsim.create();
        if (files.size() == 1) {
            // One file: a problem is the command's error, as for every other command.
            check(fleetsim, files.get(0));
            return Main.EXIT_OK;
        }
        int invalid = 0;
        for (Path file : files) {
            try {
                check(fleetsim, file);
            } catch (UserError e) {
                System.out.flush();
                System.err.println(Main.safe("error: " + e.getMessage()));
                System.err.flush();
                invalid++;
            }
        }
        if (invalid > 0) {
            System.err.printf("%d of %d files are not valid%n", invalid, files.size());
            return Main.EXIT_BAD_INPUT;
        }
        return Main.EXIT_OK;
    }

    private static void check(Fleetsim fleetsim, Path file) {
        FileKind kind = FileKind.of(file);
        switch (kind) {
            case PLAN:
                dev.fleetsim.planner.PlanSpec plan = PlanCommand.load(fleetsim, file);
                System.out.printf("%s is a valid plan: %d choices of node group %s, %d to %d nodes, scenario %s%n", file,
                        plan.choices().size(), plan.group(), plan.minNodes(), plan.maxNodes(), plan.base().name());
                return;
            case EXPERIMENT:
                dev.fleetsim.engine.experiment.ExperimentPlan experiment = SweepCommand.load(fleetsim, file);
                System.out.printf("%s is a valid experiment: %d points over %s, scenario %s%n", file,
                        experiment.points().size(), String.join(" x ", experiment.axisNames()), experiment.spec().base().name());
                return;
            case HARDWARE_PROFILE:
                HardwareProfile profile = dev.fleetsim.cli.calibrate.Profiles.read(file);
                System.out.printf("%s is a valid hardware profile of %s%n", file, profile.gpuType());
                return;
            case RUN_SUMMARY:
            case RAW_MEASUREMENTS:
                throw new UserError(InputFiles.otherKind("FILE", file, kind, FileKind.SCENARIO, FileKind.PLAN,
                        FileKind.EXPERIMENT, FileKind.HARDWARE_PROFILE));
            default:
                report(file, ScenarioFiles.load(fleetsim, file));
        }
    }

    private static void report(Path file, ScenarioSpec spec) {
        System.out.printf("%s is valid: %d GPUs, %d listed jobs, %d generators, policy %s%n", file,
                spec.cluster().totalGpus(), spec.workload().jobs().size(),
                spec.workload().generators().size() + spec.workload().traceGenerators().size(),
                spec.policy().name());
    }
}
