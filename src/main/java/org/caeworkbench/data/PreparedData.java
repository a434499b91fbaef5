package org.caeworkbench.data;

/**
 * Data ready for training: imputed (if asked), transformed and filtered (if asked) and scaled, split
 * into train and test.
 *
 * @param train   training rows, imputed, transformed, filtered and scaled
 * @param test    test rows, prepared with what was fitted on train
 * @param scaler  the scaling fitted on train (save it with the model; {@link Scaler#inverse} for the
 *                units before scaling)
 * @param imputer the mean imputer fitted on train (over all the file's features), or null when
 *                imputation was not asked for
 * @param summary the data file as read, before split, imputation and scaling: its size, classes,
 *                missing values and range (the values themselves were changed in place: the data are
 *                held once). With a separate test file it is the training file only.
 * @param filter  which of the file's features train and test hold ({@link FeatureFilter#all} when
 *                none was dropped)
 */
public record PreparedData(Dataset train, Dataset test, Scaler scaler, MeanImputer imputer, DatasetSummary summary, FeatureFilter filter) {}
