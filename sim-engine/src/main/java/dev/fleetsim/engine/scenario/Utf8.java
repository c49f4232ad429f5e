package dev.fleetsim.engine.scenario;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Strict UTF-8 decoding that says where it failed: the byte offset, the line and the bytes, so
 * a file saved in another encoding is a clear message ("not UTF-8 at byte 1234 (line 56:
 * 0xE9)") rather than a {@code MalformedInputException}. A leading byte-order mark is dropped.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** Where decoding failed. */
    public static final class NotUtf8 extends Exception {
        private static final long serialVersionUID = 1L;

        private NotUtf8(String message) {
            super(message);
        }
    }

    /** The text of {@code bytes}; {@link NotUtf8} says "text that is not UTF-8 at byte N (line L: 0xE9)". */
    public static String decode(byte[] bytes) throws NotUtf8 {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            StringBuilder shown = new StringBuilder();
            for (int i = at; i < Math.min(bytes.length, at + result.length()); i++) {
                shown.append(shown.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "0x%02X", bytes[i] & 0xff));
            }
            throw new NotUtf8("text that is not UTF-8 at byte " + at + " (line " + line + ": " + shown + ")");
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
