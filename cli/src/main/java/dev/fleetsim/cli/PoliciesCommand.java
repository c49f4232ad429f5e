package dev.fleetsim.cli;

import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code fleetsim policies}: the scheduling policies found on the class path. */
@Command(name = "policies", mixinStandardHelpOptions = true, description = "List the scheduling policies.")
final class PoliciesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (PolicyProvider p : PolicyRegistry.load().providers().values()) {
            System.out.printf("%-12s %s%n", p.name(), p.description());
        }
        return Main.EXIT_OK;
    }
}
