package org.caeworkbench.core;

/**
 * Why settings cannot be used: one sentence, and the setting it is about (null when it is about no one
 * setting, like a training split without rows), so that the window can mark that setting's field and the
 * command line can print the sentence.
 */
public record Problem(Setting<?, ?> setting, String sentence) {
    @Override public String toString() { return sentence; }
}
