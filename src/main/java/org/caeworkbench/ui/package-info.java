/**
 * The desktop window (JavaFX, ControlsFX, JFreeChart-FX): the only package that touches the toolkit.
 * The training runs on a worker thread ({@link org.caeworkbench.ui.TrainingService}, through
 * {@code app.TrainingJob}) and never waits for the window: the window drains the newest snapshot once per
 * frame pulse and a renderer thread ({@link org.caeworkbench.ui.LiveRenderer}) turns it into pixels,
 * so the FX thread only copies them. View-models ({@link org.caeworkbench.ui.WorkbenchViewModel}) hold
 * the state the panels show and are tested without the toolkit.
 */
package org.caeworkbench.ui;
