package dev.fleetsim.desktop;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;

/** The window: a menu bar, a tab per screen, and a status line naming the scenario and its state. */
public final class MainView extends BorderPane {
    private final TabPane tabs = new TabPane();

    public MainView(AppContext c) {
        setId("main");
        tabs.setId("screens");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (Screen s : Screens.all()) {
            Tab t = new Tab(s.title(), s.view(c));
            t.setId("screen-" + s.id());
            tabs.getTabs().add(t);
        }
        c.session().screen().addListener((o, a, id) -> show(id));
        setTop(menus(c));
        setCenter(tabs);
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(Bindings.createStringBinding(() -> "Scenario: " + c.session().scenarioSource().get() + " — "
                + (c.session().scenario().get() != null ? "valid" : c.session().problems().get() + " problem(s)")
                + (c.session().run().get() != null ? " · results: " + c.session().run().get().result().summary().scenario() : ""),
                c.session().scenarioSource(), c.session().scenario(), c.session().problems(), c.session().run()));
        status.getStyleClass().add("muted");
        status.setPadding(new Insets(2, 8, 2, 8));
        setBottom(status);
    }

    /** Shows the screen with this id. */
    public void show(String id) {
        tabs.getTabs().stream().filter(t -> t.getId().equals("screen-" + id)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    private MenuBar menus(AppContext c) {
        Menu file = new Menu("File");
        file.getItems().addAll(
                item("New scenario", null, () -> c.editorView().confirmAndNew()),
                item("Open scenario…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), () -> c.editorView().openFile()),
                item("Save scenario", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), () -> c.editorView().save()),
                item("Save scenario as…", null, () -> c.editorView().saveAs()),
                new SeparatorMenuItem(),
                item("Open results folder…", null, () -> c.dialogs().folder("Open a results folder").ifPresent(c.results()::openFolder)),
                item("Open plan…", null, () -> c.dialogs().open("Open a plan file", java.util.List.of("yaml", "yml", "json"))
                        .ifPresent(p -> {
                            show(Screens.PLAN);
                            c.plan().open(p);
                        })),
                new SeparatorMenuItem(),
                item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), Platform::exit));
        Menu run = new Menu("Run");
        run.getItems().addAll(
                item("Start", new KeyCodeCombination(KeyCode.F5), () -> {
                    show(Screens.RUN);
                    c.run().start();
                }),
                item("Pause", null, c.run()::pause),
                item("Resume", null, c.run()::resume),
                item("Cancel", null, c.run()::cancel),
                new SeparatorMenuItem(),
                item("Compare policies", null, () -> show(Screens.COMPARE)));
        Menu view = new Menu("View");
        for (Screen s : Screens.all()) {
            view.getItems().add(item(s.title(), null, () -> show(s.id())));
        }
        return new MenuBar(file, run, view);
    }

    private static MenuItem item(String text, KeyCombination key, Runnable action) {
        MenuItem i = new MenuItem(text);
        if (key != null) {
            i.setAccelerator(key);
        }
        i.setOnAction(e -> action.run());
        return i;
    }
}
