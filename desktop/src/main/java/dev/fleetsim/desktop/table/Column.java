package dev.fleetsim.desktop.table;

import java.util.function.Function;

/**
 * One column of a table the app shows and exports: its title on screen, its name in CSV, the
 * value it sorts by, the text it shows, and the value it exports (plain numbers with the unit in
 * the CSV name, so a spreadsheet reads them). A table view builds its columns from these.
 *
 * @param numeric right-aligned on screen
 */
public record Column<T>(String title, String csvName, Function<T, ? extends Comparable<?>> sortKey,
                        Function<T, String> text, Function<T, String> csv, boolean numeric) {

    /** A text column: shows, sorts by and exports the same text. */
    public static <T> Column<T> text(String title, String csvName, Function<T, String> value) {
        return new Column<>(title, csvName, value, value, value, false);
    }

    /** A number column with its own display text and a plain exported value. */
    public static <T> Column<T> number(String title, String csvName, Function<T, Double> value, Function<T, String> text,
                                       Function<T, String> csv) {
        return new Column<>(title, csvName, value, text, csv, true);
    }
}
