package org.caeworkbench.ui;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.HostServices;

/**
 * Opens a document in the system's browser and says whether that worked. JavaFX's
 * {@link HostServices#showDocument} cannot tell (it fails silently where no browser is set up), so on
 * Linux and macOS the system's opener runs as a process whose exit status is the answer; on Windows
 * only HostServices is available. The system property {@code cae.browser} names another program to
 * open documents with. Blocks for up to a few seconds: call it off the FX thread.
 */
final class Browser {
    private Browser() {}

    /** Whether the document was handed to a program that opens it. */
    static boolean open(URI uri, HostServices fallback) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String opener = System.getProperty("cae.browser", os.contains("mac") ? "open" : os.contains("win") ? null : "xdg-open");
        if (opener == null) {
            if (fallback == null) return false;
            fallback.showDocument(uri.toString());
            return true;
        }
        try {
            Process p = new ProcessBuilder(opener, uri.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // an opener that is still running after a while has started the browser and waits for it
            if (!p.waitFor(10, TimeUnit.SECONDS)) return true;
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;   // no opener installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
