package org.caeworkbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.caeworkbench.core.TrainingListener;
import org.caeworkbench.core.TrainingSnapshot;

/**
 * Training progress on the terminal: one line rewritten in place when stderr is a terminal; otherwise
 * (logs, pipes) a line at every tenth of a try and at its end.
 */
final class Progress implements TrainingListener {
    private final PrintWriter out;
    private final boolean terminal;
    private final boolean quiet;
    private int lastDecile = -1;
    private int lastLength;

    Progress(PrintWriter out, boolean terminal, boolean quiet) {
        this.out = out;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    @Override
    public void onSnapshot(TrainingSnapshot s) {
        if (quiet) return;
        String val = Double.isNaN(s.validationLoss()) ? "-" : String.format(Locale.ROOT, "%.5f", s.validationLoss());
        String line = String.format(Locale.ROOT, "try %d  epoch %d/%d  T %.3g  loss %.5f  val %s  mean-max %.3f  dup %d  %s",
                s.tryNumber(), s.epoch(), s.epochs(), s.temperature(), s.trainLoss(), val,
                s.meanMaxProbability(), s.duplicates(), eta(s));
        if (terminal) {
            String padded = line + " ".repeat(Math.max(0, lastLength - line.length()));
            out.print("\r" + padded);
            out.flush();
            lastLength = line.length();
        } else if (s.epochEnd()) {
            int decile = (int) (10L * s.epoch() / s.epochs());
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(line);
                out.flush();
            }
        }
    }

    @Override
    public void onMessage(String message) {
        if (quiet) return;
        endLine();
        out.println(message);
        out.flush();
        lastDecile = -1;
    }

    void endLine() {
        if (terminal && lastLength > 0) {
            out.println();
            lastLength = 0;
        }
    }

    private static String eta(TrainingSnapshot s) {
        double eta = s.etaSeconds();
        if (Double.isNaN(eta)) return "";
        long sec = Math.round(eta);
        return "ETA " + (sec >= 60 ? sec / 60 + "m" + String.format("%02d", sec % 60) + "s" : sec + "s");
    }
}
