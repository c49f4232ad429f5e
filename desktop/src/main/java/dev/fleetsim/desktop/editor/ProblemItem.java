package dev.fleetsim.desktop.editor;

import dev.fleetsim.engine.scenario.Problem;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A problem of the engine's validation as the editor lists it: where it is in the text (line,
 * and the character range to select), and its one-line text.
 *
 * @param line 1-based line of the path in the text
 * @param start first character of the path's text
 * @param end one past its last character
 */
public record ProblemItem(Problem problem, int line, int start, int end) {
    private static final Pattern AT_LINE = Pattern.compile("line (\\d+), column (\\d+)");

    /** Places a problem in the document: its path's node, or the line and column a syntax error names. */
    public static ProblemItem of(Problem p, YamlDocument doc) {
        Matcher m = AT_LINE.matcher(p.path());
        String text = doc.text();
        if (m.matches()) {
            int line = Integer.parseInt(m.group(1));
            int offset = 0;
            for (int l = 1; l < line && offset >= 0; l++) {
                offset = text.indexOf('\n', offset) + 1;
                if (offset == 0) {
                    offset = text.length();
                    break;
                }
            }
            int lineEnd = text.indexOf('\n', offset);
            return new ProblemItem(p, line, offset, lineEnd < 0 ? text.length() : lineEnd);
        }
        if (!doc.parsed()) {
            return new ProblemItem(p, 1, 0, 0);
        }
        YamlPath path = YamlPath.parse(p.path());
        int[] r = doc.range(path);
        return new ProblemItem(p, doc.line(path), r[0], r[1]);
    }

    /** {@code line 12  workload.jobs[0].tenent: found ...; expected ...}. */
    public String text() {
        return "line " + line + "  " + problem;
    }
}
