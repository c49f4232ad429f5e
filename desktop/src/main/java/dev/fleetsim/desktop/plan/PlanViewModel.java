package dev.fleetsim.desktop.plan;

import dev.fleetsim.desktop.Threads;
import dev.fleetsim.desktop.chart.Look;
import dev.fleetsim.desktop.table.Column;
import dev.fleetsim.desktop.table.CsvTable;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.ResultFolder;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.planner.Candidate;
import dev.fleetsim.planner.Configuration;
import dev.fleetsim.planner.Evaluation;
import dev.fleetsim.planner.Infeasibility;
import dev.fleetsim.planner.PlanException;
import dev.fleetsim.planner.PlanProgress;
import dev.fleetsim.planner.PlanReader;
import dev.fleetsim.planner.PlanResult;
import dev.fleetsim.planner.PlanSpec;
import dev.fleetsim.planner.PlanWriter;
import dev.fleetsim.planner.Planner;
import dev.fleetsim.planner.RunnableScenario;
import dev.fleetsim.planner.Sensitivity;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The plan screen's state: a plan file read through the planner's reader, its search run through
 * {@link Planner} (the same one {@code fleetsim plan} runs) on a thread of its own, with the
 * phase and each simulation as progress and a cancel; then the cost–SLO chart of
 * {@code pareto.png}, the choices, the chosen configuration with its margins and the sensitivity
 * rows. Picking a configuration (a marker of the chart, a row of the table) shows it, and hands
 * its runnable scenario to the editor or to a run. Nothing here computes a figure: they are the
 * planner's.
 */
public final class PlanViewModel {
    /** Where a configuration's scenario goes: the editor, and a run of it. */
    public interface Scenarios {
        /** Shows the YAML in the editor. */
        void edit(String yaml);

        /** Shows the YAML in the editor and runs it once it validates. */
        void run(String yaml);
    }

    private final Fleetsim fleetsim;
    private final Threads threads;
    private final Scenarios scenarios;
    private final StringProperty file = new SimpleStringProperty(this, "file", "");
    private final ObjectProperty<PlanSpec> plan = new SimpleObjectProperty<>(this, "plan");
    private final IntegerProperty poolThreads = new SimpleIntegerProperty(this, "threads",
            Math.max(1, Runtime.getRuntime().availableProcessors()));
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final StringProperty status = new SimpleStringProperty(this, "status", "Open a plan file (scenarios/plans/*.yaml)");
    private final StringProperty progress = new SimpleStringProperty(this, "progress", "");
    private final IntegerProperty simulations = new SimpleIntegerProperty(this, "simulations");
    private final ObjectProperty<PlanResult> result = new SimpleObjectProperty<>(this, "result");
    private final ObjectProperty<JFreeChart> pareto = new SimpleObjectProperty<>(this, "pareto");
    private final ObservableList<Candidate> candidates = FXCollections.observableArrayList();
    private final ObjectProperty<List<Column<Candidate>>> candidateColumns = new SimpleObjectProperty<>(this, "columns", List.of());
    private final ObservableList<Sensitivity.Row> sensitivity = FXCollections.observableArrayList();
    private final StringProperty chosenText = new SimpleStringProperty(this, "chosenText", "");
    private final ObjectProperty<Configuration> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty selectedText = new SimpleStringProperty(this, "selectedText", "");
    private List<Configuration> configurations = List.of();
    private AtomicBoolean cancel = new AtomicBoolean();

    public PlanViewModel(Fleetsim fleetsim, Threads threads, Scenarios scenarios) {
        this.fleetsim = fleetsim;
        this.threads = threads;
        this.scenarios = scenarios;
        selected.addListener((o, a, b) -> selectedText.set(b == null || result.get() == null
                ? "Click a marker of the chart or a row of the table to see that configuration."
                : ConfigurationText.of(result.get(), b)));
    }

    public StringProperty file() {
        return file;
    }

    /** The plan read from {@link #file()}; null before one is read or while it has problems. */
    public ObjectProperty<PlanSpec> plan() {
        return plan;
    }

    public IntegerProperty threads() {
        return poolThreads;
    }

    public BooleanProperty running() {
        return running;
    }

    public StringProperty status() {
        return status;
    }

    /** The last simulation the search finished, in words. */
    public StringProperty progress() {
        return progress;
    }

    public IntegerProperty simulations() {
        return simulations;
    }

    public ObjectProperty<PlanResult> result() {
        return result;
    }

    /** The cost–SLO chart: {@code pareto.png}'s, in the window's theme. */
    public ObjectProperty<JFreeChart> pareto() {
        return pareto;
    }

