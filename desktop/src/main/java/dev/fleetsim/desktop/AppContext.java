package dev.fleetsim.desktop;

import dev.fleetsim.desktop.compare.CompareViewModel;
import dev.fleetsim.desktop.editor.RecentFiles;
import dev.fleetsim.desktop.editor.ScenarioEditorView;
import dev.fleetsim.desktop.editor.ScenarioEditorViewModel;
import dev.fleetsim.desktop.editor.TopologyPreview;
import dev.fleetsim.desktop.plan.PlanView;
import dev.fleetsim.desktop.plan.PlanViewModel;
import dev.fleetsim.desktop.results.ResultsView;
import dev.fleetsim.desktop.results.ResultsViewModel;
import dev.fleetsim.desktop.run.RunViewModel;
import dev.fleetsim.engine.Fleetsim;

import java.util.List;

/**
 * What the screens are made from: the engine's façade (the same one the command line uses), the
 * app's threads, the shared session, the file dialogs, and one view model per screen. Views are
 * made once, when the window is.
 */
public final class AppContext {
    private final Fleetsim fleetsim;
    private final Threads threads;
    private final FileDialogs dialogs;
    private final DesktopSession session = new DesktopSession();
    private final ScenarioEditorViewModel editor;
    private final TopologyPreview preview;
    private final RunViewModel run;
    private final ResultsViewModel results;
    private final CompareViewModel compare;
    private final PlanViewModel plan;
    private ScenarioEditorView editorView;
    private ResultsView resultsView;
    private PlanView planView;

    public AppContext(Fleetsim fleetsim, Threads threads, FileDialogs dialogs, RecentFiles recent) {
        this.fleetsim = fleetsim;
        this.threads = threads;
        this.dialogs = dialogs;
        this.editor = new ScenarioEditorViewModel(fleetsim, threads, session, recent);
        this.preview = new TopologyPreview(fleetsim, threads, session);
        this.run = new RunViewModel(fleetsim, threads, session);
        this.results = new ResultsViewModel(fleetsim, threads, session);
        this.compare = new CompareViewModel(fleetsim, threads, session);
        this.plan = new PlanViewModel(fleetsim, threads, new PlanViewModel.Scenarios() {
            @Override
            public void edit(String yaml) {
                editor.newScenario(yaml);
                session.show(Screens.EDITOR);
            }

            @Override
            public void run(String yaml) {
                runOnceValid();
                editor.newScenario(yaml);
                session.show(Screens.RUN);
            }
        });
    }

    /** Starts a run when the editor's next validation ends with a valid scenario (else shows the editor's problems). */
    private void runOnceValid() {
        editor.validating().addListener(new javafx.beans.value.ChangeListener<Boolean>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (!now) {
                    editor.validating().removeListener(this);
                    // after the editor has handed its validation's scenario to the session
                    threads.ui().execute(() -> {
                        if (session.scenario().get() != null) {
                            run.start();
                        } else {
                            session.show(Screens.EDITOR);
                        }
                    });
                }
            }
        });
    }

    public Fleetsim fleetsim() {
        return fleetsim;
    }

    public Threads threads() {
        return threads;
    }

    public FileDialogs dialogs() {
        return dialogs;
    }

    public DesktopSession session() {
        return session;
    }

    public ScenarioEditorViewModel editor() {
        return editor;
    }

    public TopologyPreview preview() {
        return preview;
    }

    public RunViewModel run() {
        return run;
    }

    public ResultsViewModel results() {
        return results;
    }

    public CompareViewModel compare() {
        return compare;
    }

    public PlanViewModel plan() {
        return plan;
    }

    /** The GPU types a new hardware entry may be based on: the shipped catalogue's, as the schema offers them. */
    public List<String> gpuTypes() {
        return editor.catalogueGpuTypes();
    }

    public ScenarioEditorView editorView() {
        if (editorView == null) {
            editorView = Screens.editor(this);
        }
        return editorView;
    }

    public PlanView planView() {
        if (planView == null) {
            planView = Screens.plan(this);
        }
        return planView;
    }

    public ResultsView resultsView() {
        if (resultsView == null) {
            resultsView = Screens.results(this);
        }
        return resultsView;
    }
}
