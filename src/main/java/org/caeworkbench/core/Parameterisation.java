package org.caeworkbench.core;

/**
 * How the selector's logits are parameterised: {@link #PLAIN}, the paper's k x d logits trained directly,
 * or {@link #IP}, IP-CAE's indirect L = Psi W^T + b (Nilsson et al., ICML 2024; {@link ConcreteAutoencoder}).
 */
public enum Parameterisation { PLAIN, IP }
