package dev.fleetsim.cli;

import dev.fleetsim.engine.run.RunRefusedException;
import dev.fleetsim.engine.files.Echo;
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
@Command(name = "fleetsim", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "GPU cluster simulator and capacity planner.",
        footer = "  desktop    Open the desktop app on a scenario or plan file (./fleetsim desktop%n"
                + "               [FILE]; 'fleetsim desktop --help')")
public final class Main implements Runnable {
    static final String VERSION = "fleetsim 0.1.0";
    /** picocli's words for a value of the wrong type ("'abc' is not a long"), said as the other errors say it. */
    private static final java.util.regex.Pattern NOT_A_NUMBER = java.util.regex.Pattern.compile(
            "Invalid value for option '([^']+)': '(.*)' is not an? (long|int|double|float)", java.util.regex.Pattern.DOTALL);
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
        // First of all, so that a Ctrl-C while the command still reads its files is not silent.
        CancelOnInterrupt.install(System.err);
        System.setProperty("java.awt.headless", "true");
        Prefetch.start(args);
        int code = execute(args);
        CancelOnInterrupt.exiting();
        System.exit(code);
    }

    /** An error message as the terminal gets it: control characters escaped, very long lines cut. */
    static String safe(String message) {
        return Echo.message(message, MAX_LINE_CHARS);
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        CommandLine cl = commandLine(args);
        inheritVersion(cl);
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
            if (OutOfMemory.causedBy(ex)) {
                return OutOfMemory.report(commandLine.getErr());
            }
            commandLine.getErr().println("internal error (please report it with the scenario file):");
            ex.printStackTrace(commandLine.getErr());
            return EXIT_INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            String words = ParseErrors.message(ex);
            c.getErr().println(safe("error: " + (words != null ? words : plain(ex.getMessage()))));
            c.getErr().println("see '" + c.getCommandSpec().qualifiedName() + " --help'");
            return EXIT_BAD_INPUT;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            return OutOfMemory.report(cl.getErr());
        }
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

    /** Every subcommand's {@code -V} prints the version too, not an empty line. */
    private static void inheritVersion(CommandLine c) {
        if (c.getCommandSpec().version().length == 0) {
            c.getCommandSpec().version(VERSION);
        }
        c.getSubcommands().values().forEach(Main::inheritVersion);
    }

    /** A picocli parse message with the field, the value found and what is allowed, in the project's words. */
    static String plain(String message) {
        java.util.regex.Matcher m = NOT_A_NUMBER.matcher(message == null ? "" : message);
        if (!m.matches()) {
            return message;
        }
        String allowed = m.group(3).equals("long") ? "a whole number (64-bit)"
                : m.group(3).equals("int") ? "a whole number" : "a number";
        return m.group(1) + ": found " + Echo.quoted(m.group(2)) + "; expected " + allowed;
    }
}
