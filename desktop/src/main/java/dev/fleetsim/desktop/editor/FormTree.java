package dev.fleetsim.desktop.editor;

import dev.fleetsim.engine.scenario.Problem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The form of one scenario document: a section per part of the format (the scenario itself with
 * its simulation settings, hardware, cluster, workload, policy, cost), each a tree of
 * {@link FormNode}s built from the {@link FormSchema} and the document's values. When the text
 * changes, {@link #refresh} updates values and errors in place as long as the shape of the form
 * is the same (a control being typed into keeps its focus), and reports when a section must be
 * rebuilt (an item added, a model written as a map).
 */
public final class FormTree {

    /** One tab of the form. */
    public record Section(String id, String title, FormNode.Group body) {
    }

    private final FormSchema schema;
    private YamlDocument doc;
    private List<Problem> problems;
    private List<Section> sections;

    public FormTree(FormSchema schema, YamlDocument doc, List<Problem> problems) {
        this.schema = schema;
        this.doc = doc;
        this.problems = List.copyOf(problems);
        this.sections = build();
        applyProblems();
    }

    public List<Section> sections() {
        return sections;
    }

    public Optional<Section> section(String id) {
        return sections.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * Takes a new text and its problems: values and errors change in place where the form keeps
     * its shape; the ids of the sections that were rebuilt are returned.
     */
    public List<String> refresh(YamlDocument newDoc, List<Problem> newProblems) {
        this.doc = newDoc;
        this.problems = List.copyOf(newProblems);
        List<Section> fresh = build();
        List<String> rebuilt = new ArrayList<>();
        List<Section> kept = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            Section old = sections.get(i);
            Section now = fresh.get(i);
            if (update(old.body(), now.body())) {
                kept.add(old);
            } else {
                kept.add(now);
                rebuilt.add(now.id());
            }
        }
        sections = kept;
        applyProblems();
        return rebuilt;
    }

    /** Only the problems changed (a validation finished). */
    public void problems(List<Problem> newProblems) {
        this.problems = List.copyOf(newProblems);
        applyProblems();
    }

    private List<Section> build() {
        FormSchema.Obj root = schema.root();
        List<FormNode> general = new ArrayList<>();
        List<Section> out = new ArrayList<>();
        out.add(null);
        for (FormSchema.Property p : root.properties()) {
            YamlPath path = YamlPath.ROOT.key(p.name());
            if (p.shape() instanceof FormSchema.Scalar || p.name().equals("simulation")) {
                general.add(node(p.shape(), path, p.name(), p.required()));
            } else {
                FormNode n = node(p.shape(), path, p.name(), p.required());
                FormNode.Group body = n instanceof FormNode.Group ? (FormNode.Group) n
                        : new FormNode.Group(path, p.name(), p.shape().description(), List.of(n));
                out.add(new Section(p.name(), title(p.name()), body));
            }
        }
        out.set(0, new Section("scenario", "Scenario", new FormNode.Group(YamlPath.ROOT, "scenario", root.description(), general)));
        return out;
    }

    private static String title(String key) {
        return Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    FormNode.Group item(FormNode.ListNode list, int i) {
        YamlPath path = list.path().index(i);
        FormNode n = node(list.spec().items(), path, list.labels().get(i), false);
        FormNode.Group g = n instanceof FormNode.Group ? (FormNode.Group) n
                : new FormNode.Group(path, list.labels().get(i), "", List.of(n));
        applyProblems(g);
        return g;
    }

    private FormNode node(FormSchema.Shape shape, YamlPath path, String label, boolean required) {
        if (shape instanceof FormSchema.Either) {
            FormSchema.Either e = (FormSchema.Either) shape;
            return node(e.pick(doc.scalar(path.key(e.key()))), path, label, required);
        }
        if (shape instanceof FormSchema.NameOrShape) {
            FormSchema.NameOrShape ns = (FormSchema.NameOrShape) shape;
            return doc.isMapping(path) ? node(ns.shape(), path, label, required) : node(ns.name(), path, label, required);
        }
        if (shape instanceof FormSchema.Scalar) {
            FormSchema.Scalar s = (FormSchema.Scalar) shape;
            return new FormNode.Field(path, label, s, required, value(path, s));
        }
        if (shape instanceof FormSchema.ListOf) {
            return new FormNode.ListNode(path, label, (FormSchema.ListOf) shape, this, labels(path));
        }
        FormSchema.Obj obj = (FormSchema.Obj) shape;
        if (obj.additional() != null || obj.freeValues()) {
            List<FormNode> entries = new ArrayList<>();
            for (String key : doc.keys(path)) {
                FormSchema.Shape entry = obj.additional() != null ? obj.additional()
                        : new FormSchema.Scalar(FormSchema.Kind.TEXT, List.of(), true, "", "a parameter of the policy");
                entries.add(node(entry, path.key(key), key, false));
            }
            return new FormNode.Entries(path, label, obj, entries);
        }
        List<FormNode> children = new ArrayList<>();
        for (FormSchema.Property p : obj.properties()) {
            children.add(node(p.shape(), path.key(p.name()), p.name(), p.required()));
        }
        return new FormNode.Group(path, label, obj.description(), children);
    }

    private String value(YamlPath path, FormSchema.Scalar s) {
        if (s.kind() == FormSchema.Kind.LIST) {
            Optional<List<String>> items = doc.scalars(path);
            if (items.isPresent()) {
                return String.join(", ", items.get());
            }
        }
        return doc.scalar(path).orElse("");
    }

    private List<String> labels(YamlPath list) {
        List<String> out = new ArrayList<>();
        int n = doc.size(list);
        for (int i = 0; i < n; i++) {
            YamlPath item = list.index(i);
            Optional<String> name = doc.scalar(item.key("id")).or(() -> doc.scalar(item.key("name")));
            out.add((i + 1) + "  " + name.orElse("(unnamed)"));
        }
        return out;
    }

    /** Copies values of {@code now} into {@code old} when both have the same shape; false when they differ. */
    private boolean update(FormNode old, FormNode now) {
        if (!old.signature().equals(now.signature())) {
            return false;
        }
        if (old instanceof FormNode.Field) {
            ((FormNode.Field) old).setValue(((FormNode.Field) now).value().get());
        } else if (old instanceof FormNode.Group) {
            List<FormNode> a = ((FormNode.Group) old).children();
            List<FormNode> b = ((FormNode.Group) now).children();
            for (int i = 0; i < a.size(); i++) {
                if (!update(a.get(i), b.get(i))) {
                    return false;
                }
            }
        } else if (old instanceof FormNode.Entries) {
            List<FormNode> a = ((FormNode.Entries) old).entries();
            List<FormNode> b = ((FormNode.Entries) now).entries();
            for (int i = 0; i < a.size(); i++) {
                if (!update(a.get(i), b.get(i))) {
                    return false;
                }
            }
        } else {
            FormNode.ListNode list = (FormNode.ListNode) old;
            list.update(((FormNode.ListNode) now).labels(), List.of());
            for (int i = 0; i < list.size(); i++) {
                FormNode.Group built = list.builtItem(i);
                if (built != null) {
                    FormNode.Group fresh = item(list, i);
                    if (!update(built, fresh)) {
                        list.replaceItem(i, fresh);
                        list.bump();
                    }
                }
            }
        }
        return true;
    }

    private void applyProblems() {
        for (Section s : sections) {
            applyProblems(s.body());
        }
    }

    /** Sets the error of every built node under {@code top} from the problems. */
    private void applyProblems(FormNode top) {
        Map<FormNode, List<String>> shown = new HashMap<>();
        for (Problem p : problems) {
            YamlPath path = YamlPath.parse(p.path());
            if (!top.path().contains(path) || top.path().isRoot() && sectionOf(path) != null) {
                continue;
            }
            FormNode at = place(top, path);
            String where = at.path().equals(path) ? "" : relative(at.path(), path) + ": ";
            shown.computeIfAbsent(at, k -> new ArrayList<>()).add(where + "found " + p.found() + "; expected " + p.allowed());
        }
        clearAndSet(top, shown);
    }

    private Section sectionOf(YamlPath path) {
        for (int i = 1; i < sections.size(); i++) {
            if (sections.get(i).body().path().contains(path)) {
                return sections.get(i);
            }
        }
        return null;
    }

    /** The built node that shows a problem at {@code path}: the field itself, else the nearest group. */
    private static FormNode place(FormNode at, YamlPath path) {
        List<FormNode> children = List.of();
        if (at instanceof FormNode.Group) {
            children = ((FormNode.Group) at).children();
        } else if (at instanceof FormNode.Entries) {
            children = ((FormNode.Entries) at).entries();
        } else if (at instanceof FormNode.ListNode) {
            FormNode.ListNode list = (FormNode.ListNode) at;
            if (path.size() > list.path().size() && path.segments().get(list.path().size()) instanceof Integer) {
                int i = (Integer) path.segments().get(list.path().size());
                if (i < list.size() && list.builtItem(i) != null) {
                    return place(list.builtItem(i), path);
                }
            }
            return at;
        }
        for (FormNode c : children) {
            if (c.path().contains(path)) {
                return place(c, path);
            }
        }
        return at;
    }

    private void clearAndSet(FormNode n, Map<FormNode, List<String>> shown) {
        n.setError(String.join("\n", shown.getOrDefault(n, List.of())));
        if (n instanceof FormNode.Group) {
            ((FormNode.Group) n).children().forEach(c -> clearAndSet(c, shown));
        } else if (n instanceof FormNode.Entries) {
            ((FormNode.Entries) n).entries().forEach(c -> clearAndSet(c, shown));
        } else if (n instanceof FormNode.ListNode) {
            FormNode.ListNode list = (FormNode.ListNode) n;
            List<Integer> counts = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                YamlPath item = list.path().index(i);
                counts.add((int) problems.stream().filter(p -> item.contains(YamlPath.parse(p.path()))).count());
                if (list.builtItem(i) != null) {
                    clearAndSet(list.builtItem(i), shown);
                }
            }
            list.update(list.labels(), counts);
        }
    }

    private static String relative(YamlPath base, YamlPath path) {
        return new YamlPath(path.segments().subList(base.size(), path.size())).toString();
    }
}
