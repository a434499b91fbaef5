package org.caeworkbench.core;

import org.caeworkbench.data.BackedMatrix;
import org.caeworkbench.data.CsrMatrix;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DenseMatrix;
import org.caeworkbench.data.Matrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One forward and backward pass for a minibatch of a fixed size, on buffers allocated once. The
 * gradient is written into a flat buffer with the model's parameter layout. The native work is the
 * matrix multiplies (per decoder layer one forward and two backward, plus one each way for the
 * selector) and one dot product for the loss; everything else runs as short Java passes over heap
 * copies:
 * <ul>
 *   <li>the selector's noise and softmax in a {@link SelectorPipeline}, partly on a second thread;</li>
 *   <li>biases ride on the multiplies: each layer's input carries a column of ones and its weights
 *       the bias as one more row ({@link ParameterLayout.Views#weightsWithBias}), so one multiply gives
 *       the pre-activation with its bias and one gives the gradient of both;</li>
 *   <li>the error: the minibatch is copied into the output buffer when it is gathered and the output
 *       multiply subtracts it (beta = -1), so the output buffer holds prediction - X;</li>
 *   <li>the loss scale 2 / (b d) rides on the alphas of the multiplies that read the error;</li>
 *   <li>LeakyReLU, dropout (its {@link DropoutMasks}) and their backward in one pass each.</li>
 * </ul>
 * <p>With a supervised {@link Objective} (the model has a classifier head, and {@link #supervise} gave the
 * rows' classes) the head reads the decoder's input [kept, Z, 1], its softmax cross-entropy and its gradient
 * are one Java pass over the b x C logits, and its backward adds dCE/dZ into the decoder's dZ (mix) or
 * replaces it (classify: the decoder still learns from its MSE, the selector only from the head). A
 * step of a model without a head does exactly what it did before heads existed.
 * <p>With kept features ({@link FeaturePanel}) their values are copied into the decoder's first input
 * columns when the minibatch is gathered, ahead of Z; the selectors' backward multiply reads only the
 * rows of the first layer's weights that belong to Z. Without, the loops are the paper model's.
 */
final class TrainingStep implements AutoCloseable {
    private final ConcreteAutoencoder model;
    private final SelectorPipeline selector;
    private final Gemm gemm = new Gemm();   // the multiplies, straight into OpenBLAS
    private final DropoutMasks dropout;   // null: none
    private final int batch;
    private final int k;            // selected features
    private final int d;            // features
    private final int[] widths;     // f + k, hidden..., d
    private final int[] fixed;      // kept features: the first f decoder inputs
    private final int[] open;       // selectable columns; null: all
    private final INDArray w0z;     // the rows of the first layer's weights that Z multiplies (all of them when f = 0)
    private INDArray headW0z;       // the same rows of the classifier head's first weights; null without a head

    final INDArray x;                // b x d: the minibatch, when gathered here by the trainer
    private final java.nio.FloatBuffer xRows;
    private final java.nio.FloatBuffer outRows;
    private INDArray xNow;           // the minibatch of this step: x, or the slot the helper gathered it into (BatchAhead)
    private INDArray outNow;         // its output buffer: out, or the slot's
    private float[] hostLogits;        // k x d host copy of the logits, when the caller has none (tests)
    private float[] noNoise;           // d zeros: the noise of softLoss
    private final float[] hostGrad;    // k x d: the logits' gradient
    private final float[] hostS;       // S = softmax((L + G) / T), kept from forward to backward
    private final INDArray s;        // k x d: selection weights
    private final INDArray z;        // b x k
    private final float[] zHost;     // b x k
    private final INDArray[] in;     // per decoder layer, its input with a column of ones: b x (width + 1)
    private final INDArray[] pre;    // b x width: hidden pre-activations
    private final float[][] preHost; // b x width: host copy, then the hidden layer's output before the ones column
    private final float[][] factor;  // b x width: d act / d pre, dropout mask included (the backward multiplies by it)
    private final INDArray[] delta;  // b x width: gradient w.r.t. each layer's input (delta[0] = dZ)
    private final INDArray out;      // b x d: X on gathering, then prediction - X
    private boolean outHoldsX;
    private BatchAhead batchAhead;    // null: this step gathers its rows itself
    private OfferedProduct offered;   // null: the output layer's and IP-CAE's weight gradients are computed in the backward pass
    private long preparedStep = -1;   // the step prepare() announced, until run() takes it; -1: none
    private double invT;              // 1 / T of the prepared step, for its sample and its backward pass
    private final RedundancyPenalty penalty;  // null unless a redundancy weight is set
    private final double redundancy;
    private double lastPenalty;
    // the classifier head (all null without one): hidden layer h, C classes
    private final INDArray headIn;       // b x (h + 1): the head's hidden output with a column of ones
    private final INDArray headPre;      // b x h: pre-activation, then (backward) the gradient w.r.t. it
    private final float[] headHost;      // b x h: host copy
    private final float[] headFactor;    // b x h: LeakyReLU'
    private final INDArray headLogits;   // b x C: logits, then dLoss/dLogits
    private final float[] logitsHost;    // b x C
    private final int[] batchClasses;    // b: the class of each row of the minibatch
    private int[] classOfRow;            // the class of each training row (gather reads it); null: not supervised
    private double reconstructionScale = 1;   // the MSE's factor in the loss
    private double crossEntropyScale = 1;     // the cross-entropy's factor in the loss
    private boolean selectorLearnsReconstruction = true;
    private double lastCrossEntropy = Double.NaN;
    private INDArray headGradOf;              // the gradient buffer headGrad views
    private ParameterLayout.Views headGrad;
    private final INDArray dLogits;   // k x d: dLoss/dL with IP-CAE's parameterisation (L is not a parameter there); else null
    private final float[] biasGrad;   // d: IP-CAE's db, the column sums of dL; else null
    private final int[] rowBase;      // b: where each gathered row starts in the array putFixed reads
    /**
     * The sparse products are used for matrices with fewer non-zeros than this share; a denser CSR matrix
     * is densified per minibatch and multiplied by BLAS. Measured (docs/performance.md): at 5% the sparse
     * loops and the dense multiplies take about as long, above it the multiplies win.
     */
    static final double SPARSE_PRODUCTS_BELOW = 0.05;
    private boolean sparseProducts = true;   // false: a sparse matrix's minibatches go the dense way
    // sparse minibatches (made on the first one): the selector's product over the non-zeros only
    private boolean sparseBatch;      // the last gathered minibatch's products go over its non-zeros (else dense)
    private int[] batchRows;          // b: the matrix rows of the minibatch (rows of their chunk for a matrix kept in its file)
    private CsrMatrix[] rowSource;    // b: the CSR matrix (or chunk of one) each of those rows is in
    private float[] xHost;            // b x d: the minibatch densified (the decoder's target)
    private float[][] sT;             // d rows of k (padded): S transposed, so that a non-zero's update is one k-long axpy
    private float[][] zRow;           // b rows of k (padded): Z (forward), then dLoss/dZ (backward)
    private float[] dzHost;           // b x k: dLoss/dZ
    private int[] colStart;           // d + 1: the minibatch's non-zeros by column (CSC of the minibatch) ...
    private int[] entryRow;           // ... each one's row in the minibatch
    private float[] entryValue;       // ... and its value
    // dense minibatches: the selector's products skip columns that are zero in all its rows (LiveColumns)
    private boolean liveColumns = LiveColumns.wanted();
    private LiveColumns ownLive;      // the columns of a minibatch this step gathered itself; made on first use
    private LiveColumns liveNow;      // the live columns of the minibatch of this step; null: all columns
    private float[] packed;           // k x live: S, then dS, restricted to the live columns

    /** A step with its own single-thread selector (tests): noise keyed by seed 0. */
    TrainingStep(ConcreteAutoencoder model, int batch, double dropout) {
        this(model, batch, dropout, 0);
    }

    /** A step with its own single-thread selector (tests): noise keyed by seed 0. */
    TrainingStep(ConcreteAutoencoder model, int batch, double dropout, double redundancy) {
        this(model, batch, redundancy, null, dropout > 0 ? new DropoutMasks(0, dropout) : null);
    }

    /**
     * @param redundancy weight of the {@link RedundancyPenalty} (0: none, the paper's loss)
     * @param selector   the run's selector pipeline, shared by its steps; null: a single-thread one of its own
     * @param dropout    the decoder's dropout masks after each hidden layer; null: no dropout
     */
    TrainingStep(ConcreteAutoencoder model, int batch, double redundancy, SelectorPipeline selector, DropoutMasks dropout) {
        this.model = model;
        this.batch = batch;
        ParameterLayout lay = model.layout();
        this.k = lay.k;
        this.d = lay.d;
        this.widths = lay.widths.clone();
        this.fixed = model.panel().fixed();
        this.open = model.panel().open();
        this.dropout = dropout;
        this.redundancy = redundancy;
        this.selector = selector != null ? selector : new SelectorPipeline(k, d, 0, false, open);
        w0z = zRows(model.views().weights()[0]);
        int layers = lay.decoderLayers();
        x = Nd4j.create(DataType.FLOAT, batch, d);
        xRows = x.data().asNioFloat();
        hostGrad = new float[k * d];
        hostS = new float[k * d];
        s = Nd4j.create(DataType.FLOAT, k, d);
        z = Nd4j.create(DataType.FLOAT, batch, k);
        zHost = new float[batch * k];
        in = new INDArray[layers];
        pre = new INDArray[layers - 1];
        preHost = new float[layers - 1][];
        factor = new float[layers - 1][];
        delta = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            in[l] = Nd4j.ones(DataType.FLOAT, batch, widths[l] + 1);
            delta[l] = Nd4j.create(DataType.FLOAT, batch, l == 0 ? k : widths[l]);   // delta[0]: dZ, the selectors' part only
        }
        for (int l = 0; l + 1 < layers; l++) {
            pre[l] = Nd4j.create(DataType.FLOAT, batch, widths[l + 1]);
            preHost[l] = new float[batch * widths[l + 1]];
            factor[l] = new float[batch * widths[l + 1]];
        }
        out = Nd4j.create(DataType.FLOAT, batch, d);
        outRows = out.data().asNioFloat();
        xNow = x;
        outNow = out;
        penalty = redundancy > 0 ? new RedundancyPenalty(batch, k) : null;
        if (lay.hasHead()) {
            int h = lay.headWidths[1], c = lay.headWidths[2];
            headIn = Nd4j.ones(DataType.FLOAT, batch, h + 1);
            headPre = Nd4j.create(DataType.FLOAT, batch, h);
            headHost = new float[batch * h];
            headFactor = new float[batch * h];
            headLogits = Nd4j.create(DataType.FLOAT, batch, c);
            logitsHost = new float[batch * c];
            batchClasses = new int[batch];
        } else {
            headIn = headPre = headLogits = null;
            headHost = headFactor = logitsHost = null;
            batchClasses = null;
        }
        dLogits = lay.ipDim > 0 ? Nd4j.create(DataType.FLOAT, k, d) : null;
        biasGrad = lay.ipDim > 0 ? new float[d] : null;
        rowBase = new int[batch];
    }

    /**
     * Trains the model's classifier head too: {@code classOfRow} holds the class (an index into the head's
     * classes) of each training row, read by {@link #gather}; the loss is
     * {@code reconstructionScale * MSE + crossEntropyScale * CE}, and with {@code classify} the MSE's
     * gradient stops at the decoder's input (the selector learns from the cross-entropy only).
     */
    void supervise(int[] classOfRow, Objective objective, double reconstructionScale, double crossEntropyScale) {
        if (headIn == null) throw new IllegalStateException("the model has no classifier head");
        this.classOfRow = classOfRow;
        this.reconstructionScale = reconstructionScale;
        this.crossEntropyScale = crossEntropyScale;
        this.selectorLearnsReconstruction = objective.selectorLearnsReconstruction();
    }

    /** Sets the classes of the minibatch's rows directly (tests, after {@link #load}). */
    void loadClasses(int[] classes) {
        System.arraycopy(classes, 0, batchClasses, 0, batch);
    }

    /** The mean cross-entropy of the classifier head on the last {@link #run}'s minibatch (NaN without a head). */
    double lastCrossEntropy() { return lastCrossEntropy; }

    int batch() { return batch; }

    /**
     * Rows f..f+k (the ones Z multiplies) of a first-layer weight matrix w ((f + k) x out, row-major and
     * contiguous in the parameter buffer): a view of the buffer at w's offset plus f rows; w itself when f = 0.
     */
    private INDArray zRows(INDArray w) {
        if (fixed.length == 0) return w;
        long out = w.size(1);
        long from = w.offset() + fixed.length * out;
        return model.parameterBuffer().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + k * out)).reshape('c', k, out);
    }

    /**
     * Frees the step's native buffers now instead of whenever the collector finds their small Java wrappers
     * (which, with little garbage on the heap, can be many tries later). The step is unusable afterwards.
     */
    @Override
    public void close() {
        free(x, s, z, out, headIn, headPre, headLogits, dLogits);
        if (ownLive != null) ownLive.close();
        free(in);
        free(pre);
        free(delta);
    }

    /** Closes each array that owns its buffer (a view or a released array is left alone). */
    static void free(INDArray... arrays) {
        for (INDArray a : arrays) if (a != null) a.close();
    }

    /** The unweighted redundancy penalty of the last {@link #run} (0 when the penalty is off). */
    double lastPenalty() { return lastPenalty; }

    /**
     * Sets up step {@code step} at temperature T, the one place a step receives it: hands the logits
     * and 1/T to the selector pipeline, whose helper thread can start on the sample while the trainer
     * gathers the minibatch, and keeps 1/T for the backward pass. {@link #run} runs the step prepared.
     * This form copies the logits from the model (tests).
     */
    void prepare(double temperature, long step) {
        if (hostLogits == null) hostLogits = new float[k * d];
        if (dLogits != null) model.refreshLogits(hostLogits);   // IP-CAE: L from the current Psi, W, b
        else read(model.views().logits(), hostLogits);
        prepare(temperature, step, hostLogits);
    }

    /**
     * {@link #prepare(double, long)} from a host copy of the parameters whose first k d values are the
     * logits (Adam's), which must not change until the step's forward pass is done: no copy per step.
     */
    void prepare(double temperature, long step, float[] logitsFirst) {
        invT = 1.0 / temperature;
        selector.announce(step, logitsFirst, (float) invT);
        preparedStep = step;
    }

    /**
     * Copies rows order[start..start+batch) of the data into {@link #x} (and the output buffer). A dense
     * matrix's rows are copied straight from its array; a sparse matrix's rows are densified here (the
     * decoder's target is dense per minibatch only) and the selector's product then reads their non-zeros.
     */
    void gather(Dataset data, int[] order, int start) {
        Matrix m = data.matrix();
        if (m instanceof DenseMatrix dm) {
            float[] a = dm.array();
            // the helper may have gathered these rows a step ahead (the same values), into X and the output buffer
            int slot = batchAhead != null && preparedStep >= 0 ? batchAhead.take(preparedStep) : -1;
            for (int i = 0; i < batch; i++) {
                rowBase[i] = data.matrixRow(order[start + i]) * d;
                if (slot < 0) xRows.put(i * d, a, rowBase[i], d);
            }
            sparseBatch = false;
            if (slot >= 0) {
                xNow = batchAhead.x(slot);
                outNow = batchAhead.out(slot);
                outHoldsX = true;
                liveNow = liveColumns ? batchAhead.live(slot) : null;
                classesAndFixed(a, order, start);
            } else {
                gathered(a, order, start);
                liveNow = findLive(a);
            }
            return;
        }
        if (xHost == null) xHost = new float[batch * d];
        for (int i = 0; i < batch; i++) rowBase[i] = i * d;
        CsrMatrix csr = sparseProducts ? m.csrRows() : null;
        BackedMatrix backed = sparseProducts && m instanceof BackedMatrix bm && bm.isSparse() ? bm : null;
        sparseBatch = csr != null || backed != null;
        if (sparseBatch) {
            if (batchRows == null) { batchRows = new int[batch]; colStart = new int[d + 1]; rowSource = new CsrMatrix[batch]; }
            java.util.Arrays.fill(xHost, 0f);
            java.util.Arrays.fill(colStart, 0);
            int nnz = 0;
            int chunkRows = backed == null ? 0 : backed.chunkRows();
            for (int i = 0; i < batch; i++) {
                int r = data.matrixRow(order[start + i]);
                // a matrix kept in its file: the row's chunk (read once for the rows of several minibatches) and its row there
                CsrMatrix src = backed == null ? csr : (CsrMatrix) backed.chunk(r / chunkRows);
                if (backed != null) r %= chunkRows;
                rowSource[i] = src;
                batchRows[i] = r;
                int[] rs = src.rowStart(), col = src.columns();
                float[] val = src.values();
                int o = i * d;
                for (int p = rs[r], end = rs[r + 1]; p < end; p++) {
                    xHost[o + col[p]] = val[p];
                    colStart[col[p] + 1]++;
                }
                nnz += rs[r + 1] - rs[r];
            }
            // the minibatch's non-zeros sorted by column (counting sort): the products then read each row of
            // S^T once per minibatch and add it into the rows of Z, which stay in cache
            for (int j = 0; j < d; j++) colStart[j + 1] += colStart[j];
            if (entryRow == null || entryRow.length < nnz) {
                entryRow = new int[Math.max(nnz, nnz + (nnz >> 2))];
                entryValue = new float[entryRow.length];
            }
            for (int i = 0; i < batch; i++) {
                int r = batchRows[i];
                int[] rs = rowSource[i].rowStart(), col = rowSource[i].columns();
                float[] val = rowSource[i].values();
                for (int p = rs[r], end = rs[r + 1]; p < end; p++) {
                    int at = colStart[col[p]]++;
                    entryRow[at] = i;
                    entryValue[at] = val[p];
                }
            }
            for (int j = d; j > 0; j--) colStart[j] = colStart[j - 1];   // the increments moved each start to the next column's
            colStart[0] = 0;
        } else {
            data.copyRows(order, start, batch, xHost);
        }
        xRows.put(0, xHost, 0, batch * d);
        gathered(xHost, order, start);
        // a sparse minibatch's products go over its non-zeros; one densified from another matrix may have dead columns
        liveNow = sparseBatch ? null : findLive(xHost);
    }

    /** The live columns of the minibatch whose row i starts at rowBase[i] of {@code rows}; null when not wanted. */
    private LiveColumns findLive(float[] rows) {
        if (!liveColumns) return null;
        if (ownLive == null) ownLive = new LiveColumns(batch, d);
        ownLive.of(rows, rowBase);
        return ownLive;
    }

    /** Whether dense minibatches' products skip their all-zero columns (default: unless CAE_LIVE_COLUMNS=off); returns this step. */
    TrainingStep liveColumns(boolean use) {
        liveColumns = use;
        if (!use) liveNow = null;
        return this;
    }

    private void gathered(float[] rows, int[] order, int start) {
        xNow = x;
        outNow = out;
        outRows.put(0, xRows, 0, batch * d);    // one native copy, cheaper than reading the rows again
        outHoldsX = true;
        classesAndFixed(rows, order, start);
    }

    /** The classes of the minibatch's rows (supervised) and its kept features. */
    private void classesAndFixed(float[] rows, int[] order, int start) {
        if (classOfRow != null) for (int i = 0; i < batch; i++) batchClasses[i] = classOfRow[order[start + i]];
        if (fixed.length > 0) putFixed(rows);
    }

    /**
     * Takes a dense matrix's minibatches from {@code ahead} when the selector's helper gathered them a step ahead
     * ({@link BatchAhead}; the steps must be {@link #prepare prepared} before {@link #gather}); returns this step.
     */
    TrainingStep batchAhead(BatchAhead ahead) {
        batchAhead = ahead;
        return this;
    }

    /**
     * Hands two weight gradients to {@code product} ({@link OfferedProduct}: the selector's helper may compute pieces of
     * them): the output layer's, which must be collected before anything reads it, and IP-CAE's dW = dL^T Psi, which
     * the step collects itself at its end; null: both computed in the backward pass. Returns this step.
     */
    TrainingStep offersProducts(OfferedProduct product) {
        offered = product;
        return this;
    }

    /** Whether a sparse matrix's minibatches use the sparse products (true unless set); returns this step. */
    TrainingStep sparseProducts(boolean use) {
        sparseProducts = use;
        return this;
    }

    /** Whether the products over the non-zeros pay for this matrix ({@link #SPARSE_PRODUCTS_BELOW}). */
    static boolean sparseProductsPay(Matrix m) {
        return m.isSparse() && m.storedValues() < SPARSE_PRODUCTS_BELOW * m.rows() * (double) m.cols();
    }

    /** Sets the minibatch to the first {@code batch} rows of a row-major heap matrix (the validation rows, once). */
    void load(float[] rows) {
        xNow = x;
        outNow = out;
        xRows.put(0, rows, 0, batch * d);
        outRows.put(0, xRows, 0, batch * d);
        outHoldsX = true;
        sparseBatch = false;
        for (int i = 0; i < batch; i++) rowBase[i] = i * d;
        liveNow = findLive(rows);
        if (fixed.length > 0) putFixed(rows);
    }

    /** Sets the minibatch from a b x d array (tests). */
    void load(INDArray rows) {
        xNow = x;
        outNow = out;
        x.assign(rows);
        out.assign(rows);
        outHoldsX = true;
        sparseBatch = false;
        for (int i = 0; i < batch; i++) rowBase[i] = i * d;
        float[] host = ConcreteAutoencoder.toHost(rows);
        liveNow = findLive(host);
        if (fixed.length > 0) putFixed(host);
    }

    /** The kept features of the minibatch's rows (row i at rowBase[i] of {@code data}) into the decoder's first input columns. */
    private void putFixed(float[] data) {
        java.nio.FloatBuffer buf = in[0].data().asNioFloat();
        int stride = widths[0] + 1;
        for (int i = 0; i < batch; i++) {
            int row = rowBase[i];
            for (int j = 0; j < fixed.length; j++) buf.put(i * stride + j, data[row + fixed[j]]);
        }
    }

    /**
     * Z = X_b S^T over the non-zeros of the minibatch's rows: S is transposed once into d rows of k, then
     * each non-zero (row i, column j, value v) adds v times S^T's row j to Z's row i (an array of its own).
     * The non-zeros go column by column (the minibatch's CSC, made when it is gathered), so each row of
     * S^T is read once per minibatch and Z (b x k) stays in cache; by row,
     * every non-zero fetched its S^T row from memory and the loop ran about 6 times slower. The cost is
     * k per non-zero plus the k d transpose, not b d k.
     */
    private void sparseForward() {
        if (sT == null) {
            int padded = paddedRow(k);
            sT = new float[d][padded];
            zRow = new float[batch][padded];
        }
        transposeIntoRows(hostS, k, d, sT, 1f);
        float[] ev = entryValue;
        int[] cs = colStart, er = entryRow;
        float[][] st = sT, zr = zRow;
        // the whole padded row: its last entries are zeros in S^T and stay zeros in Z, and a loop over a multiple of 8
        // runs as vector code to its end (over k = 50 the scalar tail cost a third of the forward: performance.md)
        int kk = paddedRow(k);
        for (float[] r : zr) java.util.Arrays.fill(r, 0f);
        for (int j = 0; j < d; j++) {
            int from = cs[j], to = cs[j + 1];
            if (from == to) continue;
            float[] row = st[j];
            for (int p = from; p < to; p++) {
                float v = ev[p];
                float[] zi = zr[er[p]];
                // both arrays at the same index: HotSpot can vectorise this (with different offsets into possibly the same
                // array, as a flat Z would need, it may not: it cannot rule out that they overlap)
                for (int t = 0; t < kk; t++) zi[t] += v * row[t];
            }
        }
        for (int i = 0; i < batch; i++) System.arraycopy(zr[i], 0, zHost, i * k, k);
        write(zHost, z);   // the redundancy penalty reads Z natively
    }

    /**
     * dS = dZ^T X_b over the non-zeros, into {@link #hostGrad} (k x d) times 1/T: accumulated as dS^T
     * (d rows of k, in the rows of S^T, which the forward no longer needs), one row per column of the
     * minibatch's CSC, each non-zero one k-long axpy from dZ's row, then transposed. Columns
     * without a non-zero in the minibatch get 0.
     */
    private void sparseSelectorGradient() {
        if (dzHost == null) dzHost = new float[batch * k];
        read(delta[0], dzHost);
        float[][] g = sT, dz = zRow;
        for (int i = 0; i < batch; i++) System.arraycopy(dzHost, i * k, dz[i], 0, k);
        float[] ev = entryValue;
        int[] cs = colStart, er = entryRow;
        int kk = k;
        for (int j = 0; j < d; j++) {
            int from = cs[j], to = cs[j + 1];
            float[] acc = g[j];
            java.util.Arrays.fill(acc, 0f);
            for (int p = from; p < to; p++) {
                float v = ev[p];
                float[] dzi = dz[er[p]];
                for (int t = 0; t < kk; t++) acc[t] += v * dzi[t];
            }
        }
        transposeFromRows(g, d, k, hostGrad, (float) invT);
    }

    /**
     * A row length of at least {@code k} floats that is a whole number of 8-float vectors (AVX2's width; AVX-512's
     * 16 would pad k = 50 to 64, more work than the tail it saves).
     */
    static int paddedRow(int k) {
        return (k + 7) & ~7;
    }

    /**
     * dst[c][r] = scale * src[r * cols + c] (src rows x cols, row-major). Column by column: the rows' cache lines
     * stay in cache for the next 15 columns, and each destination row is written in one go (measured 2.5 times
     * faster than 32 x 32 tiles, which spread the writes over 32 small arrays).
     */
    static void transposeIntoRows(float[] src, int rows, int cols, float[][] dst, float scale) {
        for (int c = 0; c < cols; c++) {
            float[] row = dst[c];
            for (int r = 0, o = c; r < rows; r++, o += cols) row[r] = scale * src[o];
        }
    }

    /** dst[c * rows + r] = scale * src[r][c] (src rows of cols), row by row (measured 1.7 times faster than in tiles). */
    static void transposeFromRows(float[][] src, int rows, int cols, float[] dst, float scale) {
        for (int r = 0; r < rows; r++) {
            float[] row = src[r];
            for (int c = 0, o = r; c < cols; c++, o += rows) dst[o] = scale * row[c];
        }
    }

    /**
     * Only the selector's two products for the gathered minibatch, as a training step runs them (the
     * benchmark's selector figure): Z = X_b S^T and dS = dZ^T X_b with the current S and dZ, dense by
     * BLAS multiplies or sparse by the loops above.
     */
    void selectorProductsOnly() {
        invT = 1.0;
        if (sparseBatch) {
            sparseForward();
            sparseSelectorGradient();
        } else {
            denseForward();
            denseSelectorGradient(dLogits != null ? dLogits : model.views().logits());
        }
    }

    /** Z = X_b S^T by one multiply, over the minibatch's live columns when it has few enough ({@link LiveColumns}). */
    private void denseForward() {
        LiveColumns lc = liveNow;
        if (lc != null && lc.compacted()) {
            int n = lc.live();
            lc.pack(hostS, k, packed());
            s.data().asNioFloat().put((int) s.offset(), packed, 0, k * n);
            gemm.gemm(batch, k, n, lc.restricted(), n, false, s, n, true, z, k, 1.0, 0.0);
        } else {
            write(hostS, s);
            gemm.gemm(xNow, s, z, false, true, 1.0, 0.0);
        }
        read(z, zHost);
    }

    private float[] packed() {
        if (packed == null) packed = new float[k * d];
        return packed;
    }

    /**
     * dS = dZ^T X_b / T into {@link #hostGrad} (k x d) by one multiply, written through {@code gl} (k x d native, its
     * first k x live values when the minibatch is compacted; the caller writes all of it afterwards).
     */
    private void denseSelectorGradient(INDArray gl) {
        LiveColumns lc = liveNow;
        if (lc != null && lc.compacted()) {
            int n = lc.live();
            gemm.gemm(k, n, batch, delta[0], k, true, lc.restricted(), n, false, gl, n, invT, 0.0);
            gl.data().asNioFloat().get((int) gl.offset(), packed(), 0, k * n);
            lc.unpack(packed, k, hostGrad);
        } else {
            gemm.gemm(delta[0], xNow, gl, true, false, invT, 0.0);
            read(gl, hostGrad);
        }
    }

    /**
     * Forward and backward of the step last {@link #prepare prepared}, on the rows in {@link #x}; writes the gradient into {@code grad} (the flat
     * layout) and returns the minibatch's mean squared error (the redundancy penalty, when set, is in the
     * gradient but not in the returned value, so losses stay comparable across settings). The step's
     * randomness (Gumbel noise, dropout masks) is a function of the run's seed and {@code step} alone.
     * Running twice on one minibatch works (tests: prepare again before each run), at the cost of one more copy.
     * With {@link #offersProducts} the output layer's weight gradient is in {@code grad} only once the product is collected.
     */
    double run(INDArray grad, ParameterLayout.Views g) {
        ParameterLayout.Views p = model.views();
        int layers = widths.length - 1;

        long step = preparedStep;
        if (step < 0) throw new IllegalStateException("run() without prepare(): the step has no temperature");
        preparedStep = -1;
        selector.forward(hostS);
        double loss = forward(step, dropout);
        boolean head = headIn != null;
        if (head) lastCrossEntropy = headForward();

        // dLoss/dOut = 2 (out - x) / (b d): the factor is the alpha of the two multiplies that read it
        INDArray dOut = outNow;
        double alpha = 2.0 / outNow.length();
        if (head) alpha *= reconstructionScale;
        for (int l = layers - 1; l >= 0; l--) {
            // the output layer's dW: nothing in this step reads it, so the helper may compute it meanwhile
            if (l == layers - 1 && offered != null) offered.offer(step, in[l], dOut, g.weightsWithBias()[l], true, false, alpha);
            else gemm.gemm(in[l], dOut, g.weightsWithBias()[l], true, false, alpha, 0.0);
            // with classify the reconstruction's dZ is not wanted: the head's replaces it below
            if (l > 0 || selectorLearnsReconstruction) gemm.gemm(dOut, l == 0 ? w0z : p.weights()[l], delta[l], false, true, alpha, 0.0);
            if (l > 0) scaleByFactor(l - 1, delta[l]);
            dOut = delta[l];
            alpha = 1.0;
        }
        if (head) headBackward(grad);
        if (penalty != null) lastPenalty = penalty.apply(z, delta[0], redundancy);
        // dL = S * (dS - rowsum(dS * S)) / T with dS = dZ^T X; the 1/T rides on the multiply's alpha
        INDArray gl = dLogits != null ? dLogits : g.logits();
        if (sparseBatch) sparseSelectorGradient();
        else denseSelectorGradient(gl);
        ConcreteSelector.sampleBackwardRows(hostGrad, hostS, k, d);
        write(hostGrad, gl);
        if (dLogits != null) indirectBackward(step, g);
        return loss;
    }

    /**
     * The head's forward pass on [Z, 1] (in[0]): its hidden layer into {@link #headIn}, the logits, their
     * softmax cross-entropy against {@link #batchClasses}, and dLoss/dLogits = crossEntropyScale (p - onehot) / b
     * left in {@link #headLogits}. Returns the mean cross-entropy.
     */
    private double headForward() {
        ParameterLayout.Views h = model.headViews();
        int hw = headFactor.length / batch;
        gemm.gemm(in[0], h.weightsWithBias()[0], headPre, false, false, 1.0, 0.0);
        read(headPre, headHost);
        float slope = (float) ConcreteAutoencoder.LEAKY_SLOPE;
        for (int o = 0; o < headHost.length; o++) {
            float v = headHost[o];
            float f = v > 0 ? 1f : slope;
            headFactor[o] = f;
            headHost[o] = v * f;
        }
        putRows(headHost, headIn, hw);
        gemm.gemm(headIn, h.weightsWithBias()[1], headLogits, false, false, 1.0, 0.0);
        read(headLogits, logitsHost);
        int c = logitsHost.length / batch;
        double ce = 0;
        double scale = crossEntropyScale / batch;
        for (int r = 0; r < batch; r++) {
            int o = r * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) max = Math.max(max, logitsHost[o + j]);
            double sum = 0;
            for (int j = 0; j < c; j++) sum += Math.exp(logitsHost[o + j] - max);
            double logSum = Math.log(sum) + max;
            int y = batchClasses[r];
            ce += logSum - logitsHost[o + y];
            for (int j = 0; j < c; j++) {
                double p = Math.exp(logitsHost[o + j] - logSum);
                logitsHost[o + j] = (float) (scale * (j == y ? p - 1 : p));
            }
        }
        write(logitsHost, headLogits);
        return ce / batch;
    }

    /**
     * The head's backward pass from dLoss/dLogits in {@link #headLogits}: its weights' gradients into the
     * head's part of {@code grad}, and dLoss/dZ added to the decoder's dZ in delta[0] (mix) or written
     * over it (classify, where the decoder left it unset).
     */
    private void headBackward(INDArray grad) {
        if (headGradOf != grad) {
            headGrad = model.layout().headViews(grad);
            headGradOf = grad;
        }
        ParameterLayout.Views h = model.headViews();
        gemm.gemm(headIn, headLogits, headGrad.weightsWithBias()[1], true, false, 1.0, 0.0);
        gemm.gemm(headLogits, h.weights()[1], headPre, false, true, 1.0, 0.0);
        read(headPre, headHost);
        for (int o = 0; o < headHost.length; o++) headHost[o] *= headFactor[o];
        write(headHost, headPre);
        gemm.gemm(in[0], headPre, headGrad.weightsWithBias()[0], true, false, 1.0, 0.0);
        if (headW0z == null) headW0z = zRows(h.weights()[0]);
        gemm.gemm(headPre, headW0z, delta[0], false, true, 1.0, selectorLearnsReconstruction ? 1.0 : 0.0);
    }

    /**
     * IP-CAE's backward from dL (in {@link #dLogits} and {@link #hostGrad}) through L = Psi W^T + b:
     * dPsi = dL W, dW = dL^T Psi, db = the column sums of dL (one Java pass). With {@link #offersProducts} the helper
     * may compute pieces of dW while this thread computes dPsi and db (the offer first collects the output layer's
     * product); dW is collected before this returns, for Adam reads it next.
     */
    private void indirectBackward(long step, ParameterLayout.Views g) {
        ParameterLayout.Views p = model.views();
        if (offered != null) offered.offer(step, dLogits, p.psi(), g.ipWeights(), true, false, 1.0);
        else gemm.gemm(dLogits, p.psi(), g.ipWeights(), true, false, 1.0, 0.0);
        gemm.gemm(dLogits, p.ipWeights(), g.psi(), false, false, 1.0, 0.0);
        float[] db = biasGrad;
        System.arraycopy(hostGrad, 0, db, 0, d);
        for (int r = 1; r < k; r++) {
            int o = r * d;
            for (int j = 0; j < d; j++) db[j] += hostGrad[o + j];
        }
        write(db, g.ipBias());
        if (offered != null) offered.collect();
    }

    /**
     * The mean squared error of the rows in {@link #x} through the selector's noise-free weights
     * softmax(L / T) at temperature T, without dropout: the validation loss. The logits are the first
     * k d values of {@code logitsFirst} (Adam's host copy). Allocates nothing: the step's own buffers.
     */
    double softLoss(float[] logitsFirst, double temperature) {
        if (noNoise == null) noNoise = new float[d];
        float invT = (float) (1.0 / temperature);
        for (int r = 0; r < k; r++) ConcreteSelector.sampleRow(logitsFirst, r * d, noNoise, 0, invT, hostS, r * d, d, open);
        return forward(-1, null);
    }

    /**
     * Forward from the selection weights in {@link #hostS}: Z = X S^T, the decoder with the dropout
     * masks of {@code step} (null: none), and the error prediction - X left in {@link #out}; returns the MSE.
     */
    private double forward(long step, DropoutMasks dropoutMasks) {
        ParameterLayout.Views p = model.views();
        int layers = widths.length - 1;
        if (sparseBatch) sparseForward();
        else denseForward();
        if (fixed.length == 0) putRows(zHost, in[0], k);
        else putRowsAfter(zHost, in[0], k, fixed.length);
        for (int l = 0; l + 1 < layers; l++) {
            gemm.gemm(in[l], p.weightsWithBias()[l], pre[l], false, false, 1.0, 0.0);
            activate(l, step, dropoutMasks);
        }
        // out holds X: out = [h, 1] [W; b] - X, the error
        if (!outHoldsX) outNow.data().asNioFloat().put((int) outNow.offset(), xNow.data().asNioFloat(), (int) xNow.offset(), batch * d);   // a bulk copy
        outHoldsX = false;
        gemm.gemm(in[layers - 1], p.weightsWithBias()[layers - 1], outNow, false, false, 1.0, -1.0);
        return gemm.dot(outNow, outNow) / outNow.length();
    }

    /**
     * Hidden layer l: act = LeakyReLU(pre) * mask into the next layer's input (before its ones column), and
     * factor = LeakyReLU'(pre) * mask for the backward pass; the mask of {@code step} from
     * {@code dropoutMasks} (null: all ones).
     */
    private void activate(int l, long step, DropoutMasks dropoutMasks) {
        int w = widths[l + 1];
        float[] h = preHost[l];
        float[] f = factor[l];
        read(pre[l], h);
        float slope = (float) ConcreteAutoencoder.LEAKY_SLOPE;
        if (dropoutMasks == null) java.util.Arrays.fill(f, 1f);
        else dropoutMasks.fill(step, l, f, batch, w);
        for (int o = 0; o < h.length; o++) {
            float v = h[o];
            float dv = f[o] * (v > 0 ? 1f : slope);
            f[o] = dv;
            h[o] = v * dv;
        }
        putRows(h, in[l + 1], w);
    }

    /** delta *= factor of hidden layer h (the backward of {@link #activate}). */
    private void scaleByFactor(int h, INDArray delta) {
        float[] buf = preHost[h];
        float[] f = factor[h];
        read(delta, buf);
        for (int o = 0; o < buf.length; o++) buf[o] *= f[o];
        write(buf, delta);
    }

    /** Writes a b x w heap matrix into the first w columns of a b x (w + 1) native one, leaving its ones column. */
    private void putRows(float[] src, INDArray dst, int w) {
        java.nio.FloatBuffer buf = dst.data().asNioFloat();
        for (int i = 0; i < batch; i++) buf.put(i * (w + 1), src, i * w, w);
    }

    /** Writes a b x w heap matrix into columns [f, f + w) of a b x (f + w + 1) native one (after the kept features). */
    private void putRowsAfter(float[] src, INDArray dst, int w, int f) {
        java.nio.FloatBuffer buf = dst.data().asNioFloat();
        for (int i = 0; i < batch; i++) buf.put(i * (f + w + 1) + f, src, i * w, w);
    }

    /** Copies a contiguous row-major array (a view of a flat buffer, possibly at an offset) to the heap. */
    static void read(INDArray a, float[] dst) {
        a.data().asNioFloat().get((int) a.offset(), dst, 0, dst.length);
    }

    /** Copies heap values into a contiguous row-major array. */
    static void write(float[] src, INDArray a) {
        a.data().asNioFloat().put((int) a.offset(), src, 0, src.length);
    }
}
