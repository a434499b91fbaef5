package org.caeworkbench.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads a text file line by line into a reused char buffer, without making a String per line.
 * Accepts \n, \r\n and \r line ends; counts physical lines (1-based) for error messages. Unlike
 * BufferedReader it refuses a line longer than a limit (a binary file without newlines would otherwise
 * grow one huge string until memory runs out) and refuses control characters, which text tables never
 * contain but binary files are full of.
 */
final class LineSource implements Closeable {
    static final int DEFAULT_MAX_LINE_CHARS = 64 << 20;

    private final Reader in;
    private final String file;
    private final int maxLineChars;
    private char[] buf = new char[1 << 16];
    private int pos;          // first unread char
    private int limit;        // end of the chars read so far
    private boolean eof;
    private boolean skipLf;   // the last line ended in \r: a following \n belongs to it
    private long nextLineNumber = 1;
    private long lineNumber;
    private int start;        // the current line is buf[start, end)
    private int end;

    LineSource(Reader in, String file, int maxLineChars) {
        this.in = in;
        this.file = file;
        this.maxLineChars = maxLineChars;
    }

    /** Physical number (1-based) of the current line. */
    long lineNumber() { return lineNumber; }
    /** The buffer holding the current line, valid until the next call to {@link #next()}. */
    char[] chars() { return buf; }
    int start() { return start; }
    int end() { return end; }
    /** How often {@code c} occurs in the current line. */
    int count(char c) {
        int k = 0;
        for (int i = start; i < end; i++) if (buf[i] == c) k++;
        return k;
    }

    /** Whether the current line holds {@code c}. */
    boolean contains(char c) {
        for (int i = start; i < end; i++) if (buf[i] == c) return true;
        return false;
    }

    boolean isBlank() {
        for (int i = start; i < end; i++) if (buf[i] != ' ' && buf[i] != '\t') return false;
        return true;
    }

    /** Advances to the next line; false at the end of the file. */
    boolean next() throws IOException, DataException {
        if (skipLf) {
            if (pos == limit && !eof) fill();
            if (pos < limit && buf[pos] == '\n') pos++;
            skipLf = false;
        }
        int scan = pos;
        while (true) {
            for (int i = scan; i < limit; i++) {
                char c = buf[i];
                if (c < ' ') {
                    if (c == '\n' || c == '\r') {
                        start = pos;
                        end = i;
                        pos = i + 1;
                        skipLf = c == '\r';
                        return startLine();
                    }
                    if (c != '\t') throw binary(c);
                }
            }
            if (eof) {
                if (pos == limit) return false;
                start = pos;
                end = limit;
                pos = limit;
                return startLine();
            }
            int scanned = limit - pos;
            fill();
            scan = pos + scanned;
        }
    }

    private boolean startLine() {
        lineNumber = nextLineNumber++;
        if (lineNumber == 1 && start < end && buf[start] == '\uFEFF') start++;   // UTF-8 byte order mark
        return true;
    }

    /** Reads more chars, first moving the partial line to the front or growing the buffer. */
    private void fill() throws IOException, DataException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (limit >= maxLineChars) {
                throw DataException.atLine(file, nextLineNumber, "the line is longer than " + describe(maxLineChars)
                        + " characters without a line break; this does not look like a text table");
            }
            char[] bigger = new char[(int) Math.min((long) buf.length * 2, maxLineChars)];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) eof = true;
        else limit += n;
    }

    private DataException binary(char c) {
        return DataException.atLine(file, nextLineNumber, String.format(
                "control character 0x%02X found; this looks like a binary file, not a CSV or TSV text table", (int) c));
    }

    private static String describe(int chars) {
        return chars % (1 << 20) == 0 ? (chars >> 20) + " Mi" : String.valueOf(chars);
    }

    @Override public void close() throws IOException { in.close(); }
}