    public ObservableList<Candidate> candidates() {
        return candidates;
    }

    public ObjectProperty<List<Column<Candidate>>> candidateColumns() {
        return candidateColumns;
    }

    public List<Column<Sensitivity.Row>> sensitivityColumns() {
        return PlanColumns.SENSITIVITY;
    }

    public ObservableList<Sensitivity.Row> sensitivity() {
        return sensitivity;
    }

    /** The chosen configuration in words, with its intervals and margins (or why there is none). */
    public StringProperty chosenText() {
        return chosenText;
    }

    public ObjectProperty<Configuration> selected() {
        return selected;
    }

    public StringProperty selectedText() {
        return selectedText;
    }

    /** Every configuration the plan simulated (the chart's markers). */
    public List<Configuration> configurations() {
        return configurations;
    }

    // ---- actions ----

    /** Reads a plan file off the UI thread; its problems (paths, found, allowed) go to the status line. */
    public void open(Path path) {
        if (running.get()) {
            return;
        }
        status.set("reading " + path + " …");
        threads.background(() -> {
            try {
                PlanSpec p = new PlanReader(fleetsim).read(path);
                threads.ui().execute(() -> {
                    file.set(path.toString());
                    plan.set(p);
                    clear();
                    status.set("plan " + p.name() + ": " + p.choices().size() + " choice" + (p.choices().size() == 1 ? "" : "s")
                            + " × " + p.minNodes() + "–" + p.maxNodes() + " nodes, " + p.constraints().size() + " constraint"
                            + (p.constraints().size() == 1 ? "" : "s") + "; a full grid is " + String.format(Locale.ROOT, "%,d",
                            p.fullGrid()) + " simulations. Press Plan.");
                });
            } catch (PlanException e) {
                threads.ui().execute(() -> {
                    file.set(path.toString());
                    plan.set(null);
                    clear();
                    status.set(e.getMessage());
                });
            } catch (RuntimeException e) {
                threads.ui().execute(() -> status.set("cannot read " + path + ": " + e.getMessage()));
            }
        });
    }

    /** Runs the plan's search on a thread of its own. */
    public void start() {
        PlanSpec p = plan.get();
        if (p == null || running.get()) {
            return;
        }
        AtomicBoolean stop = new AtomicBoolean();
        cancel = stop;
        clear();
        running.set(true);
        int pool = poolThreads.get();
        status.set("planning " + p.name() + " on " + pool + " thread" + (pool == 1 ? "" : "s"));
        threads.newThread("fleetsim-plan-search", () -> {
            PlanProgress watch = new PlanProgress() {
                @Override
                public void phase(String description) {
                    threads.ui().execute(() -> {
                        if (!stop.get()) {
                            status.set(description);
                        }
                    });
                }

                @Override
                public void ran(Evaluation e, int n) {
                    String text = String.format(Locale.ROOT, "[%d] %s × %d nodes, seed %d: %,.0f USD/month (%.1f s)", n,
                            e.choice(), e.nodes(), e.seed(), e.cost().totalUsdPerMonth(), e.wallS());
                    threads.ui().execute(() -> {
                        simulations.set(Math.max(simulations.get(), n));
                        progress.set(text);
                    });
                }

                @Override
                public boolean cancelled() {
                    return stop.get();
                }
            };
            try {
                PlanResult r = new Planner(fleetsim, pool).plan(p, watch);
                JFreeChart chart = PlanWriter.chart(Look.THEME, r);
                List<Configuration> all = Configuration.of(r);
                threads.ui().execute(() -> finished(r, chart, all));
            } catch (RunCancelledException e) {
                threads.ui().execute(() -> ended("cancelled: nothing was kept"));
            } catch (RuntimeException e) {
                threads.ui().execute(() -> ended("the plan failed: " + e.getMessage()));
            }
        }).start();
    }

    public void cancel() {
        if (running.get()) {
            cancel.set(true);
            status.set("cancelling…");
        }
    }

    /**
     * A click on the chart: the marker of {@code series} (a choice's label, the front or the
     * chosen ring) nearest {@code costUsdPerMonth}. Returns whether it named a configuration.
     */
    public boolean pick(String series, double costUsdPerMonth) {
        PlanResult r = result.get();
        if (r == null || series == null) {
            return false;
        }
        Optional<Configuration> k;
        if (series.equals("chosen")) {
            k = r.chosen().flatMap(c -> find(c.label(), c.nodes()));
        } else if (series.equals("Pareto front")) {
            k = r.pareto().stream().min(Comparator.comparingDouble(p -> Math.abs(p.costUsdPerMonth() - costUsdPerMonth)))
                    .flatMap(p -> find(p.choice(), p.nodes()));
        } else {
            k = configurations.stream().filter(c -> c.label().equals(series) && c.fits())
                    .min(Comparator.comparingDouble(c -> Math.abs(c.costUsdPerMonth() - costUsdPerMonth)));
        }
        k.ifPresent(selected::set);
        return k.isPresent();
    }

