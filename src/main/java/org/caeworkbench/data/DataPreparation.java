package org.caeworkbench.data;

import java.util.BitSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path from a file to training-ready data: read → split → impute (fitted on train) → transforms
 * (counts per million, log(1 + x), per sample) → feature filter (constant features, most variable
 * features; fitted on train) → scale (fitted on train), with the same imputer, transforms, filter and
 * scaler applied to test. Fitting on train only keeps the test rows from leaking into training, so
 * test figures stay honest. Imputation comes first, so the transforms never see a missing value.
 *
 * <p>The data are held once: the split's training and test parts are row views of the matrix as read
 * ({@link Dataset#selectRows}), and imputation, the transforms, the dropped columns and the scaling
 * change that matrix in place (each of its rows once). So the file's values as read are gone after
 * this; {@link PreparedData#summary()} keeps what the window shows of them, and exports in the file's
 * units read the file again.
 */
public final class DataPreparation {
    private static final Logger log = LoggerFactory.getLogger(DataPreparation.class);

    private DataPreparation() {}

    /**
     * The spec a run records: an automatic {@link Backing} replaced by the reader's choice for an .h5ad file or a
     * 10x folder (disk when {@code train} is read from its file, else memory), so that {@code --resume} holds the
     * matrix the same way whatever heap it gets (the epochs visit a matrix on disk chunk by chunk, in another
     * order, so the two would not continue the same run). Other formats, and a choice already made, are as given.
     */
    public static DataSpec asRead(DataSpec spec, Dataset train) {
        if (spec.read().backing() != Backing.AUTO) return spec;
        if (train.matrix() instanceof BackedMatrix) return spec.withRead(spec.read().withBacking(Backing.DISK));
        Format format;
        try {
            format = DatasetReader.formatOf(spec.data(), spec.read());
        } catch (DataException e) {
            return spec;
        }
        return format == Format.H5AD || format == Format.MTX ? spec.withRead(spec.read().withBacking(Backing.MEMORY)) : spec;
    }

    public static PreparedData prepare(DataSpec spec) throws DataException {
        ReadOptions read = spec.read();
        Dataset raw = DatasetReader.read(spec.data(), read);
        DatasetSummary summary = DatasetSummary.of(raw);   // of the file as read, before anything below changes it
        Split split = inFileOrder(split(spec, raw));

        // The split's parts are views of one matrix (or two files: two matrices); every step below changes the
        // rows of each matrix in place, once (done marks the rows changed), so the data are held once.
        Dataset train = split.train();
        Dataset test = split.test();
        if (!train.isSparse() && test.isSparse()) {   // a separate sparse test file for dense training data: one kind of scaling
            test = new Dataset(test.name(), test.rows(), test.cols(), test.values(), test.featureNames(), test.sampleIds(), test.labels(),
                    test.imageShape(), test.notes());
        }
        MeanImputer imputer = null;
        if (read.impute() == Imputation.MEAN) {
            MeanImputer fitted = MeanImputer.fit(train);
            inPlace(train, test, fitted::fillInPlace);
            imputer = fitted;
        }
        Preprocessing pre = spec.preprocessing();
        if (pre.transforms()) {
            BitSet trainDone = new BitSet(), testDone = shared(train, test) ? trainDone : new BitSet();
            Transforms.applyInPlace(train, trainDone, pre);
            Transforms.applyInPlace(test, testDone, pre);
        }
        // AUTO scaling is decided on the data as read: images keep one range even when pixels are dropped
        Scaling scaling = Scaler.resolve(spec.scaling(), train);
        FeatureFilter filter = pre.filters() ? FeatureFilter.fit(train, pre.dropConstant(), pre.topVariable(), pre.retain())
                : FeatureFilter.all(train.featureNames());
        if (!filter.isIdentity()) {
            int[] kept = filter.kept();
            List<String> names = filter.keptNames();
            Matrix trainMatrix = keepColumns(train.matrix(), kept);
            Matrix testMatrix = shared(train, test) ? trainMatrix : keepColumns(test.matrix(), kept);
            Dataset.GeneNames genes = train.geneNames() == null ? null : train.geneNames().select(kept);
            train = train.onMatrix(trainMatrix, names, null).withGeneNames(genes);
            test = test.onMatrix(testMatrix, names, null).withGeneNames(genes);
        }
        Scaler scaler = Scaler.fit(train, scaling);
        inPlace(train, test, scaler::applyInPlace);
        log.debug("prepared {}: {} training and {} test rows, {} features{}, {} scaling{}, preprocessing: {}", raw.name(), train.rows(),
                test.rows(), train.cols(), train.isSparse() ? " (sparse)" : "", scaler.kind(), imputer != null ? ", mean imputation" : "",
                pre.describe());
        return new PreparedData(train, test, scaler, imputer, summary, filter);
    }

    private static boolean shared(Dataset train, Dataset test) {
        return train.matrix() == test.matrix();
    }

    /** Runs an in-place step on the training rows, then the test rows, each matrix row once. */
    private static void inPlace(Dataset train, Dataset test, java.util.function.BiConsumer<Dataset, BitSet> step) {
        BitSet trainDone = new BitSet();
        step.accept(train, trainDone);
        step.accept(test, shared(train, test) ? trainDone : new BitSet());
    }

    private static Matrix keepColumns(Matrix m, int[] kept) {
        if (m instanceof DenseMatrix dm) return dm.keepColumns(kept);
        if (m instanceof CsrMatrix csr) return csr.keepColumns(kept);
        if (m instanceof BackedMatrix backed) return backed.keepColumns(kept);
        throw new IllegalStateException("cannot drop columns of " + m.getClass().getSimpleName());
    }

    /**
     * A matrix read from its file in chunks is visited much faster in file order, so the parts of its split
     * list their rows in that order (which rows are in which part does not change; training shuffles them
     * anyway). A matrix in memory keeps the split's own order, so its runs are unchanged.
     */
    static Split inFileOrder(Split split) {
        Dataset train = split.train();
        Dataset test = split.test();
        return train.matrix().chunkRows() == 0 && test.matrix().chunkRows() == 0 ? split
                : new Split(sortedByMatrixRow(train), sortedByMatrixRow(test));
    }

    private static Dataset sortedByMatrixRow(Dataset d) {
        if (d.matrix().chunkRows() == 0) return d;
        long[] keyed = new long[d.rows()];
        for (int r = 0; r < keyed.length; r++) keyed[r] = ((long) d.matrixRow(r) << 32) | r;
        java.util.Arrays.sort(keyed);
        int[] order = new int[keyed.length];
        for (int i = 0; i < order.length; i++) order[i] = (int) keyed[i];
        return d.selectRows(order);
    }

    private static Split split(DataSpec spec, Dataset raw) throws DataException {
        if (spec.testFile() != null) {
            if (spec.splitFile() != null) log.warn("a test file is given, so the split file {} is not used", spec.splitFile());
            // the test file is read like the data file, except that an IDX labels file is found by name (a sample
            // annotation file serves both) and that it keeps the training file's features, not its own most variable
            ReadOptions testRead = spec.read().withKeepTopVariable(0);
            if (DatasetReader.formatOf(spec.testFile(), testRead) == Format.IDX) testRead = testRead.withLabelsFile(null);
            Dataset test = DatasetReader.read(spec.testFile(), testRead);
            if (spec.read().keepTopVariable() > 0) {
                test = Splits.withFeaturesOf(raw, test);
            } else if (Splits.sameFeaturesInAnotherOrder(raw, test)) {
                // matched by name: a test file saved from another program may list the same columns in its own order
                log.info("{} has the features of {} in another order; they are matched by name", test.name(), raw.name());
                test = Splits.withFeaturesOf(raw, test);
            }
            return Splits.fromTestFile(raw, test);
        }
        // the split's parts are views of the one matrix: nothing of its size is made
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
}
