package org.caeworkbench.ui;

import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.export.RunConfig;

/**
 * What the window holds of the user's work: the loaded data, the result trained on it, the figures of
 * that result, whether it was saved, and the checkpoint state. Read-only properties for the views; the
 * window's parts change them through the methods here, on the FX thread.
 */
final class Session {
    private final ReadOnlyObjectWrapper<LoadedData> data = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<SelectionResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper metricsDone = new ReadOnlyBooleanWrapper();
    private Map<String, Object> metrics;
    private List<String> warnings = List.of();
    private boolean saved = true;
    private TrainingConfig trainedConfig;
    private RunConfig resumedRunConfig;
    private TrainingService.Checkpointing activeCheckpoints;

    ReadOnlyObjectProperty<LoadedData> dataProperty() { return data.getReadOnlyProperty(); }
    LoadedData data() { return data.get(); }
    void setData(LoadedData d) { data.set(d); }

    ReadOnlyObjectProperty<SelectionResult> resultProperty() { return result.getReadOnlyProperty(); }
    SelectionResult result() { return result.get(); }

    /** A new result (null: none), not yet saved, its figures not yet computed. */
    void setResult(SelectionResult r) {
        result.set(r);
        saved = r == null;
        metrics = null;
        warnings = List.of();
        metricsDone.set(false);
    }

    /** The figures of the result as {@code cae eval} writes them, and its panel warnings; null before they are computed. */
    Map<String, Object> metrics() { return metrics; }
    List<String> warnings() { return warnings; }
    ReadOnlyBooleanProperty metricsDoneProperty() { return metricsDone.getReadOnlyProperty(); }

    void setMetrics(Map<String, Object> figures, List<String> panelWarnings) {
        metrics = figures;
        warnings = List.copyOf(panelWarnings);
    }

    void setMetricsDone(boolean done) { metricsDone.set(done); }

    /** Whether the result was written anywhere (an export, the run folder, the report); asked before it is discarded. */
    boolean saved() { return saved; }
    void setSaved(boolean s) { saved = s; }

    /** The settings the result was trained with (null before a training). */
    TrainingConfig trainedConfig() { return trainedConfig; }
    void setTrainedConfig(TrainingConfig c) { trainedConfig = c; }

    /** The recorded run a resumed {@code cae train --out RUN} is to be written to, or null. */
    RunConfig resumedRunConfig() { return resumedRunConfig; }
    void setResumedRunConfig(RunConfig c) { resumedRunConfig = c; }

    /** The running training's checkpoints, or null. */
    TrainingService.Checkpointing activeCheckpoints() { return activeCheckpoints; }
    void setActiveCheckpoints(TrainingService.Checkpointing c) { activeCheckpoints = c; }
}
