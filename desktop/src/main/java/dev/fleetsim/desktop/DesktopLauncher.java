package dev.fleetsim.desktop;

import javafx.application.Application;

import java.util.List;
import java.util.Optional;

/**
 * The desktop app's main class. It does not extend {@link Application}: a JavaFX application
 * class started as the main class of a plain jar fails with "JavaFX runtime components are
 * missing", so this class checks the arguments and the display, then launches
 * {@link FleetsimApp}. AWT stays headless: the charts draw through JavaFX, and AWT only measures
 * fonts and writes PNGs.
 */
public final class DesktopLauncher {
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_NO_DISPLAY = 3;

    private DesktopLauncher() {
    }

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("fleetsim desktop: " + e.getMessage());
            System.err.print(LaunchOptions.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        if (options.help()) {
            System.out.print(LaunchOptions.USAGE);
            return;
        }
        Optional<String> noDisplay = Displays.missing(System.getenv(), System.getProperty("os.name", ""),
                System.getProperty("glass.platform", ""));
        if (noDisplay.isPresent()) {
            System.err.println(noDisplay.get());
            System.exit(EXIT_NO_DISPLAY);
            return;
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            Application.launch(FleetsimApp.class, args);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            if (Displays.windowSystem(e)) {
                System.err.println(Displays.failed(e));
                System.exit(EXIT_NO_DISPLAY);
            }
            System.err.println("fleetsim desktop: the app failed to start (a bug: please report it with this trace)");
            e.printStackTrace();
            System.exit(1);
        }
    }
}
