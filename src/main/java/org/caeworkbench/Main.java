package org.caeworkbench;

import java.io.PrintWriter;
import org.caeworkbench.cli.CaeCommand;
import org.caeworkbench.core.BlasKernels;
import org.caeworkbench.ui.WorkbenchApp;

/**
 * Entry point of the jar and the installers. With a command it runs the command line; without one it
 * opens the desktop window ({@code org.caeworkbench.ui.WorkbenchApp}).
 * Deliberately not a JavaFX Application subclass, so the plain classpath launch works.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        BlasKernels.chooseBeforeLoading();   // before anything loads ND4J and with it OpenBLAS
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        if (args.length == 0) {
            WorkbenchApp.launchApp(args);
            System.exit(0);
            return;
        }
        int code = CaeCommand.execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
