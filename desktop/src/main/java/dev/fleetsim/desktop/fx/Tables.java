package dev.fleetsim.desktop.fx;

import dev.fleetsim.desktop.table.Column;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.Comparator;
import java.util.List;

/**
 * Table views built from {@link Column}s: each cell shows the column's text, a click on a header
 * sorts by the column's key (9 h before 10 h; a job that never started after those that did),
 * numbers are right-aligned, and the rows come through a sorted view of the given list.
 */
public final class Tables {
    private Tables() {
    }

    /** Adds the columns and shows {@code rows} sorted as the user clicks headers; returns the sorted view. */
    public static <T> SortedList<T> show(TableView<T> table, List<Column<T>> columns, ObservableList<T> rows) {
        columns(table, columns);
        return rows(table, rows);
    }

    /** Shows other rows in a table whose columns are made, in the table's sort order. */
    @SuppressWarnings("unchecked")
    public static <T> SortedList<T> rows(TableView<T> table, ObservableList<T> rows) {
        if (table.getItems() instanceof SortedList) {
            ((SortedList<T>) table.getItems()).comparatorProperty().unbind();
        }
        SortedList<T> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        return sorted;
    }

    /**
     * Widens each column to its longest text (title or cell) for a table of a few rows, so no text
     * ends in an ellipsis; a table wider than its pane scrolls sideways.
     */
    public static <T> void fit(TableView<T> table, List<Column<T>> columns, List<T> rows) {
        for (int i = 0; i < columns.size() && i < table.getColumns().size(); i++) {
            Column<T> c = columns.get(i);
            int chars = c.title().length() + 2;
            for (T row : rows) {
                chars = Math.max(chars, c.text().apply(row).length());
            }
            // about 7 pixels a character of the 12-pixel font, and the cell's padding
            table.getColumns().get(i).setPrefWidth(Math.max(56, Math.min(640, 7 * chars + 22)));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> void columns(TableView<T> table, List<Column<T>> columns) {
        // one row height for all: the flow need not measure each row (a big table's first show is cheaper)
        table.setFixedCellSize(24);
        for (Column<T> c : columns) {
            TableColumn<T, T> col = new TableColumn<>(c.title());
            col.setId("col-" + c.csvName());
            col.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
            col.setComparator(Comparator.comparing(row -> (Comparable) c.sortKey().apply(row)));
            col.setCellFactory(tc -> new TableCell<>() {
                @Override
                protected void updateItem(T item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty || item == null ? null : c.text().apply(item));
                    setAlignment(c.numeric() ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
                }
            });
            col.setPrefWidth(c.csvName().equals("id") || c.csvName().equals("placement") ? 170
                    : Math.max(64, Math.min(170, 8 * c.title().length() + 30)));
            table.getColumns().add(col);
        }
    }
}
