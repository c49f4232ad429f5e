package dev.fleetsim.desktop.fx;

import dev.fleetsim.desktop.AppContext;
import dev.fleetsim.desktop.MainView;
import dev.fleetsim.desktop.Screens;
import dev.fleetsim.desktop.results.ResultChartSet;
import dev.fleetsim.desktop.run.RunViewModel;
import dev.fleetsim.engine.metrics.AtomicFiles;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code fleetsim desktop FILE --tour DIR}: opens each screen on the scenario, runs it, compares
 * three policies, runs it again with the optaplanner policy for an explanation, runs
 * scenarios/serving.yaml for the serving tab (live and opened from its saved folder), plans
 * scenarios/plans/rent-h100-vs-buy-b200.yaml on the plan screen, writes a
 * screenshot of each screen as {@code DIR/desktop-*.png} and quits (exit code 1 when a step
 * fails). docs/img's pictures are made this way, under Xvfb (desktop/screenshots.sh).
 */
public final class ScreenshotTour {
    private final AppContext c;
    private final MainView main;
    private final Stage stage;
    private final Path dir;

    public ScreenshotTour(AppContext c, MainView main, Stage stage, Path dir) {
        this.c = c;
        this.main = main;
        this.stage = stage;
        this.dir = dir;
    }

    public void start() {
        String[] original = {null};
        Steps s = new Steps(15 * 60_000L, msg -> {
            System.err.println("fleetsim desktop --tour: " + msg);
            Platform.exit();
            System.exit(1);
        });
        s.then("open the scenario", () -> main.show(Screens.EDITOR),
                        () -> c.session().scenario().get() != null && c.preview().chart().get() != null)
                .then("editor", () -> {
                    original[0] = c.editor().text().get();
                    c.editorView().showSection("cluster");
                })
                .then("snapshot editor", () -> shot("desktop-editor.png"))
                .then("workload", () -> c.editorView().showSection("workload"))
                .then("snapshot workload", () -> shot("desktop-editor-workload.png"))
                .then("break two fields", () -> {
                    c.editor().editText(original[0].replaceFirst("count: (\\d+)", "count: 0")
                            .replaceFirst("tenant: research", "tenent: research"));
                    c.editorView().showSection("cluster");
                }, () -> c.editor().problems().size() >= 2)
                .then("snapshot problems", () -> shot("desktop-editor-problems.png"))
                .then("mend", () -> c.editor().undo(), () -> c.session().scenario().get() != null)
                .then("run", () -> {
                    main.show(Screens.RUN);
                    c.run().start();
                }, () -> c.run().state().get() == RunViewModel.State.FINISHED)
                .then("live charts drawn", () -> { }, this::liveChartsDrawn)
                .then("snapshot run", () -> shot("desktop-run.png"))
                .then("results", () -> main.show(Screens.RESULTS), this::tableFilled)
                .then("select a job", () -> c.resultsView().selectJob(firstMultiNodeJob()), this::jobShown)
                .then("snapshot results", () -> shot("desktop-results.png"));
        for (String[] tab : new String[][] {{"GPU timeline", "gantt"}, {"Heatmap", "heatmap"}, {"Topology", "topology"},
                {"CDFs", "cdf"}, {"Cost", "cost"}, {"Time series", "timeseries"}}) {
            s.then("tab " + tab[0], () -> c.resultsView().showTab(tab[0]), this::chartsBuilt)
                    .then("snapshot " + tab[1], () -> shot("desktop-results-" + tab[1] + ".png"));
        }
        s.then("compare", () -> {
                    main.show(Screens.COMPARE);
                    c.compare().policies().set("fifo, backfill, las");
                    c.compare().seeds().set("1..3");
                    c.compare().start();
                }, () -> !c.compare().running().get() && c.compare().jctCdf().get() != null)
                .then("snapshot compare", () -> shot("desktop-compare.png"))
                .then("optaplanner", () -> {
                    main.show(Screens.EDITOR);
                    c.editor().editText(optaplanner(original[0]));
                    c.editorView().showSection("policy");
                }, () -> c.session().scenario().get() != null && c.session().scenario().get().policy().name().equals("optaplanner"))
                .then("run optaplanner", () -> {
                    main.show(Screens.RUN);
                    c.run().start();
                }, () -> c.run().state().get() == RunViewModel.State.FINISHED)
                .then("explanation", () -> {
                    main.show(Screens.RESULTS);
                    c.resultsView().showTab("Job");
                }, () -> tableFilled() && c.results().explains().get())
                .then("select a job again", () -> c.resultsView().selectJob(firstMultiNodeJob()), this::jobShown)
                .then("snapshot explanation", () -> shot("desktop-results-explain.png"))
                .then("open the serving scenario", () -> {
                    main.show(Screens.EDITOR);
                    c.editor().open(java.nio.file.Path.of("scenarios", "serving.yaml"));
                }, () -> c.session().scenario().get() != null && !c.session().scenario().get().workload().services().isEmpty())
                .then("run serving", () -> {
                    main.show(Screens.RUN);
                    c.run().start();
                }, () -> c.run().state().get() == RunViewModel.State.FINISHED)
                .then("serving tab", () -> {
                    main.show(Screens.RESULTS);
                    c.resultsView().showTab("Serving");
                }, () -> tableFilled() && c.results().servingCharts().get())
                .then("snapshot serving", () -> shot("desktop-results-serving.png"));
        servingFromDisk(s);
        plan(s);
        s.then("quit", () -> {
                    System.out.println("fleetsim desktop --tour: wrote the screenshots in " + dir);
                    Platform.exit();
                });
        s.run();
    }

