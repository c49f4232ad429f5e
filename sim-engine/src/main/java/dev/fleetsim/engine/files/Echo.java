package dev.fleetsim.engine.files;

/**
 * How a message shows a value the user wrote: control characters escaped (a newline is
 * {@code \n}, a bell {@code \u0007}), so a message is one line that cannot move the terminal's
 * cursor, and a long value cut to its start with an ellipsis and its length, so a 1 MB value
 * does not flood the screen. Every "found" of a problem and every echoed command-line value go
 * through here.
 */
public final class Echo {

    /** The most characters of a value a message shows. */
    public static final int MAX_CHARS = 64;

    private Echo() {
    }

    /** The value in double quotes, escaped and cut: {@code "fp9"}, {@code "aaaa…" (20000 characters)}. */
    public static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        String cut = cut(value);
        String shown = "\"" + escape(cut, true) + (cut.length() < value.length() ? "…" : "") + "\"";
        return cut.length() < value.length() ? shown + " (" + value.length() + " characters)" : shown;
    }

    /** The value without quotes, escaped and cut (a number as written, a key in a path). */
    public static String plain(String value) {
        if (value == null) {
            return "null";
        }
        String cut = cut(value);
        return cut.length() < value.length()
                ? escape(cut, false) + "… (" + value.length() + " characters)" : escape(cut, false);
    }

    /**
     * A whole message made safe for a terminal: control characters other than line breaks and
     * tabs escaped, and each line cut at {@code maxLineChars}. The last defence at the output
     * edge, for text that did not come through {@link #quoted}.
     */
    public static String message(String text, int maxLineChars) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 1 << 16));
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append(c);
                lineStart = out.length();
                continue;
            }
            if (out.length() - lineStart >= maxLineChars) {
                int end = text.indexOf('\n', i);
                int dropped = (end < 0 ? text.length() : end) - i;
                out.append("… (").append(dropped).append(" more characters)");
                i = (end < 0 ? text.length() : end) - 1;
                continue;
            }
            if (c == '\t' || !needsEscape(c)) {
                out.append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                appendEscaped(out, c);
            }
        }
        return out.toString();
    }

    private static String cut(String value) {
        if (value.length() <= MAX_CHARS) {
            return value;
        }
        int end = MAX_CHARS;
        // Never split a surrogate pair: half of one is not a character.
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }

    static String escape(String s, boolean inQuotes) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean special = needsEscape(c) || inQuotes && (c == '"' || c == '\\');
            if (special && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (!special) {
                    b.append(c);
                } else if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    b.append(c).append(s.charAt(++i));
                } else {
                    appendEscaped(b, c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * Control and format characters (C0, DEL, C1, bidirectional overrides, line and paragraph
     * separators), and surrogates, which are checked pair by pair by the caller.
     */
    private static boolean needsEscape(char c) {
        if (c < 0x20 || c >= 0x7f && c < 0xa0) {
            return true;
        }
        if (c < 0x80) {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }

    private static void appendEscaped(StringBuilder b, char c) {
        switch (c) {
            case '\n':
                b.append("\\n");
                break;
            case '\r':
                b.append("\\r");
                break;
            case '\t':
                b.append("\\t");
                break;
            default:
                String hex = Integer.toHexString(c);
                b.append("\\u").append("0".repeat(4 - hex.length())).append(hex);
        }
    }
}
