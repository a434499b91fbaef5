package org.caeworkbench.core;

/**
 * How the selector's logits are parameterised: {@link #PLAIN}, the paper's k x d logits trained directly,
 * or {@link #IP}, IP-CAE's indirect L = Psi W^T + b (Nilsson et al., ICML 2024; {@link ConcreteAutoencoder}).
 * {@link #AUTO}, the default, is IP for the reconstruct objective (fewer epochs and a lower error on the six
 * datasets of docs/engine.md) and plain for classify and mix (with IP those found fewer of the label-carrying
 * columns in SupervisedObjectiveTest's data: 0 of 8 runs found all three, against 6 of 8 with plain).
 */
public enum Parameterisation {
    AUTO, PLAIN, IP;

    /** The parameterisation used for {@code objective}: this one, or for AUTO the one chosen for it. */
    public Parameterisation resolve(Objective objective) {
        if (this != AUTO) return this;
        return objective == null || !objective.supervised() ? IP : PLAIN;
    }
}
