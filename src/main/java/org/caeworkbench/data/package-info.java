/**
 * Data: reading files into a {@link org.caeworkbench.data.Dataset}, splitting, imputing and scaling.
 * Knows nothing of training.
 *
 * <p>The doors into this package:
 * <ul>
 * <li>{@link org.caeworkbench.data.DatasetReader#read} reads CSV and TSV (gzip or not), GCT, 10x
 *     Genomics matrix folders, AnnData .h5ad and IDX files (docs/formats.md says what of each); every
 *     problem with a file is a {@link org.caeworkbench.data.DataException} whose message is one
 *     sentence naming the file, line and column, and a matrix too large for the memory left is refused
 *     before it is allocated. {@link org.caeworkbench.data.ReadOptions} says how to read (format,
 *     orientation, labels, features to keep while reading, progress listener);
 *     {@link org.caeworkbench.data.Dataset#notes()} says what the reader decided on its own;
 *     {@link org.caeworkbench.data.DatasetReader#preview} reads the start of a file the same way.</li>
 * <li>{@link org.caeworkbench.data.DataPreparation#prepare} runs the whole path: read → split (test
 *     file, split file or seeded fraction) → mean imputation → transforms (counts per million, log(1 + x);
 *     per sample) → feature filter (constant features, most variable features) → scaling; imputation,
 *     filter and scaling are fitted on the training part only, then applied to both parts
 *     ({@link org.caeworkbench.data.Preprocessing}, {@link org.caeworkbench.data.FeatureFilter}, which
 *     keeps each kept feature's column in the file).</li>
 * <li>{@link org.caeworkbench.data.Splits}, {@link org.caeworkbench.data.MeanImputer} and
 *     {@link org.caeworkbench.data.Scaler} are the steps on their own, for the GUI and for new data
 *     given to a saved model ({@code Scaler.of}, {@code MeanImputer.of}).</li>
 * <li>{@link org.caeworkbench.data.DatasetSummary} is what the window shows about a data set.</li>
 * </ul>
 */
package org.caeworkbench.data;
