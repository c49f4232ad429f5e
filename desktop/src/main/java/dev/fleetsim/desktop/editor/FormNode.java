package dev.fleetsim.desktop.editor;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;

/**
 * One element of the scenario form, bound to a path of the document: a field (one scalar), a
 * group (a map's keys), a list of maps (jobs), or entries by name (hardware types, policy
 * parameters). Each has an error text: the problems the engine reported at its path (for a
 * group, the ones under it that no field of it shows, such as an unknown key). The form's view
 * builds controls from these and binds to their properties; nothing here knows a control.
 */
public abstract sealed class FormNode permits FormNode.Field, FormNode.Group, FormNode.ListNode, FormNode.Entries {
    private final YamlPath path;
    private final String label;
    private final String description;
    private final StringProperty error = new SimpleStringProperty(this, "error", "");

    FormNode(YamlPath path, String label, String description) {
        this.path = path;
        this.label = label;
        this.description = description;
    }

    public YamlPath path() {
        return path;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The problems shown at this element, one a line; empty when none. */
    public ReadOnlyStringProperty error() {
        return error;
    }

    void setError(String text) {
        error.set(text);
    }

    /** What must match for a refresh to update values in place rather than rebuild. */
    abstract String signature();

    /** One scalar: its text in the document ("" when absent: the default applies). */
    public static final class Field extends FormNode {
        private final FormSchema.Scalar spec;
        private final boolean required;
        private final StringProperty value = new SimpleStringProperty(this, "value", "");

        Field(YamlPath path, String label, FormSchema.Scalar spec, boolean required, String value) {
            super(path, label, spec.description());
            this.spec = spec;
            this.required = required;
            this.value.set(value);
        }

        public FormSchema.Scalar spec() {
            return spec;
        }

        public boolean required() {
            return required;
        }

        /** The value as the document has it; set through the view model, which edits the text. */
        public ReadOnlyStringProperty value() {
            return value;
        }

        void setValue(String v) {
            value.set(v);
        }

        @Override
        String signature() {
            return "F" + path();
        }
    }

    /** The keys of a map. */
    public static final class Group extends FormNode {
        private final List<FormNode> children;

        Group(YamlPath path, String label, String description, List<FormNode> children) {
            super(path, label, description);
            this.children = List.copyOf(children);
        }

        public List<FormNode> children() {
            return children;
        }

        @Override
        String signature() {
            StringBuilder sb = new StringBuilder("G").append(path()).append('{');
            children.forEach(c -> sb.append(c.signature()).append(';'));
            return sb.append('}').toString();
        }
    }

    /** A list of maps; items are built when the view asks for one, since a file may list thousands. */
    public static final class ListNode extends FormNode {
        private final FormSchema.ListOf spec;
        private final FormTree tree;
        private final StringProperty version = new SimpleStringProperty(this, "version", "");
        private List<String> labels;
        private List<Integer> itemProblems;
        private Group[] items;

        ListNode(YamlPath path, String label, FormSchema.ListOf spec, FormTree tree, List<String> labels) {
            super(path, label, spec.description());
            this.spec = spec;
            this.tree = tree;
            this.labels = List.copyOf(labels);
            this.items = new Group[labels.size()];
        }

        public FormSchema.ListOf spec() {
            return spec;
        }

        public int size() {
            return labels.size();
        }

        /** A label per item: its id or name, else its number. */
        public List<String> labels() {
            return labels;
        }

        /** Problems under each item, to mark them in the list. */
        public int problems(int item) {
            return itemProblems == null ? 0 : itemProblems.get(item);
        }

        /** Changes when an item's labels, problems or structure change: the view redraws the list. */
        public ReadOnlyStringProperty version() {
            return version;
        }

        /** The form of one item. */
        public Group item(int i) {
            if (items[i] == null) {
                items[i] = tree.item(this, i);
            }
            return items[i];
        }

        Group builtItem(int i) {
            return items[i];
        }

        void replaceItem(int i, Group g) {
            items[i] = g;
        }

        void update(List<String> newLabels, List<Integer> problems) {
            boolean changed = !newLabels.equals(labels) || !problems.equals(itemProblems);
            labels = List.copyOf(newLabels);
            itemProblems = List.copyOf(problems);
            if (changed) {
                bump();
            }
        }

        void bump() {
            version.set(Integer.toString(Integer.parseInt("0" + version.get()) + 1));
        }

        @Override
        String signature() {
            return "L" + path() + ":" + labels.size();
        }
    }

    /** Entries by name: GPU types of the hardware section, parameters of a policy. */
    public static final class Entries extends FormNode {
        private final FormSchema.Obj spec;
        private final List<FormNode> entries;

        Entries(YamlPath path, String label, FormSchema.Obj spec, List<FormNode> entries) {
            super(path, label, spec.description());
            this.spec = spec;
            this.entries = List.copyOf(entries);
        }

        public FormSchema.Obj spec() {
            return spec;
        }

        /** True for free parameters (any name, a scalar each); false for named maps. */
        public boolean free() {
            return spec.freeValues();
        }

        public List<FormNode> entries() {
            return entries;
        }

        @Override
        String signature() {
            StringBuilder sb = new StringBuilder("E").append(path()).append('{');
            entries.forEach(c -> sb.append(c.signature()).append(';'));
            return sb.append('}').toString();
        }
    }
}
