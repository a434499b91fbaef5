/**
 * Export: everything the program writes and reads back, always atomically (write to a temporary file,
 * then move it in place; {@link org.caeworkbench.export.AtomicFiles}). The run folder
 * ({@link org.caeworkbench.export.RunDirectory}: config.json, selected_features.csv, history.csv,
 * summary.json, the model, previews; read back by the same class), the in-progress folder with its
 * checkpoints ({@link org.caeworkbench.export.PartialRun}), the HTML report
 * ({@link org.caeworkbench.export.RunReport}, escaping all that comes from the data), the comparison and
 * stability files and the pictures, drawn with Java2D so the command line can make every one of them.
 */
package org.caeworkbench.export;
