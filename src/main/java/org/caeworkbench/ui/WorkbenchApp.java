package org.caeworkbench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop application: opens the workbench window with the MNIST sample loaded, so Train can be
 * pressed at once. System properties for demonstrations and screenshots: {@code cae.autotrain=true}
 * presses Train once the data is loaded; {@code cae.shots=DIR} writes DIR/training.png mid-training and
 * DIR/results.png once the metrics are in (then quits when {@code cae.exitAfterShots=true});
 * {@code cae.noPrefs=true} neither restores nor saves the parameters (otherwise remembered between launches).
 */
public final class WorkbenchApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchApp.class);

    /** Opens the window; returns when it is closed. Called by the jar's launcher with no command. */
    public static void launchApp(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }

    private WorkbenchWindow window;

    @Override
    public void start(Stage stage) {
        window = new WorkbenchWindow(stage);
        window.exports().setHostServices(getHostServices());
        window.show();
        if (!Boolean.getBoolean("cae.noPrefs")) {
            try {
                window.viewModel().loadFrom(prefs());
            } catch (RuntimeException e) {
                LOG.debug("parameters not restored", e);
            }
        }
        presets(window.viewModel());
        String open = System.getProperty("cae.open");
        String sample = System.getProperty("cae.sample", "mnist");
        if (open != null && !open.isBlank()) {
            // -Dcae.open=FILE: that file (or 10x folder) with its reading options, instead of a sample
            Platform.runLater(() -> window.loading().openWithOptions(Path.of(open)));
        } else window.loading().loadSample(switch (sample) {
            case "fashion" -> Samples.FASHION;
            case "all" -> Samples.ALL;
            case "all-gct" -> Samples.ALL_GCT;
            case "all-10x" -> Samples.ALL_10X;
            default -> Samples.MNIST;
        });
        if (Boolean.getBoolean("cae.autotrain")) {
            window.dataProperty().addListener((o, a, b) -> {
                if (b != null) Platform.runLater(window::train);
            });
        }
        String shots = System.getProperty("cae.shots");
        if (shots != null && !shots.isBlank()) screenshots(Path.of(shots));
    }

    /** {@code -Dcae.k=10 -Dcae.epochs=100 -Dcae.convergence=off}: starting values for demonstrations and timing. */
    private static void presets(WorkbenchViewModel vm) {
        String k = System.getProperty("cae.k");
        if (k != null) vm.text(WorkbenchViewModel.Field.K).set(k);
        String epochs = System.getProperty("cae.epochs");
        if (epochs != null) vm.text(WorkbenchViewModel.Field.EPOCHS).set(epochs);
        if ("off".equals(System.getProperty("cae.convergence"))) vm.convergenceProperty().set(false);
        if (Boolean.getBoolean("cae.exitAfterTraining")) {
            vm.runningProperty().addListener((o, was, now) -> {
                if (was && !now) Platform.runLater(Platform::exit);
            });
        }
    }

    private static java.util.prefs.Preferences prefs() {
        return java.util.prefs.Preferences.userNodeForPackage(WorkbenchApp.class).node("parameters");
    }

    @Override
    public void stop() {
        if (window == null) return;
        window.dispose();
        if (!Boolean.getBoolean("cae.noPrefs")) {
            try {
                window.viewModel().saveTo(prefs());
                prefs().flush();
            } catch (Exception e) {
                LOG.debug("parameters not saved", e);
            }
        }
    }

    private void screenshots(Path dir) {
        boolean[] done = new boolean[3];
        Timeline t = new Timeline();
        t.getKeyFrames().add(new KeyFrame(Duration.millis(500), e -> {
            var cfg = window.viewModel().config();
            int planned = cfg.map(c -> c.epochs()).orElse(300);
            if (!done[0] && window.viewModel().runningProperty().get() && window.epochsShownProperty().get() >= planned / 3) {
                done[0] = shot(dir.resolve("training.png"));
            } else if (done[0] && !done[1] && window.metricsDoneProperty().get()) {
                window.selectResults();
                done[1] = true;
            } else if (done[1] && !done[2]) {
                done[2] = shot(dir.resolve("results.png"));
                if (Boolean.getBoolean("cae.exitAfterShots")) {
                    t.stop();
                    Platform.exit();
                }
            }
        }));
        t.setCycleCount(Timeline.INDEFINITE);
        t.play();
    }

    private boolean shot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            WritableImage img = window.stage().getScene().snapshot(null);
            javax.imageio.ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
            LOG.info("screenshot written to {}", file);
        } catch (Exception e) {
            LOG.warn("screenshot failed", e);
        }
        return true;
    }
}
