package dev.fleetsim.desktop.results;

import dev.fleetsim.desktop.DesktopSession;
import dev.fleetsim.desktop.Formats;
import dev.fleetsim.desktop.Threads;
import dev.fleetsim.desktop.table.CsvTable;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.run.RunResult;
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
import javafx.collections.transformation.FilteredList;
import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The results screen's state for the session's run: summary cards, the job table (filtered by
 * text, state and tenant; the view sorts), the selected job's timeline and explanation, and the
 * charts, built off the UI thread when a run arrives. Opening a folder and saving a live run go
 * through the façade.
 */
public final class ResultsViewModel {
    public static final String ALL = "all";
    /** Nodes the Gantt chart shows at a time. */
    public static final int GANTT_NODES = 16;

    private final Fleetsim fleetsim;
    private final Threads threads;
    private final DesktopSession session;
    private final StringProperty title = new SimpleStringProperty(this, "title", "No run yet: run a scenario or open a results folder");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ObservableList<Card> cards = FXCollections.observableArrayList();
    private final ObjectProperty<FilteredList<JobRecord>> visible = new SimpleObjectProperty<>(this, "visibleJobs",
            new FilteredList<>(FXCollections.observableArrayList()));
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final StringProperty stateFilter = new SimpleStringProperty(this, "stateFilter", ALL);
    private final StringProperty tenantFilter = new SimpleStringProperty(this, "tenantFilter", ALL);
    private final ObservableList<String> tenants = FXCollections.observableArrayList();
    private final ObjectProperty<JobRecord> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty jobDetail = new SimpleStringProperty(this, "jobDetail", "");
    private final StringProperty explanation = new SimpleStringProperty(this, "explanation", "");
    private final BooleanProperty explains = new SimpleBooleanProperty(this, "explains");
    private final BooleanProperty live = new SimpleBooleanProperty(this, "live");
    private final IntegerProperty ganttFrom = new SimpleIntegerProperty(this, "ganttFrom");
    private final ObservableList<dev.fleetsim.engine.metrics.ServiceSummary> services = FXCollections.observableArrayList();
    private final StringProperty servingNote = new SimpleStringProperty(this, "servingNote", "");
    private final BooleanProperty servingCharts = new SimpleBooleanProperty(this, "servingCharts");
    private final IntegerProperty nodes = new SimpleIntegerProperty(this, "nodes");
    private final BooleanProperty peakLoads = new SimpleBooleanProperty(this, "peakLoads");
    private final ResultChartSet charts = new ResultChartSet();
    private LoadedRun run;

    public ResultsViewModel(Fleetsim fleetsim, Threads threads, DesktopSession session) {
        this.fleetsim = fleetsim;
        this.threads = threads;
        this.session = session;
        filterText.addListener((o, a, b) -> refilter());
        stateFilter.addListener((o, a, b) -> refilter());
        tenantFilter.addListener((o, a, b) -> refilter());
        selected.addListener((o, a, b) -> selectedChanged(b));
        ganttFrom.addListener((o, a, b) -> rebuildGantt());
        peakLoads.addListener((o, a, b) -> {
            if (run != null) {
                LoadedRun r = run;
                threads.background(() -> {
                    JFreeChart c = ResultCharts.topology(r, peakLoads.get());
                    threads.ui().execute(() -> charts.topology().set(c));
                });
            }
        });
        session.run().addListener((o, a, b) -> {
            if (b != null) {
                show(b);
            }
        });
    }

    public StringProperty title() {
        return title;
    }

    public StringProperty status() {
        return status;
    }

    public ObservableList<Card> cards() {
        return cards;
    }

    /** The jobs that pass the filters, in run order (the view sorts a copy). */
    public FilteredList<JobRecord> visibleJobs() {
        return visible.get();
    }

    /**
     * The filtered jobs, a new list for each run: a run of 100,000 jobs replaces the list rather
     * than changing one the table listens to (a change that size costs the UI thread dearly).
     */
    public ObjectProperty<FilteredList<JobRecord>> visibleJobsProperty() {
        return visible;
    }

    public int totalJobs() {
        return visible.get().getSource().size();
    }

    public StringProperty filterText() {
        return filterText;
    }

