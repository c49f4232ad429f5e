package dev.fleetsim.desktop.table;

import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.metrics.Csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A table as CSV: the columns' CSV names, then one line per row in the order shown. */
public final class CsvTable {
    private CsvTable() {
    }

    public static <T> String of(List<Column<T>> columns, List<? extends T> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(Csv.line(columns.stream().map(Column::csvName).toList()));
        for (T row : rows) {
            sb.append(Csv.line(columns.stream().map(c -> c.csv().apply(row)).toList()));
        }
        return sb.toString();
    }

    /** Writes the table atomically. */
    public static <T> void write(Path file, List<Column<T>> columns, List<? extends T> rows) throws IOException {
        AtomicFiles.writeString(file.toAbsolutePath(), of(columns, rows));
    }
}
