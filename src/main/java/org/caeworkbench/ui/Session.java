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
 * that result, whether it was saved, and the checkpoint state, each a read-only property for the views;
 * the window's parts change them through the methods here, on the FX thread.
 */
final class Session {
    private final ReadOnlyObjectWrapper<LoadedData> data = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<SelectionResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Map<String, Object>> metrics = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<String>> warnings = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyBooleanWrapper metricsDone = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper saved = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyObjectWrapper<TrainingConfig> trainedConfig = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RunConfig> resumedRunConfig = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TrainingService.Checkpointing> activeCheckpoints = new ReadOnlyObjectWrapper<>();

    ReadOnlyObjectProperty<LoadedData> dataProperty() { return data.getReadOnlyProperty(); }
    LoadedData data() { return data.get(); }
    void setData(LoadedData d) { data.set(d); }

    ReadOnlyObjectProperty<SelectionResult> resultProperty() { return result.getReadOnlyProperty(); }
    SelectionResult result() { return result.get(); }

    /** A new result (null: none), not yet saved, its figures not yet computed. */
    void setResult(SelectionResult r) {
        result.set(r);
        saved.set(r == null);
        metrics.set(null);
        warnings.set(List.of());
        metricsDone.set(false);
    }

    /** The figures of the result as {@code cae eval} writes them; null before they are computed. */
    ReadOnlyObjectProperty<Map<String, Object>> metricsProperty() { return metrics.getReadOnlyProperty(); }
    Map<String, Object> metrics() { return metrics.get(); }

    /** The result's panel warnings (empty before the figures are computed). */
    ReadOnlyObjectProperty<List<String>> warningsProperty() { return warnings.getReadOnlyProperty(); }
    List<String> warnings() { return warnings.get(); }

    /** Whether the figures are computed (or their computation has ended). */
    ReadOnlyBooleanProperty metricsDoneProperty() { return metricsDone.getReadOnlyProperty(); }

    void setMetrics(Map<String, Object> figures, List<String> panelWarnings) {
        warnings.set(List.copyOf(panelWarnings));
        metrics.set(figures == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures)));
    }

    void setMetricsDone(boolean done) { metricsDone.set(done); }

    /** Whether the result was written anywhere (an export, the run folder, the report); asked before it is discarded. */
    ReadOnlyBooleanProperty savedProperty() { return saved.getReadOnlyProperty(); }
    boolean saved() { return saved.get(); }
    void setSaved(boolean s) { saved.set(s); }

    /** The settings the result was trained with (null before a training). */
    ReadOnlyObjectProperty<TrainingConfig> trainedConfigProperty() { return trainedConfig.getReadOnlyProperty(); }
    TrainingConfig trainedConfig() { return trainedConfig.get(); }
    void setTrainedConfig(TrainingConfig c) { trainedConfig.set(c); }

    /** The recorded run a resumed {@code cae train --out RUN} is to be written to, or null. */
    ReadOnlyObjectProperty<RunConfig> resumedRunConfigProperty() { return resumedRunConfig.getReadOnlyProperty(); }
    RunConfig resumedRunConfig() { return resumedRunConfig.get(); }
    void setResumedRunConfig(RunConfig c) { resumedRunConfig.set(c); }

    /** The running training's checkpoints (in-progress folder, resume state), or null. */
    ReadOnlyObjectProperty<TrainingService.Checkpointing> activeCheckpointsProperty() { return activeCheckpoints.getReadOnlyProperty(); }
    TrainingService.Checkpointing activeCheckpoints() { return activeCheckpoints.get(); }
    void setActiveCheckpoints(TrainingService.Checkpointing c) { activeCheckpoints.set(c); }
}
