package org.caeworkbench.ui;

import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.caeworkbench.export.SelectorHistory;

/**
 * The replay's timeline under the training charts: a slider over the recorded frames, Play / Pause, the
 * speed and what the frame is ("epoch 5 of 126, T = 3.2"). It only says which frame is chosen
 * ({@link #onFrame}); the window draws it off the FX thread. Enabled when a run ends or a run folder with a
 * replay is opened; empty and disabled while training runs.
 */
final class TimelineBar extends HBox {
    /** Frames a second at 1x. */
    static final double FRAMES_PER_SECOND = 8;

    private final Slider slider = new Slider(0, 1, 0);
    private final Button play = new Button("▶ Play");
    private final ComboBox<String> speed = new ComboBox<>();
    private final Label label = new Label("available when a run ends or a saved run is opened");
    private final ReadOnlyIntegerWrapper frame = new ReadOnlyIntegerWrapper(-1);
    private final Timeline player = new Timeline();
    private SelectorHistory history;
    private IntConsumer onFrame = i -> {};

    TimelineBar() {
        this("timeline");
    }

    /** With its parts' ids starting with {@code id} ({@code idBar}, {@code idSlider}, …), so that two timelines in one window differ. */
    TimelineBar(String id) {
        super(8);
        setId(id + "Bar");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(2, 0, 2, 0));
        slider.setId(id + "Slider");
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.setMinWidth(160);
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setTooltip(new Tooltip("Drag to go back to an earlier epoch: the heatmap, the pixel map, the chosen pixels and the cursor on the charts follow"));
        slider.valueProperty().addListener((o, a, b) -> select((int) Math.round(b.doubleValue())));
        play.setId(id + "Play");
        play.setMinWidth(USE_PREF_SIZE);
        play.setPrefWidth(Region.USE_COMPUTED_SIZE);   // sized by its text, also in presentation mode's larger font
        play.setOnAction(e -> togglePlay());
        speed.setId(id + "Speed");
        speed.getItems().addAll("0.5×", "1×", "2×", "4×");
        speed.setValue("1×");
        speed.setTooltip(new Tooltip("Replay speed (1× is " + (int) FRAMES_PER_SECOND + " frames a second)"));
        speed.valueProperty().addListener((o, a, b) -> player.setRate(rate()));
        label.setId(id + "Label");
        label.setMinWidth(0);
        speed.setMinWidth(USE_PREF_SIZE);
        player.getKeyFrames().add(new KeyFrame(Duration.seconds(1 / FRAMES_PER_SECOND), e -> advance()));
        player.setCycleCount(Timeline.INDEFINITE);
        Label title = new Label("Replay");
        title.setMinWidth(USE_PREF_SIZE);
        getChildren().addAll(title, play, slider, speed, label);
        set(null);
    }

    /** Calls {@code listener} with the frame index whenever another frame is chosen (FX thread). */
    void onFrame(IntConsumer listener) {
        onFrame = listener;
    }

    /** Shows {@code h} (null: none) with its last frame chosen. */
    void set(SelectorHistory h) {
        pause();
        history = h == null || h.size() == 0 ? null : h;
        boolean on = history != null;
        setDisable(!on);
        frame.set(-1);
        if (!on) {
            slider.setMax(1);
            slider.setValue(0);
            label.setText("available when a run ends or a saved run is opened");
            return;
        }
        slider.setMax(Math.max(1, history.size() - 1));
        if (slider.getValue() == history.size() - 1) select(history.size() - 1);
        else slider.setValue(history.size() - 1);
        if (history.size() == 1) select(0);
    }

    SelectorHistory history() { return history; }

    /** The chosen frame (-1: none). */
    ReadOnlyIntegerProperty frameProperty() { return frame.getReadOnlyProperty(); }

    /** Chooses frame {@code i} as dragging the slider there does. */
    void show(int i) {
        if (history == null) return;
        int c = Math.max(0, Math.min(history.size() - 1, i));
        if ((int) Math.round(slider.getValue()) == c) select(c);
        else slider.setValue(c);
    }

    boolean playing() { return player.getStatus() == javafx.animation.Animation.Status.RUNNING; }

    void togglePlay() {
        if (history == null) return;
        if (playing()) {
            pause();
        } else {
            if (frame.get() >= history.size() - 1) show(0);
            player.setRate(rate());
            player.play();
            play.setText("Pause");
        }
    }

    void pause() {
        player.stop();
        play.setText("▶ Play");
    }

    Slider slider() { return slider; }
    Button playButton() { return play; }
    ComboBox<String> speedBox() { return speed; }
    Label label() { return label; }

    private double rate() {
        String v = speed.getValue() == null ? "1×" : speed.getValue();
        try {
            return Double.parseDouble(v.replace("×", ""));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void advance() {
        if (history == null || frame.get() >= history.size() - 1) {
            pause();
            return;
        }
        show(frame.get() + 1);
    }

    private void select(int i) {
        if (history == null || i < 0 || i >= history.size() || i == frame.get()) return;
        frame.set(i);
        SelectorHistory.Frame f = history.frame(i);
        int lastEpoch = 0;     // the last recorded epoch of the frame's try
        for (SelectorHistory.Frame g : history.frames()) if (g.tryNumber() == f.tryNumber()) lastEpoch = Math.max(lastEpoch, g.epoch());
        label.setText(String.format(Locale.ROOT, "%sepoch %d%s, T = %.3g  (frame %d of %d)", f.tryNumber() > 1 ? "try " + f.tryNumber() + ", " : "",
                f.epoch(), lastEpoch > 0 ? " of " + lastEpoch : "", f.temperature(), i + 1, history.size()));
        onFrame.accept(i);
    }
}
