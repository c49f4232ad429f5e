package dev.fleetsim.cli;

import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.scenario.ScenarioSchema;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code fleetsim schema [--out FILE]}: the JSON Schema of scenario files, generated from the
 * declared keys, for editors to complete and check keys (docs/SCENARIO-FORMAT.md says how to set
 * it up). The registered policies are offered as {@code policy.name} values.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema of scenario files, so that editors complete and check keys.",
                "Setup for VS Code and IntelliJ: docs/SCENARIO-FORMAT.md (Editor support)."})
final class SchemaCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "FILE", description = "write the schema to FILE (its folder made if "
            + "missing, the file replaced atomically) instead of standard output")
    Path out;

    @Override
    public Integer call() {
        String schema = ScenarioSchema.json(PolicyRegistry.load().names());
        if (out == null) {
            System.out.print(schema);
            return Main.EXIT_OK;
        }
        if (out.toString().isBlank()) {
            throw new UserError("--out: found \"\"; expected the path of a file to write");
        }
        if (Files.isDirectory(out)) {
            throw new UserError("--out: found " + out + ", a folder; expected the path of a file to write");
        }
        // Ctrl-C lets the one short write finish and its line be printed, so no message says "nothing was written" after it.
        try (CancelOnInterrupt writing = CancelOnInterrupt.letFinish()) {
            try {
                AtomicFiles.writeString(out.toAbsolutePath(), schema);
            } catch (AccessDeniedException e) {
                throw new UserError("cannot write " + out + ": permission denied");
            } catch (IOException e) {
                throw new UserError("cannot write " + out + ": " + e.getMessage());
            }
            System.out.println("wrote " + out);
            return Main.EXIT_OK;
        }
    }
}