    public StringProperty stateFilter() {
        return stateFilter;
    }

    public StringProperty tenantFilter() {
        return tenantFilter;
    }

    public List<String> states() {
        return List.of(ALL, "FINISHED", "RUNNING", "QUEUED", "REJECTED");
    }

    /** {@link #ALL} and the run's tenants. */
    public ObservableList<String> tenants() {
        return tenants;
    }

    public ObjectProperty<JobRecord> selected() {
        return selected;
    }

    public StringProperty jobDetail() {
        return jobDetail;
    }

    /** The selected job's explanation: the text of {@code fleetsim explain}. */
    public StringProperty explanation() {
        return explanation;
    }

    /** True when the run's policy explained its decisions (the optaplanner policy does). */
    public BooleanProperty explains() {
        return explains;
    }

    /** True for a run made in this session and not yet saved (it can be saved as a folder). */
    public BooleanProperty live() {
        return live;
    }

    /** The first node the Gantt chart shows. */
    public IntegerProperty ganttFrom() {
        return ganttFrom;
    }

    public IntegerProperty nodes() {
        return nodes;
    }

    /** Colour links by their peak rather than their mean utilisation. */
    public BooleanProperty peakLoads() {
        return peakLoads;
    }

    public ResultChartSet charts() {
        return charts;
    }

    public Optional<LoadedRun> run() {
        return Optional.ofNullable(run);
    }

    // ---- actions ----

    /** Opens a results folder through the façade, off the UI thread; a bad folder leaves the screen as it was. */
    public void openFolder(Path dir) {
        status.set("opening " + dir + " ...");
        threads.background(() -> {
            try {
                RunResult r = dev.fleetsim.engine.ResultOpening.open(fleetsim, dir);
                LoadedRun loaded = Loading.fromFolder(fleetsim, r, dir);
                threads.ui().execute(() -> {
                    status.set("");
                    session.run().set(loaded);
                    session.show("results");
                });
            } catch (IOException | RuntimeException e) {
                threads.ui().execute(() -> status.set("cannot open " + dir + ": " + e.getMessage()));
            }
        });
    }

    /** Writes the shown run as a complete results folder (atomically, summary last). */
    public void saveFolder(Path dir) {
        LoadedRun r = run;
        if (r == null) {
            return;
        }
        threads.background(() -> {
            try {
                List<String> files = fleetsim.writeResults(r.result(), dir);
                threads.ui().execute(() -> {
                    live.set(false);
                    status.set("saved " + files.size() + " files in " + dir);
                });
            } catch (IOException | RuntimeException e) {
                threads.ui().execute(() -> status.set("cannot save to " + dir + ": " + e.getMessage()));
            }
        });
    }

    /** Writes the job table as shown (filtered, in the view's order) to a CSV file. */
    public void exportJobs(Path file, List<JobRecord> inOrder) {
        List<JobRecord> rows = List.copyOf(inOrder);
        threads.background(() -> {
            try {
                CsvTable.write(file, JobColumns.ALL, rows);
                threads.ui().execute(() -> status.set("wrote " + rows.size() + " jobs to " + file));
            } catch (IOException e) {
                threads.ui().execute(() -> status.set("cannot write " + file + ": " + e.getMessage()));
            }
        });
    }

    /** The run's inference deployments, one row each (from its summary, so a folder's too). */
    public ObservableList<dev.fleetsim.engine.metrics.ServiceSummary> services() {
        return services;
    }

    /** What the serving tab says above its table: none, or where the charts come from. */
    public StringProperty servingNote() {
        return servingNote;
    }

    /** True when the run has the series and latency samples the serving charts draw (a run of this session). */
    public BooleanProperty servingCharts() {
        return servingCharts;
    }

    /** Writes the serving table. */
    public void exportServices(Path file) {
        List<dev.fleetsim.engine.metrics.ServiceSummary> rows = List.copyOf(services);
        threads.background(() -> {
            try {
                CsvTable.write(file, ServiceColumns.ALL, rows);
                threads.ui().execute(() -> status.set("wrote " + rows.size() + " services to " + file));
            } catch (IOException e) {
                threads.ui().execute(() -> status.set("cannot write " + file + ": " + e.getMessage()));
            }
        });
    }

