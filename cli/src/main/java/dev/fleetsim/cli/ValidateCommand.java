package dev.fleetsim.cli;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code fleetsim validate FILE...}: every check a run makes before it starts, and nothing else.
 * Each file is checked and reported on its own; the exit code is 2 if any file is invalid.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check scenario files and report every problem, without running them.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "scenario files (YAML or JSON)")
    List<Path> files;

    @Override
    public Integer call() {
        Fleetsim fleetsim = Fleetsim.create();
        if (files.size() == 1) {
            // One file: a problem is the command's error, as for every other command.
            report(files.get(0), ScenarioFiles.load(fleetsim, files.get(0)));
            return Main.EXIT_OK;
        }
        int invalid = 0;
        for (Path file : files) {
            try {
                report(file, ScenarioFiles.load(fleetsim, file));
            } catch (UserError e) {
                System.out.flush();
                System.err.println(Main.safe("error: " + e.getMessage()));
                System.err.flush();
                invalid++;
            }
        }
        if (invalid > 0) {
            System.err.printf("%d of %d files are not valid scenarios%n", invalid, files.size());
            return Main.EXIT_BAD_INPUT;
        }
        return Main.EXIT_OK;
    }

    private static void report(Path file, ScenarioSpec spec) {
        System.out.printf("%s is valid: %d GPUs, %d listed jobs, %d generators, policy %s%n", file,
                spec.cluster().totalGpus(), spec.workload().jobs().size(),
                spec.workload().generators().size() + spec.workload().traceGenerators().size(),
                spec.policy().name());
    }
}
