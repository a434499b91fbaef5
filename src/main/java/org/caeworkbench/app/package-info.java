/**
 * The application layer: what both front ends (the {@code cae} command line and the window) ask of the
 * program, done in one place so that they cannot disagree. It sits above export and below cli and ui
 * (data &larr; core &larr; eval &larr; export &larr; app &larr; {cli, ui}).
 *
 * <ul>
 * <li>{@link org.caeworkbench.app.RunMetrics}: the figures of a selection on its test split (the paper's
 *     linear-regression MSE, the decoder's MSE, the mean predictor, Extra-Trees accuracy with the run's
 *     seed) and the panel checks, as {@code cae eval}, the Results tab and the report show them.</li>
 * <li>{@link org.caeworkbench.app.TrainingJob}: one training, new or resumed from its checkpoint, with
 *     checkpoints as it goes, and the run folder with its panel checks ({@code cae train}, the window's
 *     training service, {@code cae bench}).</li>
 * <li>{@link org.caeworkbench.app.CompareRun}: the selectors, seed and files of a comparison
 *     ({@code cae compare} and the Compare tab).</li>
 * <li>{@link org.caeworkbench.app.RunComparison}: two runs' panels side by side (overlap, Jaccard, MSE,
 *     settings that differ), for the window's run history.</li>
 * <li>{@link org.caeworkbench.app.DataHeatmap}: the order of a clustered heatmap of a table with the
 *     selected features marked.</li>
 * </ul>
 * A run folder is read in one place, {@code export.RunDirectory}.
 */
package org.caeworkbench.app;
