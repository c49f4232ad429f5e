package dev.fleetsim.desktop.results;

import dev.fleetsim.desktop.FileDialogs;
import dev.fleetsim.desktop.Threads;
import dev.fleetsim.desktop.fx.ChartPane;
import dev.fleetsim.desktop.fx.Tables;
import dev.fleetsim.engine.metrics.JobRecord;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The results screen: summary cards; the job table (sortable by any column, filtered by text,
 * state and tenant, exported as CSV as shown); and, beside it, the selected job's timeline,
 * placement and explanation, the GPU timeline, the node heatmap, the topology with link loads,
 * the CDFs, the cost breakdown and the time series, each chart with its PNG/SVG export.
 */
public final class ResultsView extends BorderPane {
    private final ResultsViewModel vm;
    private final FileDialogs dialogs;
    private final Threads threads;
    private final TableView<JobRecord> table = new TableView<>();
    private final TabPane tabs = new TabPane();
    private SortedList<JobRecord> sorted;
    private final Button csv = new Button("Export jobs CSV…");

    public ResultsView(ResultsViewModel vm, FileDialogs dialogs, Threads threads) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.threads = threads;
        setId("results");
        table.setId("jobs");
        table.setPlaceholder(new Label("No jobs"));
        sorted = Tables.show(table, JobColumns.ALL, vm.visibleJobs());
        // a new run's jobs fill the table when the screen is shown (a hidden table is laid out too)
        vm.visibleJobsProperty().addListener((o, a, b) -> dev.fleetsim.desktop.fx.Showing.whenShown(table, () -> {
            if (vm.visibleJobsProperty().get() == b) {
                sorted = Tables.rows(table, b);
            }
        }));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selected().set(b));
        setTop(header());
        SplitPane split = new SplitPane(jobsPane(), detailTabs());
        split.setDividerPositions(0.42);
        setCenter(split);
    }

    /** The rows as the table shows them: filtered and in the order of its sort columns. */
    public List<JobRecord> shownJobs() {
        return List.copyOf(sorted);
    }

    private Node header() {
        Label title = new Label();
        title.textProperty().bind(vm.title());
        title.getStyleClass().add("screen-title");
        Button open = new Button("Open results folder…");
        open.setId("open-results");
        open.setOnAction(e -> dialogs.folder("Open a results folder").ifPresent(vm::openFolder));
        Button save = new Button("Save results…");
        save.setId("save-results");
        save.disableProperty().bind(vm.live().not());
        save.setOnAction(e -> dialogs.folder("Save the results into a folder").ifPresent(vm::saveFolder));
        csv.setId("export-jobs");
        csv.setOnAction(e -> dialogs.save("Export the job table", "jobs-table.csv", List.of("csv"))
                .ifPresent(p -> vm.exportJobs(p, shownJobs())));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox row = new HBox(8, title, gap, open, save, csv);
        row.setAlignment(Pos.CENTER_LEFT);
        FlowPane cards = new FlowPane(8, 8);
        cards.setId("cards");
        Runnable fill = () -> cards.getChildren().setAll(vm.cards().stream().map(ResultsView::card).toList());
        vm.cards().addListener((ListChangeListener<Card>) c -> fill.run());
        fill.run();
        Label status = new Label();
        status.textProperty().bind(vm.status());
        status.setId("results-status");
        status.getStyleClass().add("muted");
        // an empty status line takes no room under the cards
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        status.visibleProperty().bind(status.managedProperty());
        VBox top = new VBox(8, row, cards, status);
        top.setPadding(new Insets(8));
        return top;
    }

    private static Node card(Card c) {
        Label title = new Label(c.title());
        title.getStyleClass().add("card-title");
        Label value = new Label(c.value());
        value.getStyleClass().add("card-value");
        Label detail = new Label(c.detail());
        detail.getStyleClass().add("card-detail");
        detail.setWrapText(true);
        VBox box = new VBox(2, title, value, detail);
        box.getStyleClass().add("card");
        // seven cards side by side in a 1440-pixel window
        box.setPrefWidth(190);
        return box;
    }

    /** Shows the filter value "all" as {@code words}: two boxes that both read "all" did not say which was which. */
    static javafx.util.StringConverter<String> allAs(String words) {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(String value) {
                return ResultsViewModel.ALL.equals(value) ? words : value;
            }

            @Override
            public String fromString(String text) {
                return words.equals(text) ? ResultsViewModel.ALL : text;
            }
        };
    }

    private Node jobsPane() {
        TextField filter = new TextField();
        filter.setId("job-filter");
        filter.setPromptText("filter: job id, GPU type, node (n4)");
        filter.textProperty().bindBidirectional(vm.filterText());
        ComboBox<String> state = new ComboBox<>();
        state.setId("state-filter");
        state.getItems().setAll(vm.states());
        state.valueProperty().bindBidirectional(vm.stateFilter());
        state.setConverter(allAs("all states"));
        ComboBox<String> tenant = new ComboBox<>(vm.tenants());
        tenant.setId("tenant-filter");
        tenant.valueProperty().bindBidirectional(vm.tenantFilter());
        tenant.setConverter(allAs("all tenants"));
        Label count = new Label();
        Runnable counted = () -> {
            count.setText(vm.visibleJobs().size() + " of " + vm.totalJobs() + " jobs");
            csv.setDisable(vm.visibleJobs().isEmpty());
        };
        javafx.collections.ListChangeListener<JobRecord> onChange = c -> counted.run();
        vm.visibleJobs().addListener(onChange);
        vm.visibleJobsProperty().addListener((o, a, b) -> {
            a.removeListener(onChange);
            b.addListener(onChange);
            counted.run();
        });
        counted.run();
        HBox.setHgrow(filter, Priority.ALWAYS);
        HBox bar = new HBox(6, filter, state, tenant, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, bar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(0, 0, 0, 8));
        return box;
    }

    private Node detailTabs() {
        tabs.setId("result-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        TextArea detail = mono("job-detail");
        detail.textProperty().bind(vm.jobDetail());
        TextArea explanation = mono("explanation");
        explanation.textProperty().bind(vm.explanation());
        explanation.setWrapText(true);
        // the job's record is in the pane above: open the explanation at its decisions
        openAtDecisions(explanation);
        TitledPane explained = new TitledPane("Explanation (the text of fleetsim explain)", explanation);
        explained.setCollapsible(false);
        explained.setMaxHeight(Double.MAX_VALUE);
        SplitPane job = new SplitPane(detail, explained);
        job.setOrientation(Orientation.VERTICAL);
        job.setDividerPositions(0.34);
        tabs.getTabs().addAll(
                tab("Job", job),
                tab("GPU timeline", gantt()),
                tab("Heatmap", chart(ResultChartSet.HEATMAP)),
                tab("Topology", topology()),
                tab("CDFs", split(chart(ResultChartSet.WAIT_JCT), chart(ResultChartSet.JCT_TENANT))),
                tab("Cost", split(chart(ResultChartSet.FLEET_COST), chart(ResultChartSet.TENANT_COST))),
                tab("Serving", serving()),
                tab("Time series", grid(chart(ResultChartSet.UTILISATION), chart(ResultChartSet.QUEUE),
                        chart(ResultChartSet.COST), chart(ResultChartSet.POWER))));
        return tabs;
    }

    /** The deployments' table (SLO attainment per service) and the report's serving charts. */
    private Node serving() {
        Label note = new Label();
        note.textProperty().bind(vm.servingNote());
        note.setWrapText(true);
        Button csvServices = new Button("Export table CSV…");
        csvServices.setId("export-services");
        csvServices.setMinWidth(Region.USE_PREF_SIZE);
        csvServices.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.services()));
        csvServices.setOnAction(e -> dialogs.save("Export the serving table", "services.csv", List.of("csv"))
                .ifPresent(vm::exportServices));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, note, gap, csvServices);
        bar.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.control.TableView<dev.fleetsim.engine.metrics.ServiceSummary> services = new javafx.scene.control.TableView<>();
        services.setId("services");
        Tables.show(services, ServiceColumns.ALL, vm.services());
        services.setPrefHeight(24 * 4 + 30);
        services.setMinHeight(24 * 2 + 30);
        // one chart at a time, each the whole pane: four side by side were too small to read
        TabPane charts = new TabPane();
        charts.setId("serving-charts");
        charts.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        charts.getTabs().addAll(tab("Latency CDFs", chart(ResultChartSet.SERVING_LATENCY)),
                tab("Throughput and replicas", chart(ResultChartSet.SERVING_THROUGHPUT)),
                tab("KV cache", chart(ResultChartSet.SERVING_KV)),
                tab("SLO vs training wait", chart(ResultChartSet.SERVING_TRADE_OFF)));
        charts.visibleProperty().bind(vm.servingCharts());
        charts.managedProperty().bind(vm.servingCharts());
        VBox box = new VBox(6, bar, services, charts);
        VBox.setVgrow(charts, Priority.ALWAYS);
        box.setPadding(new Insets(4));
        return box;
    }

    private Node gantt() {
        Button back = new Button("◀ earlier nodes");
        back.setId("gantt-back");
        back.setOnAction(e -> vm.ganttFrom().set(Math.max(0, vm.ganttFrom().get() - ResultsViewModel.GANTT_NODES)));
        back.disableProperty().bind(vm.ganttFrom().isEqualTo(0));
        Button next = new Button("later nodes ▶");
        next.setId("gantt-next");
        next.setOnAction(e -> vm.ganttFrom().set(Math.min(Math.max(0, vm.nodes().get() - 1),
                vm.ganttFrom().get() + ResultsViewModel.GANTT_NODES)));
        next.disableProperty().bind(vm.ganttFrom().add(ResultsViewModel.GANTT_NODES).greaterThanOrEqualTo(vm.nodes()));
        Label which = new Label();
        which.textProperty().bind(Bindings.createStringBinding(() -> "nodes " + vm.ganttFrom().get() + "–"
                + (Math.min(vm.nodes().get(), vm.ganttFrom().get() + ResultsViewModel.GANTT_NODES) - 1) + " of " + vm.nodes().get()
                + "; select a job to outline it", vm.ganttFrom(), vm.nodes()));
        HBox bar = new HBox(8, back, next, which);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        ChartPane pane = chart(ResultChartSet.GANTT);
        VBox box = new VBox(bar, pane);
        VBox.setVgrow(pane, Priority.ALWAYS);
        return box;
    }

    private Node topology() {
        CheckBox peak = new CheckBox("colour by peak utilisation (instead of the run's mean)");
        peak.selectedProperty().bindBidirectional(vm.peakLoads());
        ChartPane pane = chart(ResultChartSet.TOPOLOGY);
        VBox box = new VBox(4, peak, pane);
        box.setPadding(new Insets(4));
        VBox.setVgrow(pane, Priority.ALWAYS);
        return box;
    }

    private ChartPane chart(String name) {
        return new ChartPane(name, vm.charts().chart(name), dialogs, threads, vm.status()::set);
    }

    private static Node split(Node... parts) {
        SplitPane s = new SplitPane(parts);
        s.setOrientation(Orientation.VERTICAL);
        // equal shares: left alone, a pane laid out before its charts came gave one chart most of the height
        double[] at = new double[parts.length - 1];
        for (int i = 0; i < at.length; i++) {
            at[i] = (i + 1.0) / parts.length;
        }
        s.setDividerPositions(at);
        return s;
    }

    /** Four charts in two rows of two, each a quarter of the pane. */
    private static Node grid(Node a, Node b, Node c, Node d) {
        javafx.scene.layout.GridPane g = new javafx.scene.layout.GridPane();
        g.setHgap(4);
        g.setVgap(4);
        g.add(a, 0, 0);
        g.add(b, 1, 0);
        g.add(c, 0, 1);
        g.add(d, 1, 1);
        for (int i = 0; i < 2; i++) {
            javafx.scene.layout.ColumnConstraints col = new javafx.scene.layout.ColumnConstraints();
            col.setPercentWidth(50);
            g.getColumnConstraints().add(col);
            javafx.scene.layout.RowConstraints row = new javafx.scene.layout.RowConstraints();
            row.setPercentHeight(50);
            row.setVgrow(Priority.ALWAYS);
            g.getRowConstraints().add(row);
        }
        return g;
    }

    private static Tab tab(String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId("tab-" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        return t;
    }

    /** Each new text of {@code area} opens at its decisions, once the text is laid out (a scroll before is clamped to 0). */
    static void openAtDecisions(TextArea area) {
        area.textProperty().addListener((o, a, b) -> {
            javafx.scene.Scene scene = area.getScene();
            if (scene == null) {
                return;
            }
            Runnable[] once = new Runnable[1];
            once[0] = () -> javafx.application.Platform.runLater(() -> {
                scene.removePostLayoutPulseListener(once[0]);
                scrollToDecisions(area);
            });
            scene.addPostLayoutPulseListener(once[0]);
            javafx.application.Platform.requestNextPulse();
        });
    }

    /**
     * Scrolls an explanation to its first line after the job's record ({@code decisions:} or why
     * there are none): where the text's own layout puts that line (wrapped lines included), the
     * line count times the font's line height before the text is laid out.
     */
    static void scrollToDecisions(TextArea area) {
        String text = area.getText() == null ? "" : area.getText();
        int at = text.indexOf("\n\n");
        if (at < 0) {
            area.setScrollTop(0);
            return;
        }
        area.applyCss();
        area.layout();
        Node shown = area.lookup(".content .text");
        if (shown instanceof javafx.scene.text.Text) {
            javafx.scene.shape.PathElement[] caret = ((javafx.scene.text.Text) shown).caretShape(at + 2, true);
            if (caret.length > 0 && caret[0] instanceof javafx.scene.shape.MoveTo) {
                double y = ((javafx.scene.shape.MoveTo) caret[0]).getY() + shown.getLayoutY();
                area.setScrollTop(Math.max(0, y - 4));
                return;
            }
        }
        long lines = text.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
        area.setScrollTop(Math.max(0, lines * area.getFont().getSize() * 1.3 - 4));
    }

    private static TextArea mono(String id) {
        TextArea t = new TextArea();
        t.setId(id);
        t.setEditable(false);
        t.setWrapText(false);
        t.getStyleClass().add("yaml");
        return t;
    }

    /** Selects a job's row (scrolling to it), as a click would. */
    public void selectJob(String id) {
        for (JobRecord j : table.getItems()) {
            if (j.id().equals(id)) {
                table.getSelectionModel().select(j);
                table.scrollTo(j);
                return;
            }
        }
    }

    /** Shows a tab of the details by its title. */
    public void showTab(String title) {
        tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
    }
}
