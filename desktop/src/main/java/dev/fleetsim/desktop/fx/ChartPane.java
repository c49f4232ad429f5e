package dev.fleetsim.desktop.fx;

import dev.fleetsim.desktop.FileDialogs;
import dev.fleetsim.desktop.Threads;
import dev.fleetsim.desktop.chart.ChartFiles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A chart on screen with its export buttons (PNG and SVG, written off the UI thread through the
 * same factories the files use), following a chart property: a rebuilt chart replaces the shown
 * one, and a short note ("building…" unless the screen says what brings one) shows while there is none. The chart viewer zooms by dragging and resets
 * with a double click, as JFreeChart's does.
 */
public final class ChartPane extends BorderPane {
    private ChartViewer viewer;
    private JFreeChart pending;
    private boolean stale;
    private final Label empty = new Label("building…");
    private final String fileStem;
    private final FileDialogs dialogs;
    private final Threads threads;
    private final Consumer<String> status;
    private Consumer<org.jfree.chart.entity.ChartEntity> clicked;

    public ChartPane(String fileStem, javafx.beans.value.ObservableObjectValue<JFreeChart> chart, FileDialogs dialogs, Threads threads,
                     Consumer<String> status) {
        this.fileStem = fileStem;
        this.dialogs = dialogs;
        this.threads = threads;
        this.status = status;
        getStyleClass().add("chart-pane");
        setId("chart-" + fileStem);
        Button png = button("PNG…", "Export this chart as a PNG image", "png");
        Button svg = button("SVG…", "Export this chart as an SVG drawing", "svg");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(6, gap, png, svg);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(2, 4, 2, 4));
        setTop(bar);
        empty.getStyleClass().add("muted");
        show(chart.getValue());
        chart.addListener((o, a, b) -> show(b));
        png.disableProperty().bind(javafx.beans.binding.Bindings.isNull(chart));
        svg.disableProperty().bind(png.disableProperty());
    }

    /** A pane for a chart that never changes (the live ones: their datasets do). */
    public static ChartPane fixed(String fileStem, JFreeChart chart, FileDialogs dialogs, Threads threads, Consumer<String> status) {
        return new ChartPane(fileStem, new javafx.beans.property.SimpleObjectProperty<>(chart), dialogs, threads, status);
    }

    /** What the pane says while it has no chart, for a screen whose chart waits on the user (the plan's). */
    public ChartPane whileEmpty(String text) {
        empty.setText(text);
        return this;
    }

    /** The chart shown (or to be shown once the pane is on screen), or null while there is none. */
    public JFreeChart chart() {
        return pending != null ? pending : viewer == null ? null : viewer.getChart();
    }

    /**
     * Redraws the chart, or, while the pane is off screen (another tab), once it is back: the live
     * charts call this once per batch of samples with the chart's notifications held back.
     */
    public void redraw() {
        JFreeChart c = chart();
        if (c == null) {
            return;
        }
        if (Showing.showing(this)) {
            c.setNotify(true);
            c.setNotify(false);
        } else if (!stale) {
            stale = true;
            Showing.whenShown(this, () -> {
                stale = false;
                redraw();
            });
        }
    }

    private void show(JFreeChart c) {
        if (c == null) {
            pending = null;
            setCenter(empty);
            return;
        }
        if (!Showing.showing(this)) {
            // JavaFX lays out hidden tabs too: a chart drawn there costs the UI thread for nothing
            boolean waiting = pending != null;
            pending = c;
            if (!waiting) {
                Showing.whenShown(this, () -> {
                    JFreeChart p = pending;
                    pending = null;
                    if (p != null) {
                        attach(p);
                    }
                });
            }
            return;
        }
        pending = null;
        attach(c);
    }

    private void attach(JFreeChart c) {
        // Text is measured with AWT's font metrics (fast) rather than by laying out a JavaFX Text
        // node per label, which is what made axis drawing the UI thread's biggest cost.
        c.getRenderingHints().put(org.jfree.fx.FXHints.KEY_USE_FX_FONT_METRICS, Boolean.FALSE);
        if (viewer == null) {
            viewer = new ChartViewer(c);
            viewer.setMinSize(200, 150);
            viewer.addChartMouseListener(new org.jfree.chart.fx.interaction.ChartMouseListenerFX() {
                @Override
                public void chartMouseClicked(org.jfree.chart.fx.interaction.ChartMouseEventFX e) {
                    if (clicked != null && e.getEntity() != null) {
                        clicked.accept(e.getEntity());
                    }
                }

                @Override
                public void chartMouseMoved(org.jfree.chart.fx.interaction.ChartMouseEventFX e) {
                }
            });
        } else {
            viewer.setChart(c);
        }
        setCenter(viewer);
    }

    private Button button(String text, String tip, String ext) {
        Button b = new Button(text);
        b.setId("export-" + ext + "-" + fileStem);
        b.setTooltip(new Tooltip(tip));
        b.getStyleClass().add("small");
        b.setOnAction(e -> export(ext));
        return b;
    }

    /** Calls {@code handler} with what a click on the chart hit (a data item's entity, the plot, ...). */
    public void onClick(Consumer<org.jfree.chart.entity.ChartEntity> handler) {
        clicked = handler;
    }

    /** Asks for a file and writes the chart there. */
    public void export(String ext) {
        JFreeChart c = chart();
        if (c == null) {
            return;
        }
        dialogs.save("Export chart", fileStem + "." + ext, List.of(ext)).ifPresent(path -> write(clone(c), path));
    }

    /** Writes a copy taken on the UI thread, so a live chart that grows meanwhile is drawn as it was. */
    private void write(JFreeChart snapshot, Path path) {
        threads.background(() -> {
            try {
                ChartFiles.write(snapshot, path);
                threads.ui().execute(() -> status.accept("wrote " + path));
            } catch (IOException | RuntimeException e) {
                threads.ui().execute(() -> status.accept("cannot write " + path + ": " + e.getMessage()));
            }
        });
    }

    private static JFreeChart clone(JFreeChart c) {
        try {
            return (JFreeChart) c.clone();
        } catch (CloneNotSupportedException e) {
            return c;
        }
    }
}
