package dev.fleetsim.desktop;

import dev.fleetsim.desktop.compare.CompareView;
import dev.fleetsim.desktop.editor.ScenarioEditorView;
import dev.fleetsim.desktop.plan.PlanView;
import dev.fleetsim.desktop.results.ResultsView;
import dev.fleetsim.desktop.run.RunView;

import java.util.List;

/** The window's screens, in tab order. */
public final class Screens {
    public static final String EDITOR = "editor";
    public static final String RUN = "run";
    public static final String RESULTS = "results";
    public static final String COMPARE = "compare";
    public static final String PLAN = "plan";

    private Screens() {
    }

    public static List<Screen> all() {
        return List.of(
                Screen.of(EDITOR, "Scenario", c -> c.editorView()),
                Screen.of(RUN, "Run", c -> new RunView(c.run(), c.session(), c.dialogs(), c.threads())),
                Screen.of(RESULTS, "Results", c -> c.resultsView()),
                Screen.of(COMPARE, "Compare", c -> new CompareView(c.compare(), c.session(), c.dialogs(), c.threads())),
                Screen.of(PLAN, "Plan", c -> c.planView()));
    }

    static ScenarioEditorView editor(AppContext c) {
        return new ScenarioEditorView(c.editor(), c.preview(), c.dialogs(), c.threads(), c.gpuTypes());
    }

    static PlanView plan(AppContext c) {
        return new PlanView(c.plan(), c.dialogs(), c.threads());
    }

    static ResultsView results(AppContext c) {
        return new ResultsView(c.results(), c.dialogs(), c.threads());
    }
}
