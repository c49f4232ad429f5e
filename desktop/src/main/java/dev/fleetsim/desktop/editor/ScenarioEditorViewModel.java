package dev.fleetsim.desktop.editor;

import dev.fleetsim.desktop.DesktopSession;
import dev.fleetsim.desktop.Threads;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.Validation;
import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.scenario.Problem;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario editor's state: the YAML text (the one source of truth), the form over it, the
 * engine's problems with it, undo and redo, the file and the recent files. Every change, typed or
 * made in the form, goes through {@link #apply}: it records an undo step, re-reads the form and
 * asks the façade to validate (debounced, off the UI thread; a newer text wins). A valid text's
 * spec is published on the session for the run and compare screens.
 */
public final class ScenarioEditorViewModel {
    static final long VALIDATE_AFTER_MS = 250;
    static final long MERGE_TYPING_MS = 800;

    private final Fleetsim fleetsim;
    private final Threads threads;
    private final DesktopSession session;
    private final RecentFiles recent;
    private final FormSchema schema;
    private final EditHistory history;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>(this, "file");
    private final BooleanProperty dirty = new SimpleBooleanProperty(this, "dirty");
    private final BooleanProperty canUndo = new SimpleBooleanProperty(this, "canUndo");
    private final BooleanProperty canRedo = new SimpleBooleanProperty(this, "canRedo");
    private final BooleanProperty validating = new SimpleBooleanProperty(this, "validating");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final IntegerProperty formVersion = new SimpleIntegerProperty(this, "formVersion");
    private final IntegerProperty loads = new SimpleIntegerProperty(this, "loads");
    private final ObjectProperty<int[]> selection = new SimpleObjectProperty<>(this, "selection");
    private final ObservableList<ProblemItem> problems = FXCollections.observableArrayList();
    private final ObservableList<Path> recentFiles = FXCollections.observableArrayList();
    private FormTree form;
    private YamlDocument doc;
    private String savedText = "";
    private long generation;
    private Threads.Cancellable pendingValidation = () -> { };
    private List<String> rebuiltSections = List.of();

    public ScenarioEditorViewModel(Fleetsim fleetsim, Threads threads, DesktopSession session, RecentFiles recent) {
        this.fleetsim = fleetsim;
        this.threads = threads;
        this.session = session;
        this.recent = recent;
        this.schema = FormSchema.of(dev.fleetsim.engine.scenario.ScenarioSchema.json(fleetsim.policies().names()));
        this.history = new EditHistory("", MERGE_TYPING_MS, System::nanoTime);
        this.doc = YamlDocument.parse("");
        this.form = new FormTree(schema, doc, List.of());
        recentFiles.setAll(recent.list());
        session.scenarioSource().set("untitled");
    }

    // ---- properties ----

    public ReadOnlyStringProperty text() {
        return text;
    }

    public ReadOnlyObjectProperty<Path> file() {
        return file;
    }

    public ReadOnlyBooleanProperty dirty() {
        return dirty;
    }

    public ReadOnlyBooleanProperty canUndo() {
        return canUndo;
    }

    public ReadOnlyBooleanProperty canRedo() {
        return canRedo;
    }

    public ReadOnlyBooleanProperty validating() {
        return validating;
    }

    /** One line for the status bar: valid, the problem count, a file error. */
    public ReadOnlyStringProperty status() {
        return status;
    }

    /** Bumped when form sections were rebuilt (their shape changed): the view rebuilds them. */
    public ReadOnlyIntegerProperty formVersion() {
        return formVersion;
    }

    /** Bumped when a file or a new scenario replaced the text: the view shows its start. */
    public ReadOnlyIntegerProperty loads() {
        return loads;
    }

    /** The ids of the sections the last {@link #formVersion} change rebuilt. */
    public List<String> rebuiltSections() {
        return rebuiltSections;
    }

    /** A [start, end) range of the text the view should select (a problem clicked). */
    public ReadOnlyObjectProperty<int[]> selection() {
        return selection;
    }

    public ObservableList<ProblemItem> problems() {
        return FXCollections.unmodifiableObservableList(problems);
    }

    public ObservableList<Path> recentFiles() {
        return FXCollections.unmodifiableObservableList(recentFiles);
    }

    public FormTree form() {
        return form;
    }

    /** The shipped GPU types, as the schema offers them for a node group's {@code gpuType}. */
    public List<String> catalogueGpuTypes() {
        return schema.root().property("cluster").map(FormSchema.Property::shape)
                .filter(FormSchema.Obj.class::isInstance).map(FormSchema.Obj.class::cast)
                .flatMap(c -> c.property("nodeGroups")).map(FormSchema.Property::shape)
                .filter(FormSchema.ListOf.class::isInstance).map(l -> ((FormSchema.ListOf) l).items())
                .filter(FormSchema.Obj.class::isInstance).map(FormSchema.Obj.class::cast)
                .flatMap(g -> g.property("gpuType")).map(FormSchema.Property::shape)
                .filter(FormSchema.Scalar.class::isInstance).map(s -> ((FormSchema.Scalar) s).options()).orElse(List.of());
    }

    /** The name the validation and the title use: the file's name, or {@code untitled.yaml}. */
    public String sourceName() {
        return file.get() == null ? "untitled.yaml" : file.get().getFileName().toString();
    }

    // ---- edits ----

    /** The user typed in the YAML text. */
    public void editText(String newText) {
        apply(newText, EditHistory.Origin.TEXT, "");
    }

    /** The user changed a form field: an empty text removes the key (its default applies). */
    public void setField(FormNode.Field field, String value) {
        String v = value.strip();
        if (v.equals(field.value().get()) || !doc.parsed()) {
            return;
        }
        String out;
        if (v.isEmpty()) {
            out = YamlEdits.remove(doc, field.path());
        } else if (field.spec().kind() == FormSchema.Kind.LIST) {
            List<String> items = new ArrayList<>();
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    items.add(s.strip());
                }
            }
            out = YamlEdits.set(doc, field.path(), YamlEdits.flowList(items, true));
        } else {
            out = YamlEdits.set(doc, field.path(), YamlEdits.scalar(v, field.spec().kind() == FormSchema.Kind.TEXT));
        }
        apply(out, EditHistory.Origin.FORM, field.path().toString());
    }

    /** Adds an item: a copy of item {@code copyOf} (with a fresh id or name), or the list's template; -1 for the template. */
    public void addItem(FormNode.ListNode list, int copyOf) {
        apply(ListEdits.add(doc, list, copyOf), EditHistory.Origin.STRUCTURE, "");
    }

    /** Adds a trace generator (Philly statistics) to a workload's generators. */
    public void addTraceGenerator(FormNode.ListNode generators) {
        apply(ListEdits.addTrace(doc, generators), EditHistory.Origin.STRUCTURE, "");
    }

    public void removeItem(FormNode.ListNode list, int index) {
        apply(YamlEdits.remove(doc, list.path().index(index)), EditHistory.Origin.STRUCTURE, "");
    }

    /** Adds a named entry: a GPU type based on a shipped one, or a policy parameter. */
    public void addEntry(FormNode.Entries entries, String key, String value) {
        if (key.isBlank() || !doc.parsed()) {
            return;
        }
        String yaml = entries.free() ? YamlEdits.scalar(value.strip(), true) : "{basedOn: " + YamlEdits.scalar(value, true) + "}";
        apply(YamlEdits.set(doc, entries.path().key(key.strip()), yaml), EditHistory.Origin.STRUCTURE, "");
    }

    public void removeEntry(FormNode entry) {
        apply(YamlEdits.remove(doc, entry.path()), EditHistory.Origin.STRUCTURE, "");
    }

    public void undo() {
        history.undo().ifPresent(t -> show(t));
    }

    public void redo() {
        history.redo().ifPresent(t -> show(t));
    }

    /** Selects the text of a problem's path. */
    public void select(ProblemItem p) {
        selection.set(new int[] {p.start(), p.end()});
    }

    private void apply(String newText, EditHistory.Origin origin, String formPath) {
        history.record(newText, origin, formPath);
        show(newText);
    }

    /** Shows a text: the form follows it and a validation is scheduled. */
    private void show(String newText) {
        text.set(newText);
        dirty.set(!newText.equals(savedText));
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
        doc = YamlDocument.parse(newText);
        List<Problem> stale = problems.stream().map(ProblemItem::problem).toList();
        List<String> rebuilt = form.refresh(doc, stale);
        if (!rebuilt.isEmpty()) {
            rebuiltSections = rebuilt;
            formVersion.set(formVersion.get() + 1);
        }
        scheduleValidation();
    }

    // ---- validation ----

    private void scheduleValidation() {
        long gen = ++generation;
        String snapshot = text.get();
        String source = sourceName();
        validating.set(true);
        pendingValidation.cancel();
        pendingValidation = threads.later(VALIDATE_AFTER_MS, () -> threads.background(() -> {
            Validation v = fleetsim.validate(snapshot, source);
            threads.ui().execute(() -> validated(gen, v));
        }));
    }

    private void validated(long gen, Validation v) {
        if (gen != generation) {
            return;
        }
        validating.set(false);
        List<ProblemItem> items = v.problems().stream().map(p -> ProblemItem.of(p, doc)).toList();
        problems.setAll(items);
        form.problems(v.problems());
        session.scenario().set(v.spec().orElse(null));
        session.problems().set(items.size());
        status.set(v.valid() ? "valid — " + v.spec().get().cluster().totalGpus() + " GPUs, policy " + v.spec().get().policy().name()
                : items.size() + (items.size() == 1 ? " problem" : " problems"));
    }

    // ---- files ----

    /** Starts an empty scenario (nothing to undo). */
    public void newScenario(String initial) {
        loaded(null, initial);
    }

    /** Reads a file off the UI thread and shows it; a file that cannot be read leaves the editor as it was. */
    public void open(Path path) {
        threads.background(() -> {
            try {
                String content = Files.readString(path, StandardCharsets.UTF_8);
                threads.ui().execute(() -> {
                    loaded(path, content);
                    remember(path);
                });
            } catch (IOException | RuntimeException e) {
                threads.ui().execute(() -> {
                    status.set("cannot open " + path + ": " + e.getMessage());
                    recent.remove(path);
                    recentFiles.setAll(recent.list());
                });
            }
        });
    }

    /** Saves to the file the text came from; false when there is none yet (the view asks for one). */
    public boolean save() {
        if (file.get() == null) {
            return false;
        }
        saveAs(file.get());
        return true;
    }

    /** Writes the text atomically (a crash never leaves half a file). */
    public void saveAs(Path path) {
        String content = text.get();
        threads.background(() -> {
            try {
                AtomicFiles.writeString(path.toAbsolutePath(), content);
                threads.ui().execute(() -> {
                    savedText = content;
                    file.set(path);
                    dirty.set(!text.get().equals(savedText));
                    session.scenarioSource().set(path.toString());
                    status.set("saved " + path);
                    remember(path);
                });
            } catch (IOException | RuntimeException e) {
                threads.ui().execute(() -> status.set("cannot save " + path + ": " + e.getMessage()));
            }
        });
    }

    private void loaded(Path path, String content) {
        savedText = content;
        file.set(path);
        session.scenarioSource().set(path == null ? "untitled" : path.toString());
        history.reset(content);
        problems.clear();
        show(content);
        loads.set(loads.get() + 1);
    }

    private void remember(Path path) {
        recent.add(path);
        recentFiles.setAll(recent.list());
    }
}
