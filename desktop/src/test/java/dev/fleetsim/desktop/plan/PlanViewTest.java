package dev.fleetsim.desktop.plan;

import dev.fleetsim.desktop.AppContext;
import dev.fleetsim.desktop.AppUnderTest;
import dev.fleetsim.desktop.FixedDialogs;
import dev.fleetsim.desktop.Screens;
import dev.fleetsim.desktop.TestFiles;
import dev.fleetsim.desktop.run.RunViewModel;
import dev.fleetsim.planner.Configuration;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.function.Predicate;

import static dev.fleetsim.desktop.AppUnderTest.byId;
import static dev.fleetsim.desktop.AppUnderTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plan screen under headless Monocle, driven like a user: open a plan, plan it, click a
 * marker of the Pareto chart and see that configuration, click a choice's row, then run the
 * configuration and see it end on the run screen.
 */
@ExtendWith(ApplicationExtension.class)
class PlanViewTest {
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

    @Test
    void planClickAMarkerAndARowThenRunTheConfiguration(FxRobot robot) throws Exception {
        robot.interact(() -> context.session().show(Screens.PLAN));
        dialogs.opens.add(TestFiles.smallPlan(dir));
        robot.clickOn("#plan-open");
        waitFor(30, () -> context.plan().plan().get() != null);
        robot.clickOn("#plan-start");
        waitFor(120, () -> context.plan().result().get() != null);
        Predicate<Node> isViewer = n -> n instanceof ChartViewer;
        waitFor(30, () -> robot.lookup("#chart-pareto").lookup(isViewer).tryQuery().isPresent());
        ChartViewer viewer = robot.lookup("#chart-pareto").lookup(isViewer).query();
        // the chart's entities belong to the FX thread, which redraws them: read them there
        waitFor(30, () -> WaitForAsyncUtils.asyncFx(() -> viewer.getRenderingInfo() != null
                && viewer.getRenderingInfo().getEntityCollection() != null && marker(viewer) != null).get());
        WaitForAsyncUtils.waitForFxEvents();

        // a marker of a configuration that is not the chosen one
        XYItemEntity item = WaitForAsyncUtils.asyncFx(() -> marker(viewer)).get();
        assertNotNull(item, "the chart has a marker of a configuration other than the chosen one");
        String series = String.valueOf(item.getDataset().getSeriesKey(item.getSeriesIndex()));
        double cost = item.getDataset().getXValue(item.getSeriesIndex(), item.getItem());
        Rectangle2D at = item.getArea().getBounds2D();
        Point2D screen = WaitForAsyncUtils.asyncFx(() -> viewer.getCanvas().localToScreen(at.getCenterX(), at.getCenterY())).get();
        robot.clickOn(screen);
        waitFor(10, () -> context.plan().selected().get() != null && context.plan().selected().get().label().equals(series)
                && context.plan().selected().get().costUsdPerMonth() == cost);
        Configuration k = context.plan().selected().get();
        TextArea selected = byId(robot, "plan-selected");
        assertTrue(selected.getText().startsWith(series + " × " + k.nodes() + " nodes"), selected.getText());
        TextArea chosen = byId(robot, "plan-chosen");
        assertTrue(chosen.getText().contains("margin"), chosen.getText());
        TableView<?> sensitivity = byId(robot, "plan-sensitivity");
        assertEquals(context.plan().result().get().sensitivity().size(), sensitivity.getItems().size());
        // the effect column wraps within the pane instead of running off it (a sideways scroll bar before)
        double used = sensitivity.getColumns().stream().mapToDouble(javafx.scene.control.TableColumn::getWidth).sum();
        assertTrue(used <= sensitivity.getWidth(), "columns " + used + " px in a table of " + sensitivity.getWidth() + " px");
        java.util.Set<String> shown = robot.lookup("#plan-sensitivity .wrapped-cell").queryAllAs(javafx.scene.text.Text.class)
                .stream().map(javafx.scene.text.Text::getText).collect(java.util.stream.Collectors.toSet());
        for (var r : context.plan().result().get().sensitivity()) {
            assertTrue(shown.contains(r.effect()), "the whole effect is shown: " + r.effect() + " in " + shown);
        }

        // a row of the choices' table
        TableView<?> choices = byId(robot, "plan-choices");
        assertEquals(2, choices.getItems().size());
        robot.clickOn(robot.lookup("#plan-choices .table-row-cell").nth(1).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        String row = context.plan().candidates().stream().filter(c -> c == choices.getSelectionModel().getSelectedItem())
                .findFirst().orElseThrow().label();
        assertEquals(row, context.plan().selected().get().label());

        // run it: the editor gets its scenario, the run screen runs it to the end
        int nodes = context.plan().selected().get().nodes();
        robot.clickOn("#plan-run");
        waitFor(120, () -> context.run().state().get() == RunViewModel.State.FINISHED);
        assertEquals(nodes, context.session().scenario().get().cluster().nodeGroups().get(0).count());
        assertTrue(context.editor().text().get().startsWith("# Configuration " + row + " × " + nodes + " nodes of plan small-plan"),
                context.editor().text().get());
    }

    /** The first marker of a choice's series that is not the chosen configuration. */
    private XYItemEntity marker(ChartViewer viewer) {
        var chosen = context.plan().result().get().chosen().orElseThrow();
        for (Object o : viewer.getRenderingInfo().getEntityCollection().getEntities()) {
            if (o instanceof XYItemEntity) {
                XYItemEntity e = (XYItemEntity) o;
                String key = String.valueOf(e.getDataset().getSeriesKey(e.getSeriesIndex()));
                double x = e.getDataset().getXValue(e.getSeriesIndex(), e.getItem());
                if (!key.equals("Pareto front") && !key.equals("chosen") && Math.abs(x - chosen.costUsdPerMonth().mean()) > 1) {
                    return e;
                }
            }
        }
        return null;
    }
}
