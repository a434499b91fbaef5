package org.caeworkbench.data;

/**
 * What a table's columns of text are (besides the sample ids and the labels): refused, naming the first value that is not a
 * number (the default), or left out, with a note naming them ({@code --text-columns drop}): a batch, a donor, a sex.
 */
public enum TextColumns { REFUSE, DROP }