    /** The serving run saved, then opened from its folder: the serving tab as a folder shows it. */
    private void servingFromDisk(Steps s) {
        Path folder;
        try {
            folder = java.nio.file.Files.createTempDirectory("fleetsim-tour-").resolve("serving");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        s.then("save the serving run", () -> c.results().saveFolder(folder), () -> !c.results().live().get())
                .then("open it from disk", () -> c.results().openFolder(folder),
                        () -> c.results().run().flatMap(r -> r.folder()).isPresent() && tableFilled()
                                && c.results().servingCharts().get())
                .then("serving tab from disk", () -> c.resultsView().showTab("Serving"), this::chartsBuilt)
                .then("snapshot serving from disk", () -> shot("desktop-results-serving-folder.png"));
    }

    /** The plan screen on the shipped rent-or-buy plan: planned, then another configuration clicked. */
    private void plan(Steps s) {
        s.then("open the plan", () -> {
                    main.show(Screens.PLAN);
                    c.plan().open(Path.of("scenarios", "plans", "rent-h100-vs-buy-b200.yaml"));
                }, () -> c.plan().plan().get() != null)
                .then("plan it", () -> c.plan().start(), () -> !c.plan().running().get() && c.plan().result().get() != null
                        && Showing.settled())
                .then("snapshot plan", () -> shot("desktop-plan.png"))
                .then("pick another configuration", () -> {
                    // the cheapest configuration of the first choice that meets the constraints, as a click on its marker
                    var r = c.plan().result().get();
                    r.candidates().stream().filter(k -> k.feasible() && !r.chosen().map(x -> x.label().equals(k.label()))
                            .orElse(false)).findFirst().ifPresent(k -> c.plan().pick(k.label(), k.costUsdPerMonth().mean()));
                }, Showing::settled)
                .then("snapshot plan selection", () -> shot("desktop-plan-selected.png"));
    }

    /**
     * The scenario with the optaplanner policy, solving a window of the queue's first 24 jobs per
     * round with a short search, so the tour's second run takes seconds, not minutes.
     */
    static String optaplanner(String yaml) {
        return yaml.replaceFirst("(?ms)^policy:\n.*?(?=^\\S|\\z)", "policy:\n  name: optaplanner\n  params:\n    window: 24\n"
                + "    steps: 60\n    unimprovedSteps: 20\n\n");
    }

    /** The run screen's charts have drawn the run's own time series, which replaces the live samples at its end. */
    private boolean liveChartsDrawn() {
        javafx.scene.Node run = stage.getScene().lookup("#run");
        return run instanceof dev.fleetsim.desktop.run.RunView && ((dev.fleetsim.desktop.run.RunView) run).chartsDrawn();
    }

    /** The results screen shows the run's charts and its job table has its rows (a job can be selected). */
    private boolean tableFilled() {
        return chartsBuilt() && !c.resultsView().shownJobs().isEmpty();
    }

    private boolean jobShown() {
        return c.results().selected().get() != null && Showing.settled();
    }

    private boolean chartsBuilt() {
        if (!Showing.settled()) {
            return false;
        }
        for (String name : c.results().charts().names()) {
            if (ResultChartSet.SERVING.contains(name) && !c.results().servingCharts().get()) {
                continue;
            }
            if (c.results().charts().chart(name).get() == null) {
                return false;
            }
        }
        return true;
    }

    /** The first job that waited and ran on more than one node, else the first job. */
    private String firstMultiNodeJob() {
        return c.results().run().map(r -> r.result().jobs().stream()
                .filter(j -> j.placement().contains(" ") && j.waitNs().orElse(0) > 0).findFirst()
                .orElse(r.result().jobs().get(0)).id()).orElse("");
    }

    private void shot(String name) {
        WritableImage image = stage.getScene().snapshot(null);
        BufferedImage png = SwingFXUtils.fromFXImage(image, null);
        try {
            AtomicFiles.write(dir.resolve(name).toAbsolutePath(), out -> ImageIO.write(png, "png", out));
            System.out.println("wrote " + dir.resolve(name));
        } catch (IOException e) {
            System.err.println("cannot write " + name + ": " + e.getMessage());
        }
    }
}
