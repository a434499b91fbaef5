package org.caeworkbench.data;

/**
 * How features are scaled before training, always fitted on the training split.
 * <ul>
 * <li>MINMAX: each feature to [0, 1] (the paper's default for tables);</li>
 * <li>MINMAX_GLOBAL: one minimum and maximum over the whole training matrix, the same for every
 *     feature (images: the paper scales MNIST pixels to [0, 1] as a whole; per-pixel min-max would
 *     blow up rare border pixels);</li>
 * <li>STANDARD: each feature to mean 0, standard deviation 1;</li>
 * <li>NONE: values as read;</li>
 * <li>AUTO: MINMAX_GLOBAL for images, otherwise MINMAX.</li>
 * </ul>
 */
public enum Scaling { AUTO, MINMAX, MINMAX_GLOBAL, STANDARD, NONE }
