package org.caeworkbench.data;

/**
 * Splits one line of a delimited file into fields, in place: each field is a [start, end) range of
 * the line's char buffer, so numbers can be parsed without making Strings. Handles simple
 * double-quoted fields ("a,b" and "" for a quote); a quoted field cannot span lines. Spaces around
 * unquoted fields are trimmed.
 */
final class Fields {
    private char[] chars;
    private int count;
    private int[] starts = new int[256];
    private int[] ends = new int[256];
    private boolean[] escaped = new boolean[256];   // quoted field containing "" that must be unescaped
    private String error;                             // why the last split failed, or null

    int count() { return count; }
    char[] chars() { return chars; }
    int start(int i) { return starts[i]; }
    int end(int i) { return ends[i]; }
    /** Why the last {@link #split} returned false. */
    String error() { return error; }

    /** The text of field i (unquoted, trimmed). */
    String text(int i) {
        String s = new String(chars, starts[i], ends[i] - starts[i]);
        return escaped[i] ? s.replace("\"\"", "\"") : s;
    }

    boolean isEmpty(int i) { return starts[i] == ends[i]; }

    /** Keeps only the first n fields (n at most {@link #count()}). */
    void truncate(int n) {
        if (n < 0 || n > count) throw new IllegalArgumentException("cannot keep " + n + " of " + count + " fields");
        count = n;
    }

    /** Splits chars[from, to) at the delimiter; false (see {@link #error()}) on a malformed quote. */
    boolean split(char[] c, int from, int to, char delimiter) {
        chars = c;
        count = 0;
        error = null;
        int i = from;
        while (true) {
            while (i < to && c[i] == ' ') i++;
            int s;
            int e;
            boolean esc = false;
            if (i < to && c[i] == '"') {
                s = ++i;
                while (true) {
                    if (i >= to) {
                        error = "a quoted field is not closed (a field cannot span lines)";
                        return false;
                    }
                    if (c[i] == '"') {
                        if (i + 1 < to && c[i + 1] == '"') { esc = true; i += 2; continue; }
                        break;
                    }
                    i++;
                }
                e = i++;
                while (i < to && c[i] == ' ') i++;
                if (i < to && c[i] != delimiter) {
                    error = "unexpected text after the closing quote of field " + (count + 1);
                    return false;
                }
            } else {
                s = i;
                while (i < to && c[i] != delimiter) i++;
                e = i;
                while (e > s && c[e - 1] == ' ') e--;
            }
            add(s, e, esc);
            if (i >= to) return true;
            i++;   // skip the delimiter; a delimiter at the very end makes one more, empty field
            if (i == to) { add(to, to, false); return true; }
        }
    }

    private void add(int s, int e, boolean esc) {
        if (count == starts.length) {
            starts = java.util.Arrays.copyOf(starts, count * 2);
            ends = java.util.Arrays.copyOf(ends, count * 2);
            escaped = java.util.Arrays.copyOf(escaped, count * 2);
        }
        starts[count] = s;
        ends[count] = e;
        escaped[count] = esc;
        count++;
    }
}
