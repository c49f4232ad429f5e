package dev.fleetsim.cli;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code fleetsim validate FILE}: every check a run makes before it starts, and nothing else. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a scenario file and report every problem, without running it.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "scenario file (YAML or JSON)")
    Path file;

    @Override
    public Integer call() {
        ScenarioSpec spec = ScenarioFiles.load(Fleetsim.create(), file);
        System.out.printf("%s is valid: %d GPUs, %d listed jobs, %d generators, policy %s%n", file,
                spec.cluster().totalGpus(), spec.workload().jobs().size(),
                spec.workload().generators().size() + spec.workload().traceGenerators().size(),
                spec.policy().name());
        return Main.EXIT_OK;
    }
}