    // ---- showing a run ----

    private void show(LoadedRun r) {
        run = r;
        RunSummary s = r.result().summary();
        title.set(s.scenario() + " — " + r.source());
        live.set(r.folder().isEmpty());
        cards.setAll(SummaryCards.of(s, CostBreakdown.of(r.result())));
        services.setAll(s.services());
        servingCharts.set(!r.result().services().isEmpty());
        servingNote.set(servingNote(s, r));
        selected.set(null);
        tenants.setAll(ALL);
        tenants.addAll(ResultCharts.tenants(r.result()));
        tenantFilter.set(ALL);
        stateFilter.set(ALL);
        filterText.set("");
        visible.set(new FilteredList<>(FXCollections.observableArrayList(r.result().jobs())));
        explains.set(!r.result().decisions().isEmpty());
        explanation.set(explains.get() ? "Select a job to read why it waited or got the GPUs it got."
                : "The " + s.policy() + " policy explains no decisions; run the scenario with the optaplanner policy to read "
                + "why each job waited or got its GPUs.");
        jobDetail.set("Select a job to see its timeline and placement.");
        nodes.set(r.gpus().nodes());
        ganttFrom.set(0);
        charts.clear();
        threads.background(() -> {
            ResultChartSet.Built built = ResultChartSet.build(r, peakLoads.get());
            threads.ui().execute(() -> {
                if (run == r) {
                    charts.set(built);
                }
            });
        });
    }

    private void refilter() {
        String text = filterText.get().strip().toLowerCase(Locale.ROOT);
        String state = stateFilter.get();
        String tenant = tenantFilter.get();
        visible.get().setPredicate(j -> (ALL.equals(state) || j.state().equals(state)) && (ALL.equals(tenant) || j.tenant().equals(tenant))
                && (text.isEmpty() || j.id().toLowerCase(Locale.ROOT).contains(text)
                || j.placement().toLowerCase(Locale.ROOT).contains(text) || j.gpuType().toLowerCase(Locale.ROOT).contains(text)));
    }

    private void selectedChanged(JobRecord j) {
        if (run == null || j == null) {
            return;
        }
        jobDetail.set(JobDetail.of(j, run.segments(), run.gpus(), run.exactSegments()));
        if (explains.get()) {
            explanation.set(dev.fleetsim.engine.ResultOpening.explain(run.result(), j.id()).orElse(""));
        }
        int[] gpus = run.gpus().parse(j.placement());
        if (gpus.length > 0) {
            int node = run.gpus().nodeOf(gpus[0]);
            int from = Math.max(0, Math.min(node, nodes.get() - GANTT_NODES));
            if (node < ganttFrom.get() || node >= ganttFrom.get() + GANTT_NODES) {
                ganttFrom.set(from);
                return;
            }
        }
        rebuildGantt();
    }

    private void rebuildGantt() {
        LoadedRun r = run;
        if (r == null) {
            return;
        }
        int from = ganttFrom.get();
        String highlight = selected.get() == null ? null : selected.get().id();
        threads.background(() -> {
            JFreeChart c = ResultCharts.gantt(r, from, GANTT_NODES, highlight);
            threads.ui().execute(() -> {
                if (run == r) {
                    charts.gantt().set(c);
                }
            });
        });
    }

    /** Where the serving tab's figures come from: the run, or a folder's summary.json and serving files. */
    static String servingNote(RunSummary s, LoadedRun r) {
        int n = s.services().size();
        if (n == 0) {
            return "This run has no inference deployments (workload.services).";
        }
        String what = n + " deployment(s): SLO attainment is finished requests meeting both objectives; ";
        if (r.result().services().isEmpty()) {
            return what + "read from summary.json (the folder has no serving.csv, so no serving charts)";
        }
        return what + (r.folder().isPresent() ? "the charts read from the folder's serving.csv and latency-cdf.csv" : "the charts are the results folder's latency-cdf.png and serving-*.png");
    }

    static String percentLine(double allocated, double busy) {
        return Formats.percent(allocated) + " allocated · " + Formats.percent(busy) + " computing";
    }
}
