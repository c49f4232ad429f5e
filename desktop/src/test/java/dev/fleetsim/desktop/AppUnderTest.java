package dev.fleetsim.desktop;

import dev.fleetsim.desktop.editor.RecentFiles;
import dev.fleetsim.engine.Fleetsim;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What the TestFX suites share: the whole window on a test stage over one façade, with in-memory
 * recent files, and lookups and waits by condition. Each test class keeps its own {@code @Start}
 * (TestFX looks for it on the test class itself) and calls {@link #show} from it.
 */
public final class AppUnderTest {
    private static final Fleetsim FLEETSIM = Fleetsim.create();

    private AppUnderTest() {
    }

    /** The app's window on the given stage, as {@link FleetsimApp} puts it together. */
    public static AppContext show(Stage stage, FileDialogs dialogs) {
        AppContext context = new AppContext(FLEETSIM, Threads.forApp(Platform::runLater), dialogs,
                new RecentFiles(RecentFiles.Store.inMemory()));
        FleetsimApp.show(stage, context);
        return context;
    }

    public static <T extends Node> T byId(FxRobot robot, String id) {
        Predicate<Node> match = n -> id.equals(n.getId());
        return robot.lookup(match).query();
    }

    public static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }
}
