/**
 * Core: the Concrete Autoencoder and its training, on ND4J. The selector layer
 * ({@link org.caeworkbench.core.ConcreteSelector}: Gumbel-softmax samples of k categorical
 * distributions over the d features, hard argmax selection at inference), the decoder, the annealed
 * temperature ({@link org.caeworkbench.core.TemperatureSchedule}), the convergence rule with its tries
 * and the checkpoints are driven by {@link org.caeworkbench.core.Trainer} from a
 * {@link org.caeworkbench.core.TrainingConfig}; it reports through a
 * {@link org.caeworkbench.core.TrainingListener} and returns a
 * {@link org.caeworkbench.core.SelectionResult}. The front ends do not call the trainer themselves:
 * they go through {@code app.TrainingJob}. docs/engine.md describes the engine and its speed.
 */
package org.caeworkbench.core;
