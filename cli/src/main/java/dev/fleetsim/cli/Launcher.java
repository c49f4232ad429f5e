package dev.fleetsim.cli;

/**
 * The jar's entry point: installs the Ctrl-C hook before anything else is loaded (the commands,
 * picocli, the engine: most of a short command's start-up), so that a Ctrl-C in the first second
 * says "cancelled: nothing was written" rather than nothing, then runs {@link Main}.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        CancelOnInterrupt.install(System.err);
        Main.main(args);
    }
}
