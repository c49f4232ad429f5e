package dev.fleetsim.desktop.compare;

import dev.fleetsim.desktop.DesktopSession;
import dev.fleetsim.desktop.Threads;
import dev.fleetsim.desktop.chart.Look;
import dev.fleetsim.desktop.table.Column;
import dev.fleetsim.desktop.table.CsvTable;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.experiment.SweepObserver;
import dev.fleetsim.engine.experiment.SweepProgress;
import dev.fleetsim.report.CompareCharts;
import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The compare screen's state: the editor's scenario run under several policies and seeds through
 * the façade's comparison (on a pool of its own, off the UI thread, cancellable), then the table
 * of every compared metric with its confidence interval and the overlaid CDFs of JCT and wait.
 */
public final class CompareViewModel {
    private final Fleetsim fleetsim;
    private final Threads threads;
    private final DesktopSession session;
    private final StringProperty policies = new SimpleStringProperty(this, "policies", "fifo, backfill, las");
    private final StringProperty seeds = new SimpleStringProperty(this, "seeds", "1..3");
    private final IntegerProperty poolThreads = new SimpleIntegerProperty(this, "threads",
            Math.max(1, Runtime.getRuntime().availableProcessors()));
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final DoubleProperty fraction = new SimpleDoubleProperty(this, "fraction");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ObservableList<CompareRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<List<Column<CompareRow>>> columns = new SimpleObjectProperty<>(this, "columns", List.of());
    private final ObjectProperty<JFreeChart> jctCdf = new SimpleObjectProperty<>(this, "jctCdf");
    private final ObjectProperty<JFreeChart> waitCdf = new SimpleObjectProperty<>(this, "waitCdf");
    private final ObjectProperty<ComparisonResult> result = new SimpleObjectProperty<>(this, "result");
    private AtomicBoolean cancel = new AtomicBoolean();

    public CompareViewModel(Fleetsim fleetsim, Threads threads, DesktopSession session) {
        this.fleetsim = fleetsim;
        this.threads = threads;
        this.session = session;
    }

    public StringProperty policies() {
        return policies;
    }

    public StringProperty seeds() {
        return seeds;
    }

    public IntegerProperty threads() {
        return poolThreads;
    }

    public BooleanProperty running() {
        return running;
    }

    public DoubleProperty fraction() {
        return fraction;
    }

    public StringProperty status() {
        return status;
    }

    public ObservableList<CompareRow> rows() {
        return rows;
    }

    /** The table's columns for the last result: the metric and one per policy. */
    public ObjectProperty<List<Column<CompareRow>>> columns() {
        return columns;
    }

    public ObjectProperty<JFreeChart> jctCdf() {
        return jctCdf;
    }

    public ObjectProperty<JFreeChart> waitCdf() {
        return waitCdf;
    }

    public ObjectProperty<ComparisonResult> result() {
        return result;
    }

    /** {@code 1..3} or {@code 1, 2, 7}. */
    static List<Long> parseSeeds(String text) {
        List<Long> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int dots = p.indexOf("..");
            if (dots > 0) {
                long a = Long.parseLong(p.substring(0, dots).strip());
                long b = Long.parseLong(p.substring(dots + 2).strip());
                if (b < a || b - a > 999) {
                    throw new IllegalArgumentException("seeds: found " + p + "; expected a range a..b with a <= b, at most 1000 seeds");
                }
                for (long s = a; s <= b; s++) {
                    out.add(s);
                }
            } else {
                out.add(Long.parseLong(p));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("seeds: found nothing; expected seeds such as 1..3 or 1, 2, 7");
        }
        return out;
    }

