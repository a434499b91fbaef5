package org.caeworkbench.core;

/**
 * Asked by the trainer before each epoch that follows another (within a try, and before the first
 * epoch of a retry of the convergence rule), on the training thread: the place where step mode pauses.
 * Unlike a {@link TrainingListener} it may block, while a person decides; the trainer's state (the
 * model, Adam's moments, the random streams, which are functions of seed, try, epoch and step) does not
 * change meanwhile, so a run that paused and went on unchanged equals one that never paused. Time spent
 * here is left out of the run's seconds.
 */
public interface EpochGate {
    /**
     * @param tryNumber   the try of the convergence rule the next epoch belongs to
     * @param epochsDone  epochs of that try already done (0 before a retry's first epoch)
     * @param epochs      epochs planned for the try
     * @param temperature the temperature of the last step trained (before a retry's first epoch: its start temperature)
     * @return NaN to go on with the schedule, or a positive temperature to go on from: T is set to it and
     *         annealing continues from it to the end temperature over the rest of the try
     *         ({@link TemperatureSchedule#from})
     */
    double beforeEpoch(int tryNumber, int epochsDone, int epochs, double temperature);

    EpochGate NONE = (tryNumber, epochsDone, epochs, temperature) -> Double.NaN;
}
