package org.caeworkbench.ui;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the window tests share. TestFX 4.0.18 does not run a {@code @Start} inherited from a base class,
 * so each test class keeps its own annotated methods and calls these.
 */
final class WindowTests {
    private WindowTests() {}

    /** No stored preferences (the windows' dialogs are scripted: {@link #open}). */
    static void quiet() {
        System.setProperty("cae.noPrefs", "true");
    }

    /** A shown window on {@code stage} whose error messages are added to {@code errors} (when not null). */
    static WorkbenchWindow open(Stage stage, List<String> errors) {
        WorkbenchWindow w = new WorkbenchWindow(stage, new ScriptedDialogs());
        if (errors != null) w.onError(errors::add);
        w.show();
        return w;
    }

    /** How the window's next questions are answered: yes (OK, close without saving) or no (Cancel). */
    static void answer(WorkbenchWindow window, boolean yes) {
        ((ScriptedDialogs) window.dialogs()).answer = yes;
    }

    /** Disposes of the window and closes its stage on the FX thread. */
    static void close(FxRobot robot, WorkbenchWindow window) {
        robot.interact(() -> {
            window.dispose();
            window.stage().close();
        });
    }

    /** Waits until the condition holds (at most {@code seconds}), then for the FX events it caused. */
    /** Scrolls the scroll pane that holds {@code node} until the node is in view (as a user would before clicking it). */
    static void scrollIntoView(FxRobot robot, javafx.scene.Node node) {
        robot.interact(() -> {
            for (javafx.scene.Parent p = node.getParent(); p != null; p = p.getParent()) {
                if (p instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
                    javafx.scene.Node content = sp.getContent();
                    javafx.geometry.Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                    double hidden = content.getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
                    if (hidden > 0) {
                        double at = Math.max(0, Math.min(1, (b.getMinY() - 20) / hidden));
                        sp.setVvalue(sp.getVmin() + at * (sp.getVmax() - sp.getVmin()));
                    }
                    sp.layout();
                    return;
                }
            }
        });
    }

    static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Runs an export that reports to a callback (null: done, else the error) and waits for its outcome: "ok" or the error. */
    static String export(FxRobot robot, java.util.function.Consumer<java.util.function.Consumer<String>> action) throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> outcome = new java.util.concurrent.atomic.AtomicReference<>("pending");
        robot.interact(() -> action.accept(e -> outcome.set(e == null ? "ok" : e)));
        waitFor(60, () -> !"pending".equals(outcome.get()));
        return outcome.get();
    }
}
