package dev.fleetsim.desktop;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Asks the user for a file or folder. The app's implementation shows the platform's dialogs;
 * tests give fixed answers, since a native dialog cannot be driven headless.
 */
public interface FileDialogs {

    /** A file to read; {@code extensions} such as {@code yaml}, {@code json}. */
    Optional<Path> open(String title, List<String> extensions);

    /** A file to write, suggesting a name. */
    Optional<Path> save(String title, String suggestedName, List<String> extensions);

    /** A folder. */
    Optional<Path> folder(String title);
}
