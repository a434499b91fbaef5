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
 * @param raw     the data file as read, before split, imputation and scaling (for the summary, the
 *                matrix peek and exports in original units). It is a separate copy: it doubles the
 *                memory held; callers that need no raw values can drop the PreparedData after taking
 *                train, test and scaler. With a separate test file it is the training file only.
 * @param filter  which of the file's features train and test hold ({@link FeatureFilter#all} when
 *                none was dropped)
 */
public record PreparedData(Dataset train, Dataset test, Scaler scaler, MeanImputer imputer, Dataset raw, FeatureFilter filter) {}
