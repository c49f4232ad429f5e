package dev.fleetsim.desktop.results;

import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The explanation pane opens at the job's decisions: after the job's record (forty lines, some
 * wrapping) the {@code decisions:} line is at the top of the pane, wherever the layout put it.
 */
@ExtendWith(ApplicationExtension.class)
class ExplanationScrollTest {
    private TextArea area;

    @Start
    void start(Stage stage) {
        area = new TextArea();
        area.setWrapText(true);
        area.getStyleClass().add("yaml");
        stage.setScene(new Scene(area, 420, 240));
        stage.show();
        ResultsView.openAtDecisions(area);
    }

    @Test
    void theDecisionsLineIsAtTheTop(FxRobot robot) {
        StringBuilder job = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            job.append(String.format("%-22s %s%n", "column_" + i, i % 7 == 0 ? "a value long enough to wrap in a narrow pane, "
                    + "as a placement of many nodes does: n0[0-7] n1[0-7] n2[0-7] n3[0-7] n4[0-7]" : "v" + i));
        }
        String text = job + "\ndecisions:\nt=0.000 s  waited  capacity\n" + "    detail\n".repeat(40);
        robot.interact(() -> area.setText(text));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
        Text shown = (Text) area.lookup(".content .text");
        double y = ((javafx.scene.shape.MoveTo) shown.caretShape(text.indexOf("decisions:"), true)[0]).getY() + shown.getLayoutY();
        assertTrue(area.getScrollTop() > 300, "scrolled past the job's record: " + area.getScrollTop());
        assertEquals(y, area.getScrollTop() + 4, 1.0, "the decisions line at the top");
    }
}
