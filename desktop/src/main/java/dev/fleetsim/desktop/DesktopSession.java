package dev.fleetsim.desktop;

import dev.fleetsim.desktop.results.LoadedRun;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What the screens share: the editor's scenario (present while it is valid), how many
 * problems it has, the run the results screen shows, and which screen to show next. Lives on
 * the UI thread; screens' view models read and write it, views never.
 */
public final class DesktopSession {
    private final ObjectProperty<ScenarioSpec> scenario = new SimpleObjectProperty<>(this, "scenario");
    private final StringProperty scenarioSource = new SimpleStringProperty(this, "scenarioSource", "");
    private final IntegerProperty problems = new SimpleIntegerProperty(this, "problems");
    private final ObjectProperty<LoadedRun> run = new SimpleObjectProperty<>(this, "run");
    private final StringProperty screen = new SimpleStringProperty(this, "screen", "");

    /** The editor's scenario while it validates; null while it has problems. */
    public ObjectProperty<ScenarioSpec> scenario() {
        return scenario;
    }

    /** The file (or "untitled") the scenario comes from. */
    public StringProperty scenarioSource() {
        return scenarioSource;
    }

    public IntegerProperty problems() {
        return problems;
    }

    /** The run the results screen shows: the last one finished here, or one opened from a folder. */
    public ObjectProperty<LoadedRun> run() {
        return run;
    }

    /** The id of the screen the window should show (a view model asks; the main view switches). */
    public StringProperty screen() {
        return screen;
    }

    /** Asks the window to show a screen (again, even when it was the last one asked for). */
    public void show(String screenId) {
        screen.set("");
        screen.set(screenId);
    }
}
