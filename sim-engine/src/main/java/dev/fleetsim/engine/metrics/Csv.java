package dev.fleetsim.engine.metrics;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
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
        try {
            Rows in = new Rows(new StringReader(text));
            for (String[] row = in.next(); row != null; row = in.next()) {
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string reader does not fail
        }
        return rows;
    }

    /**
     * The rows of a file one at a time, as {@link #parse} reads them: a reader of a large
     * {@code jobs.csv} (a million rows) holds one row's fields, not the file's text and every cell.
     */
    public static final class Rows {
        private final java.io.Reader in;
        private final char[] buf = new char[1 << 14];
        private int pos;
        private int len;
        private final List<String> fields = new ArrayList<>();
        private final StringBuilder field = new StringBuilder();

        public Rows(java.io.Reader in) {
            this.in = in;
        }

        /** The next row's fields, or null at the end. */
        public String[] next() throws IOException {
            boolean quoted = false;
            for (int c = read(); c >= 0; c = read()) {
                if (quoted) {
                    if (c == '"' && peek() == '"') {
                        field.append('"');
                        pos++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append((char) c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    endField();
                } else if (c == '\n') {
                    endField();
                    return endRow();
                } else if (c != '\r') {
                    field.append((char) c);
                }
            }
            if (field.length() > 0 || !fields.isEmpty()) {
                endField();
                return endRow();
            }
            return null;
        }

        private void endField() {
            fields.add(field.toString());
            field.setLength(0);
        }

        private String[] endRow() {
            String[] row = fields.toArray(new String[0]);
            fields.clear();
            return row;
        }

        private int read() throws IOException {
            if (pos == len && !fill()) {
                return -1;
            }
            return buf[pos++];
        }

        private int peek() throws IOException {
            if (pos == len && !fill()) {
                return -1;
            }
            return buf[pos];
        }

        private boolean fill() throws IOException {
            int n = in.read(buf, 0, buf.length);
            while (n == 0) {
                n = in.read(buf, 0, buf.length);
            }
            pos = 0;
            len = Math.max(0, n);
            return n > 0;
        }
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
