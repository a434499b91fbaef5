package org.caeworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Report… says it opened the browser only when the opener said so. */
class BrowserTest {
    private static final URI REPORT = URI.create("file:///tmp/report.html");

    @AfterEach
    void reset() {
        System.clearProperty("cae.browser");
    }

    @Test
    void anOpenerThatFailsIsAFailure() {
        System.setProperty("cae.browser", "false");
        assertFalse(Browser.open(REPORT, null));
    }

    @Test
    void noOpenerAtAllIsAFailure() {
        System.setProperty("cae.browser", "/nonexistent/opener");
        assertFalse(Browser.open(REPORT, null));
    }

    @Test
    void anOpenerThatSucceedsIsASuccess() {
        System.setProperty("cae.browser", "true");
        assertTrue(Browser.open(REPORT, null));
    }
}
