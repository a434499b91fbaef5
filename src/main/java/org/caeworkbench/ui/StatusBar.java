package org.caeworkbench.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The bottom bar: a progress bar, one status line (epoch, step, T, speed, ETA) and the latest message.
 * The status line is never cut (the message gives way and shows its whole text as a tooltip), and an
 * error stays only until something later succeeds ({@link #succeeded}).
 */
final class StatusBar extends HBox {
    /** What the message on the right is: an error is cleared by the next success, a note or warning is not. */
    enum Kind { NOTE, WARNING, ERROR }

    private final Label status = new Label("Ready.");
    private final Label message = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Tooltip messageTip = new Tooltip();
    private Kind kind = Kind.NOTE;

    StatusBar() {
        super(10);
        status.setId("statusLabel");
        status.setMinWidth(Label.USE_PREF_SIZE);
        message.setId("messageLabel");
        message.getStyleClass().add("message");
        message.setTextOverrun(OverrunStyle.ELLIPSIS);
        message.setMinWidth(0);
        message.setMaxWidth(Double.MAX_VALUE);
        message.setAlignment(Pos.CENTER_RIGHT);
        messageTip.setWrapText(true);
        messageTip.setMaxWidth(600);
        HBox.setHgrow(message, Priority.ALWAYS);
        progress.setId("progressBar");
        progress.setPrefWidth(160);
        progress.setMinWidth(80);
        getChildren().addAll(progress, status, message);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        setId("statusBar");
    }

    /** The status line, keeping the message. */
    void status(String text) { status.setText(text); }

    /** The status line after something the user asked for worked: an error shown before it is cleared. */
    void succeeded(String text) {
        status.setText(text);
        if (kind == Kind.ERROR) message(Kind.NOTE, "");
    }

    /** A note (what the reader decided, say) on the right. */
    void message(String text) { message(Kind.NOTE, text); }

    void message(Kind k, String text) {
        kind = k;
        message.setText(text);
        message.getStyleClass().removeAll("error", "warning");
        if (k != Kind.NOTE) message.getStyleClass().add(k.name().toLowerCase(java.util.Locale.ROOT));
        messageTip.setText(text);
        message.setTooltip(text == null || text.isEmpty() ? null : messageTip);
    }

    String statusText() { return status.getText(); }
    String messageText() { return message.getText(); }
    Kind messageKind() { return kind; }
    void progress(double p) { progress.setProgress(p); }
    double progress() { return progress.getProgress(); }
    void busy() { progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS); }
}
