package dev.fleetsim.engine.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CSV files a run writes ({@code jobs.csv}, {@code timeseries.csv}, {@code links.csv}):
 * comma-separated fields, a field quoted only when it holds a comma, a quote or a line break
 * (a quote inside doubled), lines ended by {@code \n} (a {@code \r} before it is dropped). The
 * one reader of these files, for the result reader and {@code fleetsim explain}.
 */
public final class Csv {

    private Csv() {
    }

    /** The rows of the text, header first; an empty text has no rows. */
    public static List<String[]> parse(String text) {
        List<String[]> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                rows.add(fields.toArray(new String[0]));
                fields.clear();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(fields.toArray(new String[0]));
        }
        return rows;
    }

    /** A field as the run's writers write it: quoted only when it must be. */
    public static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** One CSV line (with its {@code \n}) of the given fields. */
    public static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(fields.get(i)));
        }
        return sb.append('\n').toString();
    }
}
