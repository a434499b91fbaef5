/**
 * The application layer: what both front ends (the {@code cae} command line and the window) ask of the
 * program, done in one place so that they cannot disagree. It sits above export and below cli and ui
 * (data &larr; core &larr; eval &larr; export &larr; app &larr; {cli, ui}).
 *
 * <ul>
 * <li>{@link org.caeworkbench.app.RunMetrics}: the figures of a selection on its test split (the paper's
 *     linear-regression MSE, the decoder's MSE, the mean predictor, Extra-Trees accuracy with the run's
 *     seed) and the panel checks, as {@code cae eval}, the Results tab and the report show them.</li>
 * </ul>
 */
package org.caeworkbench.app;
