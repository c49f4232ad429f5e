package dev.fleetsim.spark;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one Spark task sends back to the driver: a point's index and its folder's files, by name
 * and in the order they are written ({@code point.json} first, {@code summary.json} last), as the
 * engine rendered them. Plain arrays, so Java serialization carries it without the engine's types.
 */
final class PointFiles implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final String[] names;
    private final byte[][] contents;

    PointFiles(int index, Map<String, byte[]> files) {
        this.index = index;
        this.names = files.keySet().toArray(new String[0]);
        this.contents = files.values().toArray(new byte[0][]);
    }

    int index() {
        return index;
    }

    /** The files by name, in writing order. */
    Map<String, byte[]> files() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], contents[i]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Bytes in all the files: what the driver receives for this point. */
    long bytes() {
        long n = 0;
        for (byte[] c : contents) {
            n += c.length;
        }
        return n;
    }
}
