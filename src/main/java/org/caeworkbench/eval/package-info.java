/**
 * Eval: what a selection is worth and what else could have been chosen. The paper's metrics
 * ({@link org.caeworkbench.eval.LinearReconstruction}: least-squares reconstruction of all features
 * from the selected ones; {@link org.caeworkbench.eval.ExtraTreesClassifier}: classification accuracy),
 * the baseline selectors behind {@link org.caeworkbench.eval.FeatureSelector} (random, variance,
 * Laplacian score, PFA, MCFS; registered by name in {@link org.caeworkbench.eval.Selectors}), the
 * {@link org.caeworkbench.eval.Comparison} of selectors over k, the {@link org.caeworkbench.eval.Stability}
 * of a selection over seeds, and the {@link org.caeworkbench.eval.PanelCheck} that says when a panel is
 * not worth using.
 */
package org.caeworkbench.eval;
