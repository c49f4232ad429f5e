package dev.fleetsim.desktop;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The desktop command's arguments: {@code fleetsim desktop [FILE] [--tour DIR] [--measure-pauses FILE]}.
 *
 * @param file a scenario (opened in the editor) or a plan (opened on the plan screen)
 * @param tour a folder to write a screenshot of each screen into, then quit
 * @param measure a scenario to run while the UI thread's pauses are measured, then quit
 */
public record LaunchOptions(Optional<Path> file, Optional<Path> tour, Optional<Path> measure, boolean help) {
    public static final String USAGE = """
            Usage: fleetsim desktop [FILE] [--tour DIR] [--measure-pauses FILE]
            Opens the desktop app: edit, validate and run scenarios with live charts, inspect and
            export results, compare policies.
              FILE                   a scenario or a plan file to open (YAML or JSON)
              --tour DIR             open each screen on FILE, run it, write DIR/desktop-*.png, quit
              --measure-pauses FILE  run FILE in the app and print the UI thread's longest pause, quit
              -h, --help             this text
            """;

    /** Reads the arguments; an unknown option is an {@link IllegalArgumentException} naming it. */
    public static LaunchOptions parse(List<String> args) {
        Path file = null;
        Path tour = null;
        Path measure = null;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-h":
                case "--help":
                    help = true;
                    break;
                case "--tour":
                    tour = Path.of(value(args, ++i, a));
                    break;
                case "--measure-pauses":
                    measure = Path.of(value(args, ++i, a));
                    break;
                default:
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("found unknown option " + a + "; expected FILE, --tour DIR, "
                                + "--measure-pauses FILE or --help");
                    }
                    if (file != null) {
                        throw new IllegalArgumentException("found a second FILE " + a + "; expected one scenario or plan file");
                    }
                    file = Path.of(a);
            }
        }
        return new LaunchOptions(Optional.ofNullable(file), Optional.ofNullable(tour), Optional.ofNullable(measure), help);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + ": found nothing; expected a path after it");
        }
        return args.get(i);
    }
}
