package dev.fleetsim.desktop;

import dev.fleetsim.desktop.editor.RecentFiles;
import dev.fleetsim.desktop.fx.FxFileDialogs;
import dev.fleetsim.desktop.fx.PauseMeasurement;
import dev.fleetsim.desktop.fx.ScreenshotTour;
import dev.fleetsim.engine.Fleetsim;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.util.prefs.Preferences;

/**
 * The JavaFX application: one window with the editor, run, results and compare screens over the
 * engine's façade. Started by {@link DesktopLauncher}; a FILE argument opens that scenario in the editor, or
 * that plan on the plan screen.
 */
public final class FleetsimApp extends Application {
    private Threads threads;

    @Override
    public void start(Stage stage) {
        LaunchOptions options = LaunchOptions.parse(getParameters().getRaw());
        threads = Threads.forApp(Platform::runLater);
        RecentFiles recent = new RecentFiles(RecentFiles.Store.preferences(Preferences.userRoot().node("dev/fleetsim/desktop")));
        AppContext context = new AppContext(Fleetsim.create(), threads, new FxFileDialogs(() -> stage), recent);
        MainView main = show(stage, context);
        java.util.Optional<java.nio.file.Path> plan = options.file().filter(PlanFiles::isPlan);
        options.file().filter(f -> plan.isEmpty()).ifPresentOrElse(context.editor()::open,
                () -> context.editor().newScenario(dev.fleetsim.desktop.editor.ScenarioEditorView.EMPTY));
        plan.ifPresent(p -> {
            main.show(Screens.PLAN);
            context.plan().open(p);
        });
        options.tour().ifPresent(dir -> new ScreenshotTour(context, main, stage, dir).start());
        options.measure().ifPresent(file -> new PauseMeasurement(context, main, file).start());
    }

    /** Puts the window together on a stage (the tests do the same on theirs). */
    public static MainView show(Stage stage, AppContext context) {
        MainView main = new MainView(context);
        Scene scene = new Scene(main, 1440, 900);
        scene.getStylesheets().add(FleetsimApp.class.getResource("fleetsim.css").toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(Bindings.createStringBinding(() -> "Fleetsim — " + context.session().scenarioSource().get()
                + (context.editor().dirty().get() ? " *" : ""), context.session().scenarioSource(), context.editor().dirty()));
        stage.show();
        return main;
    }

    @Override
    public void stop() {
        if (threads != null) {
            threads.close();
        }
    }
}
