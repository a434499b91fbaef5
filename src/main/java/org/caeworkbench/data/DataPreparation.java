package org.caeworkbench.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path from a file to training-ready data: read → split → impute (fitted on train) → transforms
 * (counts per million, log(1 + x), per sample) → feature filter (constant features, most variable
 * features; fitted on train) → scale (fitted on train), with the same imputer, transforms, filter and
 * scaler applied to test. Fitting on train only keeps the test rows from leaking into training, so
 * test figures stay honest. Imputation comes first, so the transforms never see a missing value.
 */
public final class DataPreparation {
    private static final Logger log = LoggerFactory.getLogger(DataPreparation.class);

    private DataPreparation() {}

    public static PreparedData prepare(DataSpec spec) throws DataException {
        ReadOptions read = spec.read();
        Dataset raw = DatasetReader.read(spec.data(), read);
        Split split = split(spec, raw);

        Dataset train = split.train();
        Dataset test = split.test();
        MeanImputer imputer = null;
        if (read.impute() == Imputation.MEAN) {
            imputer = MeanImputer.fit(train);
            train = imputer.apply(train);
            test = imputer.apply(test);
        }
        Preprocessing pre = spec.preprocessing();
        train = transformOwned(train, raw, pre);
        test = transformOwned(test, raw, pre);
        // AUTO scaling is decided on the data as read: images keep one range even when pixels are dropped
        Scaling scaling = Scaler.resolve(spec.scaling(), train);
        FeatureFilter filter = pre.filters() ? FeatureFilter.fit(train, pre.dropConstant(), pre.topVariable(), pre.retain())
                : FeatureFilter.all(train.featureNames());
        train = filter.apply(train);
        test = filter.apply(test);
        Scaler scaler = Scaler.fit(train, scaling);
        train = scaleOwned(scaler, train, raw);
        test = scaleOwned(scaler, test, raw);
        log.debug("prepared {}: {} training and {} test rows, {} features, {} scaling{}, preprocessing: {}", raw.name(), train.rows(),
                test.rows(), train.cols(), scaler.kind(), imputer != null ? ", mean imputation" : "", pre.describe());
        return new PreparedData(train, test, scaler, imputer, raw, filter);
    }

    /** Transforms in place when the rows are already a copy, else into a new array (the raw data stay as read). */
    private static Dataset transformOwned(Dataset d, Dataset raw, Preprocessing p) throws DataException {
        if (!p.transforms()) return d;
        if (d.values() == raw.values()) return Transforms.apply(d, p);
        Transforms.applyInPlace(d, d.values(), p);
        return d;
    }

    private static Split split(DataSpec spec, Dataset raw) throws DataException {
        if (spec.testFile() != null) {
            if (spec.splitFile() != null) log.warn("a test file is given, so the split file {} is not used", spec.splitFile());
            // the test file is read like the data file, except that an IDX labels file is found by name (a sample
            // annotation file serves both) and that it keeps the training file's features, not its own most variable
            ReadOptions testRead = spec.read().withKeepTopVariable(0);
            if (DatasetReader.formatOf(spec.testFile(), testRead) == Format.IDX) testRead = testRead.withLabelsFile(null);
            Dataset test = DatasetReader.read(spec.testFile(), testRead);
            if (spec.read().keepTopVariable() > 0) test = Splits.withFeaturesOf(raw, test);
            return Splits.fromTestFile(raw, test);
        }
        // the split copies the rows: the raw matrix and its two parts are held together for a moment
        MemoryBudget.require(raw.name(), 4L * raw.rows() * raw.cols(), raw.rows(), raw.cols());
        if (spec.splitFile() != null) return Splits.fromFile(raw, spec.splitFile());
        double fraction = spec.testFraction();
        if (!(fraction > 0 && fraction < 1)) {
            throw new DataException("the test fraction must be between 0 and 1, for example 0.2, not " + fraction);
        }
        long testRows = Math.round(raw.rows() * fraction);
        if (testRows == 0 || testRows == raw.rows()) {
            throw new DataException(raw.name() + " has only " + raw.rows() + " rows, too few to hold out a test fraction of "
                    + fraction + " and still train");
        }
        return Splits.byFraction(raw, fraction, spec.seed());
    }

    /**
     * Scales in place when the rows are a fresh copy made by the split or the imputer (saving one copy
     * of the matrix), and into a new array when they are still the raw data, which must stay as read.
     */
    private static Dataset scaleOwned(Scaler scaler, Dataset d, Dataset raw) {
        if (d.values() == raw.values()) return scaler.apply(d);
        scaler.applyInPlace(d.values());
        return d;
    }
}
