package dev.fleetsim.engine.metrics;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CsvRowsTest {

    /** Quoted commas, doubled quotes, a quoted line break, CRLF, empty fields and no final line break. */
    private static final String TEXT = "id,placement,reason\r\n"
            + "a,\"n0[0,3]\",\"said \"\"no\"\"\"\n"
            + "b,,\"two\nlines\"\n"
            + "c,\"\"\"\",\n"
            + "d,n1[0-7],last";

    @Test
    void readsTheRowsParseReads() throws IOException {
        List<String[]> whole = Csv.parse(TEXT);
        assertEquals(5, whole.size());
        assertArrayEquals(new String[] {"a", "n0[0,3]", "said \"no\""}, whole.get(1));
        assertArrayEquals(new String[] {"b", "", "two\nlines"}, whole.get(2));
        assertArrayEquals(new String[] {"c", "\"", ""}, whole.get(3));
        assertArrayEquals(new String[] {"d", "n1[0-7]", "last"}, whole.get(4));
        // One character per read: every doubled quote and line end falls on a refill of the buffer.
        for (Reader in : List.of(new StringReader(TEXT), oneCharAtATime(TEXT))) {
            Csv.Rows rows = new Csv.Rows(in);
            List<String[]> streamed = new ArrayList<>();
            for (String[] r = rows.next(); r != null; r = rows.next()) {
                streamed.add(r);
            }
            assertEquals(whole.size(), streamed.size());
            for (int i = 0; i < whole.size(); i++) {
                assertArrayEquals(whole.get(i), streamed.get(i), "row " + i);
            }
            assertNull(rows.next());
        }
        assertEquals(List.of(), Csv.parse(""));
    }

    private static Reader oneCharAtATime(String text) {
        return new Reader() {
            private int at;

            @Override
            public int read(char[] buf, int off, int len) {
                if (at == text.length()) {
                    return -1;
                }
                buf[off] = text.charAt(at++);
                return 1;
            }

            @Override
            public void close() {
            }
        };
    }
}
