package dev.fleetsim.desktop;

import dev.fleetsim.desktop.fx.ChartPane;
import dev.fleetsim.desktop.results.ResultChartSet;
import dev.fleetsim.desktop.run.RunViewModel;
import dev.fleetsim.engine.metrics.Csv;
import dev.fleetsim.engine.metrics.JobRecord;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.fleetsim.desktop.AppUnderTest.byId;
import static dev.fleetsim.desktop.AppUnderTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app under headless Monocle, driven like a user: open the quickstart, break a field and see
 * the error, undo it; run the quickstart to its end, sort the job table, export a chart and the
 * table. Waits on conditions (WaitForAsyncUtils), never on sleeps.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopAppTest {
    private final FixedDialogs dialogs = new FixedDialogs();
    private AppContext context;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        context = AppUnderTest.show(stage, dialogs);
    }

    @Stop
    void stop() {
        context.threads().close();
    }

    private void openQuickstart(FxRobot robot) throws Exception {
        dialogs.opens.add(TestFiles.scenario("quickstart.yaml"));
        robot.clickOn("#open");
        waitFor(30, () -> context.session().scenario().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void openAScenarioBreakAFieldSeeTheErrorAndUndoIt(FxRobot robot) throws Exception {
        openQuickstart(robot);
        robot.interact(() -> context.editorView().showSection("cluster"));
        TextField count = byId(robot, "field-cluster.nodeGroups[0].count");
        assertEquals("12", count.getText());

        robot.clickOn(count);
        robot.interact(count::selectAll);
        robot.write("0");
        waitFor(20, () -> !context.editor().problems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        Label error = byId(robot, "error-cluster.nodeGroups[0].count");
        assertTrue(error.isVisible());
        assertTrue(error.getText().startsWith("found 0; expected an integer from 1"), error.getText());
        assertTrue(count.getPseudoClassStates().contains(PseudoClass.getPseudoClass("error")));
        ListView<?> problems = byId(robot, "problems");
        assertEquals(1, problems.getItems().size());
        TextArea yaml = byId(robot, "yaml");
        assertTrue(yaml.getText().contains("      count: 0\n"), "the text follows the form");

        robot.clickOn(robot.lookup("#problems .list-cell").nth(0).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("0", yaml.getSelectedText(), "a click on the problem selects its text");

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitFor(20, () -> context.session().scenario().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("12", count.getText());
        assertTrue(!error.isVisible());
        assertTrue(yaml.getText().contains("      count: 12\n"));
    }

    /**
     * Waits for a background export to land (the file appears whole: it is written atomically). A
     * failed write says so on the results' status line and ends the wait at once with its message;
     * only a write that neither lands nor fails waits out the limit, generous because a loaded
     * machine draws the 301-job timeline slowly (30 s was not always enough).
     */
    private void exported(Path file) throws Exception {
        waitFor(180, () -> Files.isRegularFile(file) || String.valueOf(context.results().status().get())
                .startsWith("cannot write " + file));
        assertTrue(Files.isRegularFile(file), "export of " + file + ": " + context.results().status().get());
    }

    @Test
    void runTheQuickstartToTheEndSortTheJobsAndExportAChartAndTheTable(FxRobot robot) throws Exception {
        openQuickstart(robot);
        robot.interact(() -> context.session().show(Screens.RUN));
        robot.clickOn("#start");
        waitFor(120, () -> context.run().state().get() == RunViewModel.State.FINISHED);
        ChartPane gpus = byId(robot, "chart-live-gpus");
        WaitForAsyncUtils.waitForFxEvents();
        double top = gpus.chart().getXYPlot().getRangeAxis().getUpperBound();
        assertTrue(top >= 90 && top <= 110, "the live GPU chart's axis spans the 96 GPUs: " + top);
        assertEquals("simulated time (d)", gpus.chart().getXYPlot().getDomainAxis().getLabel(), "the unit of the run's span");
        double end = gpus.chart().getXYPlot().getDomainAxis().getUpperBound();
        assertTrue(end > 2.9 && end < 3.6, "and the run's three days and more: " + end);
        robot.clickOn("#show-results");
        waitFor(60, () -> context.results().charts().chart(ResultChartSet.GANTT).get() != null
                && context.results().charts().chart(ResultChartSet.HEATMAP).get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        TableView<JobRecord> jobs = byId(robot, "jobs");
        assertEquals(301, jobs.getItems().size());
        robot.clickOn("#col-gpus");
        WaitForAsyncUtils.waitForFxEvents();
        int[] up = jobs.getItems().stream().mapToInt(JobRecord::gpus).toArray();
        int[] sorted = up.clone();
        Arrays.sort(sorted);
        assertTrue(Arrays.equals(sorted, up), "ascending by GPUs");
        robot.clickOn("#col-gpus");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(64, jobs.getItems().get(0).gpus(), "then descending: a 64-GPU job first");

        robot.interact(() -> context.resultsView().showTab("GPU timeline"));
        Path png = dir.resolve("timeline.png");
        dialogs.saves.add(png);
        robot.clickOn("#export-png-gpu-timeline");
        exported(png);
        Path svg = dir.resolve("timeline.svg");
        dialogs.saves.add(svg);
        robot.clickOn("#export-svg-gpu-timeline");
        exported(svg);
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertTrue(Arrays.equals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head), "a PNG file");
        assertTrue(new String(Files.readAllBytes(svg), StandardCharsets.UTF_8).contains("<svg"), "an SVG document");

        Path csv = dir.resolve("jobs.csv");
        dialogs.saves.add(csv);
        robot.clickOn("#export-jobs");
        exported(csv);
        List<String[]> rows = Csv.parse(Files.readString(csv));
        assertEquals(302, rows.size());
        assertEquals(jobs.getItems().get(0).id(), rows.get(1)[0], "the table's order");
        assertEquals("64", rows.get(1)[3]);
    }
}
