package org.caeworkbench.core;

/** Whether the temperature changes at every optimiser step (reference code) or once per epoch (paper). */
public enum Annealing { STEP, EPOCH }
