package dev.fleetsim.cli;

import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.files.Echo;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line's own mistakes (a mistyped command or option, a missing argument, one too
 * many) said as every other error is: what, what was found, what is allowed, with the closest
 * name. Picocli's words ("Unmatched arguments from index 0: 'runn'") named neither the commands
 * nor the options there are.
 */
final class ParseErrors {

    private ParseErrors() {
    }

    /** The message for {@code ex} without "error: ", or null to keep picocli's. */
    static String message(CommandLine.ParameterException ex) {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        if (ex instanceof CommandLine.UnmatchedArgumentException) {
            List<String> unmatched = ((CommandLine.UnmatchedArgumentException) ex).getUnmatched();
            return unmatched.isEmpty() ? null : unmatched(spec, unmatched.get(0));
        }
        if (ex instanceof CommandLine.MissingParameterException) {
            List<ArgSpec> missing = ((CommandLine.MissingParameterException) ex).getMissing();
            if (missing == null || missing.isEmpty()) {
                return null;
            }
            boolean noValue = ex.getMessage() != null && ex.getMessage().startsWith("Missing required parameter for option");
            List<String> lines = new ArrayList<>();
            for (ArgSpec a : missing) {
                lines.add(name(a) + ": found " + (noValue ? "no value" : "nothing") + "; expected "
                        + (noValue ? ((OptionSpec) a).paramLabel() + ", " : "") + describe(a));
            }
            return lines.size() == 1 ? lines.get(0)
                    : lines.size() + " required arguments missing:\n  " + String.join("\n  ", lines);
        }
        return null;
    }

    private static String unmatched(CommandSpec spec, String arg) {
        String value = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
        if (value.startsWith("-") && value.length() > 1) {
            List<String> options = new ArrayList<>();
            spec.options().forEach(o -> options.add(o.longestName()));
            return value + ": found an unknown option of '" + spec.qualifiedName() + "'; expected "
                    + Suggestions.oneOf(value, options);
        }
        if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
            List<String> commands = new ArrayList<>(spec.subcommands().keySet());
            if (spec.parent() == null) {
                commands.add(commands.size() - 1, "desktop"); // the launcher's, before help
            }
            return "COMMAND: found " + Echo.quoted(value) + "; expected a command of '" + spec.qualifiedName() + "': "
                    + Suggestions.oneOf(value, commands);
        }
        List<String> positional = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            positional.add(p.paramLabel());
        }
        return "arguments: found one too many, " + Echo.quoted(value) + "; expected "
                + (positional.isEmpty() ? "no argument but options" : String.join(" ", positional) + " and options")
                + " (see '" + spec.qualifiedName() + " --help')";
    }

    private static String name(ArgSpec a) {
        return a.isOption() ? ((OptionSpec) a).longestName() : a.paramLabel();
    }

    /** The argument's help text, on one line. */
    private static String describe(ArgSpec a) {
        String d = String.join(" ", a.description()).replace("%n", " ").replaceAll("\\s+", " ").trim();
        return d.isEmpty() ? a.paramLabel() : d;
    }
}