    /** A row of the choices' table: that choice at the node count the search found. */
    public void pick(Candidate c) {
        if (c != null && c.feasible()) {
            find(c.label(), c.nodes()).ifPresent(selected::set);
        }
    }

    /** The selected configuration as a scenario in the editor. */
    public void editSelected() {
        Optional<String> yaml = selectedYaml();
        yaml.ifPresent(scenarios::edit);
    }

    /** The selected configuration run, as {@code fleetsim run} would run it. */
    public void runSelected() {
        Optional<String> yaml = selectedYaml();
        yaml.ifPresent(scenarios::run);
    }

    /** The selected configuration's runnable scenario (the planner's, as {@code chosen-scenario.yaml} is). */
    public Optional<String> selectedYaml() {
        PlanResult r = result.get();
        Configuration k = selected.get();
        if (r == null || k == null) {
            return Optional.empty();
        }
        PlanSpec p = r.plan();
        String name = p.name() + "-" + ResultFolder.safeName(k.label()) + "-" + k.nodes();
        return Optional.of(RunnableScenario.yaml(p, k.choice(), k.nodes(), name, "Configuration " + k.label() + " × " + k.nodes()
                + " nodes of plan " + p.name() + " (" + file.get() + "), as the plan simulated it on seed "
                + p.confirmSeeds().get(0)));
    }

    /** Writes the plan's folder as {@code fleetsim plan} does, whole or not at all. */
    public void saveFolder(Path dir) {
        PlanResult r = result.get();
        if (r == null) {
            return;
        }
        threads.background(() -> {
            try {
                List<String> files = PlanWriter.write(r, dir, true, () -> false);
                threads.ui().execute(() -> status.set("saved " + String.join(", ", files) + " in " + dir));
            } catch (IOException | RuntimeException e) {
                threads.ui().execute(() -> status.set("cannot save to " + dir + ": " + e.getMessage()));
            }
        });
    }

    public void exportCandidates(Path file) {
        export(file, candidateColumns.get(), List.copyOf(candidates));
    }

    public void exportSensitivity(Path file) {
        export(file, PlanColumns.SENSITIVITY, List.copyOf(sensitivity));
    }

    private <T> void export(Path path, List<Column<T>> columns, List<T> rows) {
        threads.background(() -> {
            try {
                CsvTable.write(path, columns, rows);
                threads.ui().execute(() -> status.set("wrote " + path));
            } catch (IOException e) {
                threads.ui().execute(() -> status.set("cannot write " + path + ": " + e.getMessage()));
            }
        });
    }

    private Optional<Configuration> find(String label, int nodes) {
        return configurations.stream().filter(c -> c.label().equals(label) && c.nodes() == nodes).findFirst();
    }

    private void clear() {
        result.set(null);
        pareto.set(null);
        configurations = List.of();
        candidates.clear();
        sensitivity.clear();
        selected.set(null);
        chosenText.set("");
        progress.set("");
        simulations.set(0);
        PlanSpec p = plan.get();
        candidateColumns.set(p == null ? List.of() : PlanColumns.candidates(p));
    }

    private void finished(PlanResult r, JFreeChart chart, List<Configuration> all) {
        configurations = List.copyOf(all);
        result.set(r);
        pareto.set(chart);
        candidates.setAll(r.candidates());
        sensitivity.setAll(r.sensitivity());
        chosenText.set(r.chosen().flatMap(c -> find(c.label(), c.nodes())).map(k -> ConfigurationText.of(r, k))
                .orElseGet(() -> "No configuration meets every constraint up to " + r.plan().maxNodes() + " nodes:\n"
                        + Infeasibility.of(r).map(Infeasibility::text).orElse("")));
        selected.set(r.chosen().flatMap(c -> find(c.label(), c.nodes())).orElse(null));
        if (selected.get() == null) {
            selectedText.set("Click a marker of the chart or a row of the table to see that configuration.");
        }
        ended(String.format(Locale.ROOT, "planned %s: %d simulations (a full grid is %,d), %.1f s", r.plan().name(),
                r.simulations(), r.fullGrid(), r.wallS()));
    }

    private void ended(String message) {
        status.set(message);
        running.set(false);
    }
}
