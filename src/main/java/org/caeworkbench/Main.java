package org.caeworkbench;

import java.io.PrintWriter;
import org.caeworkbench.cli.CaeCommand;

/**
 * Entry point of the jar and the installers. With a command it runs the command line; without one it
 * will open the desktop window (not part of this build yet, so it shows the command line's help).
 * Deliberately not a JavaFX Application subclass, so the plain classpath launch works.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        if (args.length == 0) {
            err.println("The desktop window is not part of this build yet; here is the command line.");
            args = new String[] {"--help"};
        }
        int code = CaeCommand.execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
