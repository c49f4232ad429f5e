package dev.fleetsim.cli;

import dev.fleetsim.engine.run.RunRefusedException;
import dev.fleetsim.engine.scenario.Echo;
import dev.fleetsim.engine.scenario.Problem;
import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/**
 * The {@code fleetsim} command. Exit codes: 0 success, 1 internal error (a bug: stack trace
 * shown), 2 bad input (one clear message per problem, no stack trace), 130 cancelled.
 */
@Command(name = "fleetsim", mixinStandardHelpOptions = true, version = "fleetsim 0.1.0",
        description = "GPU cluster simulator and capacity planner.")
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_CANCELLED = 130;
    /**
     * The subcommands by name, in the order the usage lists them. Picocli builds its model of a
     * command by reflection over its annotations, which for all of them was a third of a short
     * command's start-up; {@link #commandLine} gives it only the one the arguments name.
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands(RunCommand.class, CompareCommand.class,
            SweepCommand.class, PlanCommand.class, ValidateCommand.class, SchemaCommand.class, EstimateCommand.class,
            ExplainCommand.class, BenchCommand.class, PoliciesCommand.class,
            dev.fleetsim.cli.calibrate.CalibrateCommand.class, CommandLine.HelpCommand.class);
    /** Lines of an error message longer than this are cut (a value echoed in full would flood the terminal). */
    private static final int MAX_LINE_CHARS = 2_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    /** An error message as the terminal gets it: control characters escaped, very long lines cut. */
    static String safe(String message) {
        return Echo.message(message, MAX_LINE_CHARS);
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        CommandLine cl = commandLine(args);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UserError) {
                commandLine.getErr().println(safe("error: " + ex.getMessage()));
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof RunRefusedException) {
                List<Problem> problems = ((RunRefusedException) ex).problems();
                commandLine.getErr().println(Echo.message("error: the scenario cannot run here (" + problems.size()
                        + (problems.size() == 1 ? " reason" : " reasons") + "):\n" + problems.stream()
                        .map(p -> "  " + p).collect(Collectors.joining("\n")), MAX_LINE_CHARS));
                return EXIT_BAD_INPUT;
            }
            commandLine.getErr().println("internal error (please report it with the scenario file):");
            ex.printStackTrace(commandLine.getErr());
            return EXIT_INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(safe("error: " + ex.getMessage()));
            c.getErr().println("see '" + c.getCommandSpec().qualifiedName() + " --help'");
            return EXIT_BAD_INPUT;
        });
        return cl.execute(args);
    }

    /**
     * The command line for {@code args}: with only the subcommand the first argument names, or
     * with every subcommand when it names none or {@code help} (the usage, help on a command, a
     * mistyped name).
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null && named != CommandLine.HelpCommand.class) {
            cl.addSubcommand(named);
        } else {
            SUBCOMMANDS.values().forEach(cl::addSubcommand);
        }
        return cl;
    }

    private static Map<String, Class<?>> subcommands(Class<?>... commands) {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (Class<?> c : commands) {
            out.put(c.getAnnotation(Command.class).name(), c);
        }
        return out;
    }
}
