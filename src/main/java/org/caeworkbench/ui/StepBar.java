package org.caeworkbench.ui;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import org.caeworkbench.app.StepControl;

/**
 * Step mode above the training charts: train a chosen number of epochs (1, 10 or 50) and pause; while
 * paused, set the temperature by hand or leave it, then train the next epochs or continue to the end.
 * The bar only asks; {@link StepControl} (through the training service) holds the training thread.
 */
final class StepBar extends FlowPane {
    /** What the bar asks of the window. */
    interface Actions {
        /** Starts a new training that pauses after {@code epochs} epochs. */
        void trainSteps(int epochs);

        /** Goes on from the pause: {@code epochs} more (0: to the end), from {@code temperature} (NaN: as scheduled). */
        void goOn(int epochs, double temperature);

        /** Holds the running training at the end of the current epoch. */
        void pause();
    }

    private final ComboBox<Integer> size = new ComboBox<>();
    private final Button step = new Button();
    private final Button resume = new Button("Continue to the end");
    private final Button pause = new Button("Pause");
    private final TextField temperature = new TextField();
    private final Label status = new Label();
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
    private final Consumer<String> error;
    private String shownTemperature = "";
    private StepControl.Pause shown;

    StepBar(ObservableBooleanValue running, ObservableBooleanValue canTrain, Actions actions, Consumer<String> error) {
        super(8, 4);
        this.error = error;
        setId("stepBar");
        setPadding(new Insets(6, 8, 0, 8));
        setAlignment(Pos.CENTER_LEFT);
        for (int s : StepControl.STEPS) size.getItems().add(s);
        size.setValue(10);
        size.setId("stepSizeChoice");
        size.setTooltip(new Tooltip("How many epochs to train before pausing (the paper trains 300 epochs on MNIST without pausing)."));
        step.setId("stepButton");
        step.textProperty().bind(Bindings.createStringBinding(() -> (paused.get() ? "Next " : "Train ") + size.getValue() + " epoch"
                + (size.getValue() == 1 ? "" : "s"), paused, size.valueProperty()));
        step.setTooltip(new Tooltip("Train this many epochs, then pause: the charts mark where. The same seed gives the same run, paused or not."));
        step.disableProperty().bind(Bindings.createBooleanBinding(() -> !(paused.get() || (!running.get() && canTrain.get())),
                paused, running, canTrain));
        step.setOnAction(e -> {
            if (paused.get()) go(size.getValue());
            else actions.trainSteps(size.getValue());
        });
        resume.setId("continueButton");
        resume.setTooltip(new Tooltip("Train the remaining epochs without pausing."));
        resume.disableProperty().bind(paused.not());
        resume.setOnAction(e -> go(0));
        this.actions = actions;
        pause.setId("pauseButton");
        pause.setTooltip(new Tooltip("Pause the running training at the end of the current epoch; go on with Next or Continue."));
        pause.disableProperty().bind(Bindings.createBooleanBinding(() -> !running.get() || paused.get(), running, paused));
        pause.setOnAction(e -> actions.pause());
        pause.setMinWidth(Region.USE_PREF_SIZE);
        temperature.setId("stepTemperatureField");
        temperature.setPrefColumnCount(6);
        temperature.disableProperty().bind(paused.not());
        temperature.setTooltip(new Tooltip("While paused: set the temperature T by hand. Annealing goes on from this value to the end temperature"
                + " over the rest of the try; the run then records the change and is not repeated by its command line."
                + " Paper: T falls from 10 to 0.01."));
        Label t = new Label("T");
        t.setLabelFor(temperature);
        status.setId("stepStatus");
        status.setWrapText(true);
        status.setMinWidth(Region.USE_PREF_SIZE);
        size.setMinWidth(Region.USE_PREF_SIZE);
        step.setMinWidth(Region.USE_PREF_SIZE);
        resume.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(new Label("Step mode:"), size, step, pause, resume, t, temperature, status);
    }

    private final Actions actions;

    private void go(int epochs) {
        String text = temperature.getText().trim();
        double t = Double.NaN;
        if (!text.equals(shownTemperature)) {
            try {
                t = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                t = -1;
            }
            if (!(t > 0) || Double.isInfinite(t)) {
                error.accept("The temperature must be a positive number, such as 0.5 (it was \"" + text + "\").");
                return;
            }
        }
        actions.goOn(epochs, t);
    }

    /** Shows where training holds (FX thread), or that it runs or has ended (null). */
    void show(StepControl.Pause p) {
        if (p == shown) return;      // called on every drain: the user's typing in the field stays
        shown = p;
        paused.set(p != null);
        if (p == null) {
            status.setText("");
            temperature.setText("");
            shownTemperature = "";
            return;
        }
        shownTemperature = Explanations.num(p.temperature());
        temperature.setText(shownTemperature);
        status.setText(p.epochsDone() == 0
                ? String.format(Locale.ROOT, "Paused before try %d (%d epochs) starts; change T or go on.", p.tryNumber(), p.epochs())
                : String.format(Locale.ROOT, "Paused after epoch %d of %d%s; change T or go on.", p.epochsDone(), p.epochs(),
                p.tryNumber() > 1 ? " (try " + p.tryNumber() + ")" : ""));
    }

    ReadOnlyBooleanProperty pausedProperty() { return paused.getReadOnlyProperty(); }
    String statusText() { return status.getText(); }
}
