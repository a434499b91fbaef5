package org.caeworkbench.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bottom bar: a progress bar, one status line (epoch, step, T, speed, ETA) and the latest message. */
final class StatusBar extends HBox {
    private final Label status = new Label("Ready.");
    private final Label message = new Label();
    private final ProgressBar progress = new ProgressBar(0);

    StatusBar() {
        super(10);
        status.setId("statusLabel");
        message.setId("messageLabel");
        message.getStyleClass().add("message");
        progress.setId("progressBar");
        progress.setPrefWidth(200);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(progress, status, spacer, message);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        setId("statusBar");
    }

    void status(String text) { status.setText(text); }
    void message(String text) { message.setText(text); }
    void progress(double p) { progress.setProgress(p); }
    double progress() { return progress.getProgress(); }
    void busy() { progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS); }
}
