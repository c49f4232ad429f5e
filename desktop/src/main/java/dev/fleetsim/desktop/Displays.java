package dev.fleetsim.desktop;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Whether a window can be shown at all, and what to tell the user when it cannot. */
public final class Displays {
    private Displays() {
    }

    /**
     * Empty when a display can be expected: not Linux or another X11 system (macOS and Windows
     * always have one for a desktop user), Monocle (headless JavaFX), or DISPLAY / WAYLAND_DISPLAY set.
     */
    public static Optional<String> missing(Map<String, String> env, String osName, String glassPlatform) {
        String os = osName.toLowerCase(Locale.ROOT);
        boolean x11 = os.contains("linux") || os.contains("bsd") || os.contains("sunos");
        if (!x11 || "monocle".equalsIgnoreCase(glassPlatform)) {
            return Optional.empty();
        }
        if (!blank(env.get("DISPLAY")) || !blank(env.get("WAYLAND_DISPLAY"))) {
            return Optional.empty();
        }
        return Optional.of(String.join("\n",
                "fleetsim desktop: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).",
                "The desktop app needs a graphical session. Run it on your desktop, over ssh with X forwarding",
                "(ssh -X host), or under a virtual display:",
                "  xvfb-run -a ./fleetsim desktop FILE      (Debian/Ubuntu: sudo apt-get install xvfb libgtk-3-0)",
                "Without a display the command line does the same work: ./fleetsim run FILE, ./fleetsim compare FILE ..."));
    }

    /** The innermost cause. */
    public static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** True when a failure to launch comes from the window system (no X server, no GTK), not from the app. */
    public static boolean windowSystem(Throwable e) {
        Throwable root = root(e);
        String m = String.valueOf(root.getMessage());
        return root instanceof UnsatisfiedLinkError || m.contains("DISPLAY") || m.contains("toolkit") || m.contains("Toolkit")
                || m.contains("GTK") || m.contains("glass");
    }

    /** What to say when JavaFX could not start on a display that is set (a bad DISPLAY, no GTK). */
    public static String failed(Throwable e) {
        Throwable root = root(e);
        return String.join("\n",
                "fleetsim desktop: the window system could not be started: " + root.getMessage(),
                "Check that DISPLAY names a running X server (xdpyinfo) and that GTK 3 is installed",
                "(Debian/Ubuntu: sudo apt-get install libgtk-3-0); or run under xvfb-run -a ./fleetsim desktop FILE.");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