    static List<String> parsePolicies(String text) {
        List<String> out = new ArrayList<>();
        for (String p : text.split(",")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }

    /** Runs the comparison of the editor's scenario. */
    public void start() {
        ScenarioSpec spec = session.scenario().get();
        if (spec == null || running.get()) {
            status.set(spec == null ? "fix the scenario's problems in the editor first" : status.get());
            return;
        }
        List<String> labels = parsePolicies(policies.get());
        List<Long> seedList;
        try {
            seedList = parseSeeds(seeds.get());
        } catch (IllegalArgumentException e) {
            status.set(e instanceof NumberFormatException ? "seeds: found " + seeds.get() + "; expected seeds such as 1..3 or 1, 2, 7"
                    : e.getMessage());
            return;
        }
        if (labels.isEmpty()) {
            status.set("policies: found nothing; expected policy names such as fifo, backfill, las");
            return;
        }
        try {
            Map<String, List<Problem>> problems = fleetsim.comparisonProblems(spec, labels);
            if (!problems.isEmpty()) {
                status.set(problems.values().stream().flatMap(List::stream).map(Problem::toString).toList().toString());
                return;
            }
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        int runs = labels.size() * seedList.size();
        AtomicBoolean stop = new AtomicBoolean();
        cancel = stop;
        running.set(true);
        fraction.set(0);
        status.set("comparing " + labels + " over " + seedList.size() + " seeds: " + runs + " runs on " + poolThreads.get() + " threads");
        int pool = poolThreads.get();
        threads.newThread("fleetsim-compare", () -> {
            SweepObserver progress = new SweepObserver() {
                @Override
                public void progress(SweepProgress p) {
                    double overall = p.fraction();
                    String eta = Double.isNaN(p.etaS()) ? "" : ", about " + dev.fleetsim.desktop.Formats.duration(Math.max(1, p.etaS())) + " left";
                    String text = p.done() + " of " + p.points() + " runs done, " + p.running() + " running" + eta;
                    threads.ui().execute(() -> {
                        fraction.set(Math.max(fraction.get(), overall));
                        if (running.get() && !cancel.get()) {
                            status.set(text);
                        }
                    });
                }

                @Override
                public boolean cancelled() {
                    return stop.get();
                }
            };
            try {
                ComparisonResult r = fleetsim.compare(spec, labels, seedList, pool, progress);
                JFreeChart j = CompareCharts.cdf(Look.THEME, r, CompareCharts.Sample.JCT);
                JFreeChart w = CompareCharts.cdf(Look.THEME, r, CompareCharts.Sample.WAIT);
                threads.ui().execute(() -> finished(r, j, w));
            } catch (RunCancelledException e) {
                threads.ui().execute(() -> ended("cancelled: nothing was kept"));
            } catch (RuntimeException e) {
                threads.ui().execute(() -> ended("the comparison failed: " + e.getMessage()));
            }
        }).start();
    }

    public void cancel() {
        cancel.set(true);
        status.set("cancelling…");
    }

    private void finished(ComparisonResult r, JFreeChart jct, JFreeChart wait) {
        result.set(r);
        columns.set(CompareRow.columns(r.policies()));
        rows.setAll(CompareRow.of(r));
        jctCdf.set(jct);
        waitCdf.set(wait);
        fraction.set(1);
        ended("compared " + r.policies().size() + " policies over " + r.seeds().size() + " seeds (" + r.runs().size() + " runs)");
    }

    private void ended(String message) {
        running.set(false);
        status.set(message);
    }

    /** Writes the table as shown. */
    public void exportTable(Path file) {
        List<CompareRow> copy = List.copyOf(rows);
        List<Column<CompareRow>> cols = columns.get();
        threads.background(() -> {
            try {
                CsvTable.write(file, cols, copy);
                threads.ui().execute(() -> status.set("wrote " + file));
            } catch (IOException e) {
                threads.ui().execute(() -> status.set("cannot write " + file + ": " + e.getMessage()));
            }
        });
    }

    /** Writes the comparison's folder as {@code fleetsim compare} does (its CSVs and charts). */
    public void saveFolder(Path dir) {
        ComparisonResult r = result.get();
        if (r == null) {
            return;
        }
        threads.background(() -> {
            try {
                List<String> files = fleetsim.writeComparison(r, dir, true);
                threads.ui().execute(() -> status.set("saved " + String.join(", ", files) + " in " + dir));
            } catch (IOException e) {
                threads.ui().execute(() -> status.set("cannot save to " + dir + ": " + e.getMessage()));
            }
        });
    }
}
