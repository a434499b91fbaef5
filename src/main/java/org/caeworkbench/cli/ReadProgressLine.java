package org.caeworkbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.caeworkbench.data.ReadProgress;

/**
 * Reading progress on the terminal: "reading FILE: 42%" rewritten in place when stderr is a terminal,
 * otherwise a line at every quarter; only for large files (small ones are read before anyone could
 * look). The reader's notes (an orientation it guessed, names it made unique) are printed as they come.
 */
final class ReadProgressLine implements ReadProgress {
    /** Files smaller than this are read without a progress display. */
    static final long SHOWN_FROM = 64L << 20;

    private final PrintWriter err;
    private final String name;
    private final boolean terminal;
    private final boolean quiet;
    private int lastPercent = -1;
    private boolean lineOpen;

    ReadProgressLine(PrintWriter err, String name, boolean terminal, boolean quiet) {
        this.err = err;
        this.name = name;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    @Override
    public void progress(long done, long total) {
        if (quiet || total < SHOWN_FROM) return;
        int percent = (int) (100 * done / Math.max(1, total));
        if (percent == lastPercent) return;
        if (terminal) {
            err.print(String.format(Locale.ROOT, "\rreading %s: %d%%", name, percent));
            lineOpen = percent < 100;
            if (!lineOpen) err.println();
            err.flush();
        } else if (percent / 25 != lastPercent / 25 || lastPercent < 0) {
            err.println(String.format(Locale.ROOT, "reading %s: %d%%", name, percent));
            err.flush();
        }
        lastPercent = percent;
    }

    @Override
    public void note(String sentence) {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
        err.println("note: " + sentence);
        err.flush();
    }
}
