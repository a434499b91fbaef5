package org.caeworkbench.data;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads whitespace-separated numbers from an ASCII stream, byte by byte from a buffer, without making
 * Strings: the fast path for Matrix Market entries, of which a 10x file has tens of millions. Keeps the
 * line number for messages.
 */
final class AsciiScanner {
    private static final int MAX_TOKEN = 64;

    private final InputStream in;
    private final String file;
    private final byte[] buf = new byte[1 << 16];
    private final char[] token = new char[MAX_TOKEN];
    private final NumberParser numbers = new NumberParser();
    private int pos;
    private int limit;
    private long line = 1;

    AsciiScanner(InputStream in, String file) {
        this.in = in;
        this.file = file;
    }

    long line() { return line; }

    /** The next byte without taking it; -1 at the end. */
    private int peek() throws IOException {
        if (pos == limit) {
            limit = in.read(buf, 0, buf.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buf[pos] & 0xff;
    }

    /** The next byte of the stream, not taken; -1 at its end. */
    int next() throws IOException {
        return peek();
    }

    /** The rest of the line as text (at most max characters kept), taking its line end. */
    String readLine(int max) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = peek()) >= 0 && c != '\n' && c != '\r') {
            if (b.length() < max) b.append((char) c);
            pos++;
        }
        if (c >= 0) takeLineEnd();
        return b.toString();
    }

    /** Skips spaces and tabs (not line ends). */
    private void skipBlanks() throws IOException {
        int c;
        while ((c = peek()) == ' ' || c == '\t') pos++;
    }

    /**
     * Moves to the start of the next line holding something other than blanks; false at the end of the
     * stream. Call at a line start (or after {@link #endLine}).
     */
    boolean nextContentLine() throws IOException {
        while (true) {
            skipBlanks();
            int c = peek();
            if (c < 0) return false;
            if (c == '\n' || c == '\r') {
                takeLineEnd();
                continue;
            }
            return true;
        }
    }

    /** True when the rest of the line is blank; then takes it and its line end. */
    void endLine() throws IOException, DataException {
        skipBlanks();
        int c = peek();
        if (c < 0) return;
        if (c != '\n' && c != '\r') {
            throw DataException.atLine(file, line, "unexpected '" + describe(c) + "' after the last number of the line");
        }
        takeLineEnd();
    }

    private void takeLineEnd() throws IOException {
        int c = peek();
        pos++;
        if (c == '\r' && peek() == '\n') pos++;
        line++;
    }

    /** A whole number at least 0 and at most max; {@code what} names it in messages. */
    long readLong(String what, long max) throws IOException, DataException {
        skipBlanks();
        int c = peek();
        if (c < '0' || c > '9') throw DataException.atLine(file, line, "expected " + what + ", found " + found(c));
        long v = 0;
        while ((c = peek()) >= '0' && c <= '9') {
            v = v * 10 + (c - '0');
            if (v > max) throw DataException.atLine(file, line, what + " is larger than " + max);
            pos++;
        }
        if (c >= 0 && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            throw DataException.atLine(file, line, "expected " + what + ", found '" + describe(c) + "' in a number");
        }
        return v;
    }

    /** A finite decimal number. */
    float readFloat(String what) throws IOException, DataException {
        skipBlanks();
        int c = peek();
        if (c < 0 || c == '\n' || c == '\r') throw DataException.atLine(file, line, "expected " + what + ", found " + found(c));
        // the common case in count matrices: a small whole number
        int n = 0;
        long whole = 0;
        boolean digitsOnly = true;
        while ((c = peek()) >= 0 && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            if (n == MAX_TOKEN) throw DataException.atLine(file, line, what + " is longer than " + MAX_TOKEN + " characters");
            if (c < ' ' || c > '~') throw DataException.atLine(file, line, "byte " + describe(c) + " in " + what + "; this does not look like a text file");
            token[n++] = (char) c;
            if (c >= '0' && c <= '9') whole = whole * 10 + (c - '0');
            else digitsOnly = false;
            pos++;
        }
        if (digitsOnly && n <= 7) return whole;
        int status = numbers.parse(token, 0, n);
        if (status == NumberParser.NUMBER) return numbers.value;
        String text = new String(token, 0, n);
        if (status == NumberParser.NON_FINITE || status == NumberParser.MISSING) {
            throw DataException.atLine(file, line, what + " '" + text + "' is not a finite number");
        }
        throw DataException.atLine(file, line, "expected " + what + ", found '" + DelimitedReader.shorten(text) + "'");
    }

    private static String found(int c) {
        if (c < 0) return "the end of the file";
        if (c == '\n' || c == '\r') return "the end of the line";
        return "'" + describe(c) + "'";
    }

    private static String describe(int c) {
        return c >= ' ' && c <= '~' ? String.valueOf((char) c) : String.format("0x%02X", c);
    }
}
