package org.caeworkbench.core;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A Concrete Autoencoder: the concrete selector (k x d logits) followed by a decoder MLP
 * k -> hidden... -> d with LeakyReLU(0.2) hidden units and a linear output. All parameters live in
 * one flat float32 buffer (see {@link ParameterLayout}).
 *
 * <p>The logits are parameters themselves (the paper's CAE), or, with the indirect parameterisation of
 * IP-CAE (Nilsson et al., ICML 2024), computed as L = Psi W^T + b from an embedding Psi (k x m), a map W
 * (d x m) shared by all selectors and a per-feature bias b (1 x d): then the model keeps L in an array of
 * its own, which {@link #refreshLogits} recomputes after the parameters change (one k x m x d multiply).
 * Everything that reads the logits (the sample, the selection, the monitor, saved models) reads that L.
 * <p>With a {@link FeaturePanel} (docs/panels.md): f kept features go to the decoder as its first inputs,
 * so it is (f + k) -> hidden... -> d and the panel ({@link #selectedIndices}) is fixed ++ learned; the
 * selectors never choose a kept or excluded feature (their softmax and argmax run over the open columns).
 * <p>Its public methods that run libnd4j's operations first apply the configured OpenMP thread count to the
 * calling thread ({@link NativeThreads#configure}), since they are called from the window's own threads too.
 */
public final class ConcreteAutoencoder {
    /** The slope of the decoder's hidden units' LeakyReLU below zero. */
    public static final double LEAKY_SLOPE = 0.2;

    private final ParameterLayout layout;
    private final INDArray params;
    private final ParameterLayout.Views views;
    private final Head head;                       // null: no classifier head (the reconstruct objective)
    private final ParameterLayout.Views headViews; // null without a head
    private final INDArray logits;     // k x d: the view of the parameters, or (IP) L = Psi W^T + b, computed
    private final INDArray onesK;      // k x 1 ones (IP): b enters L as the product ones b

    /**
     * The classifier head of a supervised objective ({@link Objective}): Z (the selected features) →
     * {@code hidden} LeakyReLU units → one logit per class, softmax. Its parameters follow the decoder's
     * in the flat buffer.
     *
     * @param classes the class of each output, in output order (the training labels, sorted)
     */
    public record Head(int hidden, java.util.List<String> classes) {
        public Head {
            if (hidden < 1) throw new IllegalArgumentException("the classifier head needs at least one hidden unit");
            if (classes.size() < 2) throw new IllegalArgumentException("the classifier head needs at least two classes");
            classes = java.util.List.copyOf(classes);
        }

        int[] shape() {
            return new int[] {hidden, classes.size()};
        }
    }

    private final FeaturePanel panel;

    private ConcreteAutoencoder(ParameterLayout layout, INDArray params, Head head, FeaturePanel panel) {
        this.layout = layout;
        this.params = params;
        this.views = layout.views(params);
        this.panel = panel;
        this.head = head;
        this.headViews = layout.headViews(params);
        if (layout.ipDim > 0) {
            logits = Nd4j.create(DataType.FLOAT, layout.k, layout.d);
            onesK = Nd4j.ones(DataType.FLOAT, layout.k, 1);
        } else {
            logits = views.logits();
            onesK = null;
        }
    }

    /**
     * A freshly initialised model. Logits: Glorot normal (the reference's initialiser); decoder weights:
     * Glorot uniform, biases zero (Keras' defaults, which the reference used).
     */
    public static ConcreteAutoencoder create(int d, int k, int[] hidden, Random rng) {
        return create(FeaturePanel.none(d), k, hidden, 0, null, rng);
    }

    /** {@link #create(int, int, int[], Random)} with a classifier head (null: none). */
    public static ConcreteAutoencoder create(int d, int k, int[] hidden, Head head, Random rng) {
        return create(FeaturePanel.none(d), k, hidden, 0, head, rng);
    }

    /** {@link #create(int, int, int[], int, Head, Random)} without a classifier head. */
    public static ConcreteAutoencoder create(int d, int k, int[] hidden, int ipDim, Random rng) {
        return create(FeaturePanel.none(d), k, hidden, ipDim, null, rng);
    }

    /** {@link #create(int, int, int[], Random)} with kept and excluded features (the decoder's input is f + k wide). */
    public static ConcreteAutoencoder create(FeaturePanel panel, int k, int[] hidden, Random rng) {
        return create(panel, k, hidden, 0, null, rng);
    }

    /**
     * A freshly initialised model with plain logits (ipDim 0, as above) or IP-CAE's indirect ones (ipDim m):
     * Psi standard normal (an embedding), W and b uniform in +-1/sqrt(m) (a linear layer's usual start);
     * the decoder as above, its input the panel's f kept features and the k selectors; a classifier head
     * (null: none) initialised like the decoder after it (so a model without a head draws exactly what it
     * drew before heads existed).
     */
    public static ConcreteAutoencoder create(FeaturePanel panel, int k, int[] hidden, int ipDim, Head head, Random rng) {
        int d = panel.features();
        ParameterLayout layout = new ParameterLayout(d, k, panel.fixed().length, hidden, ipDim, head == null ? null : head.shape());
        ConcreteAutoencoder m = new ConcreteAutoencoder(layout, Nd4j.create(DataType.FLOAT, 1, layout.size), head, panel);
        if (ipDim > 0) {
            double limit = 1 / Math.sqrt(ipDim);
            Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.GaussianDistribution(m.views.psi(), 0.0, 1.0), rng);
            Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.UniformDistribution(m.views.ipWeights(), -limit, limit), rng);
            Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.UniformDistribution(m.views.ipBias(), -limit, limit), rng);
        } else {
            Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.GaussianDistribution(
                    m.views.logits(), 0.0, Math.sqrt(2.0 / (k + d))), rng);
        }
        for (int l = 0; l < layout.decoderLayers(); l++) {
            int in = layout.widths[l];
            int out = layout.widths[l + 1];
            double limit = Math.sqrt(6.0 / (in + out));
            Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.UniformDistribution(
                    m.views.weights()[l], -limit, limit), rng);
        }
        for (int l = 0; m.headViews != null && l < m.headViews.weights().length; l++) {
            int in = layout.headWidths[l];
            int out = layout.headWidths[l + 1];
            double limit = Math.sqrt(6.0 / (in + out));
            Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.UniformDistribution(
                    m.headViews.weights()[l], -limit, limit), rng);
        }
        m.refreshLogits();
        return m;
    }

    /** A model from saved parameters (a flat vector in this class's layout). */
    public static ConcreteAutoencoder fromParameters(int d, int k, int[] hidden, float[] flat) {
        return fromParameters(FeaturePanel.none(d), k, hidden, 0, null, flat);
    }

    /** A model from saved parameters (plain layout) with a classifier head (null: none). */
    public static ConcreteAutoencoder fromParameters(int d, int k, int[] hidden, Head head, float[] flat) {
        return fromParameters(FeaturePanel.none(d), k, hidden, 0, head, flat);
    }

    /** A model from parameters in the layout of {@code ipDim}, without a classifier head. */
    public static ConcreteAutoencoder fromParameters(int d, int k, int[] hidden, int ipDim, float[] flat) {
        return fromParameters(FeaturePanel.none(d), k, hidden, ipDim, null, flat);
    }

    /** {@link #fromParameters(int, int, int[], float[])} of a model with kept and excluded features. */
    public static ConcreteAutoencoder fromParameters(FeaturePanel panel, int k, int[] hidden, float[] flat) {
        return fromParameters(panel, k, hidden, 0, null, flat);
    }

    /**
     * A model from parameters in the layout of {@code ipDim} (0: plain logits; m: IP-CAE's Psi, W and b) with
     * the panel's kept and excluded features and a classifier head (null: none).
     */
    public static ConcreteAutoencoder fromParameters(FeaturePanel panel, int k, int[] hidden, int ipDim, Head head, float[] flat) {
        int d = panel.features();
        ParameterLayout layout = new ParameterLayout(d, k, panel.fixed().length, hidden, ipDim, head == null ? null : head.shape());
        if (flat.length != layout.size)
            throw new IllegalArgumentException("saved parameters have " + flat.length + " values, expected " + layout.size
                    + " for d = " + d + ", k = " + k + (ipDim > 0 ? ", IP-CAE embedding size " + ipDim : "")
                    + (panel.fixed().length > 0 ? ", " + panel.fixed().length + " kept features" : "")
                    + " and hidden layers " + java.util.Arrays.toString(hidden)
                    + (head == null ? "" : " and a classifier head of " + head.hidden() + " units and " + head.classes().size() + " classes"));
        ConcreteAutoencoder m = new ConcreteAutoencoder(layout, Nd4j.createFromArray(flat).reshape(1, flat.length), head, panel);
        m.refreshLogits();
        return m;
    }

    /** The number of parameters of such a model (a checkpoint's must match). */
    static long parameterCount(int d, int k, int[] hidden, int ipDim, Head head) {
        return new ParameterLayout(d, k, hidden, ipDim, head == null ? null : head.shape()).size;
    }

    /**
     * With the indirect parameterisation, recomputes L = Psi W^T + b from the current parameters (two
     * multiplies: the rank-one ones b, then Psi W^T added onto it); with plain logits nothing is to do.
     */
    void refreshLogits() {
        if (onesK == null) return;
        Gemm gemm = new Gemm();   // three small pointer objects: any thread may refresh
        gemm.gemm(onesK, views.ipBias(), logits, false, false, 1.0, 0.0);
        gemm.gemm(views.psi(), views.ipWeights(), logits, false, true, 1.0, 1.0);
    }

    /** {@link #refreshLogits} and a host copy of L into {@code host} (k x d). */
    void refreshLogits(float[] host) {
        refreshLogits();
        TrainingStep.read(logits, host);
    }

    /** The logits L, k x d: a view of the parameters, or IP-CAE's computed L (current after {@link #refreshLogits}). */
    INDArray logitsArray() { return logits; }

    /** IP-CAE's embedding size m, or 0 for plain logits. */
    public int ipDim() { return layout.ipDim; }

    public int features() { return layout.d; }
    /** The learned selectors (the panel has {@link #fixed()}{@code .length} more features). */
    public int k() { return layout.k; }
    public int[] hidden() { return layout.hidden(); }
    /** The kept and excluded features. */
    public FeaturePanel panel() { return panel; }
    /** The kept features, the decoder's first inputs (empty without --keep). */
    public int[] fixed() { return panel.fixed().clone(); }

    /**
     * A copy of all parameters, flat, in the plain layout (logits, then the decoder): with the indirect
     * parameterisation the logits are the computed L, which is all inference needs ({@link #fromParameters}
     * with ipDim 0 reads it back). Training state (Psi, W, b) is in checkpoints, not here.
     */
    public float[] parameters() {
        if (onesK == null) return params.toFloatVector();
        float[] all = params.toFloatVector();
        int kd = layout.k * layout.d;
        int sel = (int) layout.selectorSize;
        float[] out = new float[kd + all.length - sel];
        System.arraycopy(toHost(logits), 0, out, 0, kd);
        System.arraycopy(all, sel, out, kd, all.length - sel);
        return out;
    }

    ParameterLayout layout() { return layout; }

    /**
     * One layer of the decoder, host copies: {@code weights} is in x out, row-major; the output is
     * {@code input · weights + bias}, through LeakyReLU({@link #LEAKY_SLOPE}) for every layer but the last.
     */
    public record DecoderLayer(int in, int out, float[] weights, float[] bias) {}

    /** The decoder's layers, first (whose input is the f + k selected values, scaled) to last (d outputs, scaled). */
    public java.util.List<DecoderLayer> decoderLayers() {
        float[] p = parameters();
        int off = layout.k * layout.d;
        java.util.List<DecoderLayer> out = new java.util.ArrayList<>();
        for (int l = 0; l < layout.decoderLayers(); l++) {
            int in = layout.widths[l];
            int o = layout.widths[l + 1];
            float[] w = java.util.Arrays.copyOfRange(p, off, off + in * o);
            off += in * o;
            float[] b = java.util.Arrays.copyOfRange(p, off, off + o);
            off += o;
            out.add(new DecoderLayer(in, o, w, b));
        }
        return out;
    }

    /** The classifier head, or null (the reconstruct objective). */
    public Head head() { return head; }
    ParameterLayout.Views headViews() { return headViews; }

    /**
     * The head's class (an index into {@link Head#classes}) for each of {@code rows} full rows x (rows x d,
     * in the model's scaled units), through the hard selection; null without a head.
     */
    public int[] predictClasses(float[] x, int rows) {
        if (head == null) return null;
        NativeThreads.configure();
        INDArray xa = Nd4j.createFromArray(x).reshape('c', rows, layout.d);
        INDArray h = xa.getColumns(selectedIndices()).dup('c');
        int layers = headViews.weights().length;
        for (int l = 0; l < layers; l++) {
            h = h.mmul(headViews.weights()[l]).addiRowVector(headViews.biases()[l]);
            if (l + 1 < layers) h = Transforms.leakyRelu(h, LEAKY_SLOPE, false);
        }
        float[] logits = toHost(h);
        int c = head.classes().size();
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int j = 1; j < c; j++) if (logits[r * c + j] > logits[r * c + best]) best = j;
            out[r] = best;
        }
        return out;
    }

    /**
     * The head's accuracy on labelled rows (scaled like the training data; a label the head never saw
     * counts as wrong); NaN without a head, labels or rows.
     */
    public double headAccuracy(org.caeworkbench.data.Dataset data) {
        if (head == null || !data.hasLabels() || data.rows() == 0 || data.cols() != layout.d) return Double.NaN;
        int[] correct = {0};
        inChunks(data, (first, rows, x) -> {
            int[] predicted = predictClasses(x, rows);
            for (int r = 0; r < rows; r++) if (head.classes().get(predicted[r]).equals(data.labels()[first + r])) correct[0]++;
        });
        return (double) correct[0] / data.rows();
    }

    /** The decoder's mean squared error over a data set's rows (all features): the mean of {@link #featureErrors}; NaN without rows. */
    public double reconstructionMse(org.caeworkbench.data.Dataset data) {
        if (data.rows() == 0) return Double.NaN;
        double sum = 0;
        for (double e : featureErrors(data)) sum += e;
        return sum / data.cols();
    }

    /** The decoder's mean squared error of each feature over a data set's rows (d values), read a chunk of rows at a time. */
    public double[] featureErrors(org.caeworkbench.data.Dataset data) {
        int d = layout.d;
        double[] sum = new double[d];
        inChunks(data, (first, rows, x) -> {
            float[] y = reconstruct(x, rows);
            for (int r = 0, i = 0; r < rows; r++)
                for (int j = 0; j < d; j++, i++) {
                    double e = y[i] - x[i];
                    sum[j] += e * e;
                }
        });
        for (int j = 0; j < d; j++) sum[j] /= Math.max(1, data.rows());
        return sum;
    }

    @FunctionalInterface
    private interface RowsVisitor {
        void rows(int first, int count, float[] rowMajor);
    }

    /** Rows of about 16 MiB at a time, dense and row-major: never the whole data set as one dense copy. */
    private static void inChunks(org.caeworkbench.data.Dataset data, RowsVisitor visitor) {
        int cols = data.cols();
        int chunk = Math.max(1, Math.min(data.rows(), (1 << 22) / Math.max(1, cols)));
        int[] index = new int[chunk];
        for (int first = 0; first < data.rows(); first += chunk) {
            int count = Math.min(chunk, data.rows() - first);
            for (int i = 0; i < count; i++) index[i] = first + i;
            float[] x = new float[count * cols];
            data.copyRows(index, 0, count, x);
            visitor.rows(first, count, x);
        }
    }

    /** Frees the parameters' native buffer now (a discarded try's model); the model is unusable afterwards. */
    void release() {
        params.close();
        if (onesK != null) {
            logits.close();
            onesK.close();
        }
    }
    INDArray parameterBuffer() { return params; }
    ParameterLayout.Views views() { return views; }

    /** A copy of the selector logits (k x d, row-major). */
    public float[] logits() { return toHost(logits); }

    /**
     * The panel: the kept features, then each selector's chosen feature (argmax of its logits over the
     * selectable columns), f + k in all. The learned part may contain duplicates.
     */
    public int[] selectedIndices() {
        NativeThreads.configure();
        if (panel.isNone()) return ConcreteSelector.selectedIndices(logits);
        int f = panel.fixed().length;
        int[] learned = new int[layout.k];
        ConcreteSelector.selectAndMonitor(logits(), layout.k, layout.d, panel.open(), learned, null);
        int[] out = java.util.Arrays.copyOf(panel.fixed(), f + layout.k);
        System.arraycopy(learned, 0, out, f, layout.k);
        return out;
    }

    /** softmax(L) over the selectable columns (exactly 0 elsewhere), k x d, row-major. */
    public float[] probabilities() {
        NativeThreads.configure();
        if (panel.open() == null) return toHost(ConcreteSelector.probabilities(logits));
        float[] p = new float[layout.k * layout.d];
        ConcreteSelector.selectAndMonitor(logits(), layout.k, layout.d, panel.open(), new int[layout.k], p);
        return p;
    }

    public double meanMaxProbability() {
        NativeThreads.configure();
        if (panel.open() == null) return ConcreteSelector.meanMaxProbability(ConcreteSelector.probabilities(logits));
        return ConcreteSelector.selectAndMonitor(logits(), layout.k, layout.d, panel.open(), new int[layout.k], null);
    }

    /**
     * The decoder's output for rows whose selected features are given: {@code selectedValues} is
     * rows x (f + k) (row-major, in {@link #selectedIndices} order: kept features, then selectors), the result
     * rows x d. This is imputation: all features from the measured ones. Inputs and outputs are in the
     * model's (scaled) units.
     */
    public float[] decode(float[] selectedValues, int rows) {
        NativeThreads.configure();
        try (INDArray z = Nd4j.createFromArray(selectedValues); INDArray y = decode(z.reshape('c', rows, layout.widths[0]))) {
            return toHost(y);
        }
    }

    /** Hard-selection reconstruction of full rows (rows x d): select the chosen columns, then decode. */
    public float[] reconstruct(float[] x, int rows) {
        NativeThreads.configure();
        int[] idx = selectedIndices();
        int d = layout.d, w = idx.length;
        // the chosen columns picked here: only rows x w values go to native memory, not the rows x d input
        float[] z = new float[rows * w];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < w; j++) z[r * w + j] = x[r * d + idx[j]];
        try (INDArray in = Nd4j.createFromArray(z); INDArray y = decode(in.reshape('c', rows, w))) {
            return toHost(y);   // freed now, not when the collector gets to it: a pass over wide data makes many
        }
    }

    /**
     * Mean squared error of reconstructing x through the selector's current noise-free weights
     * softmax(L / T): what the model computes at temperature T without the Gumbel noise. Early in
     * training (high T) this is the meaningful validation loss; as T falls it approaches the
     * hard-selection error of {@link #reconstructionMse}.
     */
    public double softReconstructionMse(float[] x, int rows, double temperature) {
        NativeThreads.configure();
        INDArray xa = Nd4j.createFromArray(x).reshape('c', rows, layout.d);
        INDArray s;
        if (panel.open() == null) {
            s = logits.mul(1.0 / temperature);
            Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax(s, s, 1));
        } else {
            float[] host = new float[layout.k * layout.d];
            float[] l = logits();
            for (int r = 0; r < layout.k; r++)
                ConcreteSelector.sampleRowMasked(l, r * layout.d, new float[layout.d], 0, (float) (1.0 / temperature), host, r * layout.d, layout.d, panel.open());
            s = Nd4j.createFromArray(host).reshape('c', layout.k, layout.d);
        }
        INDArray z = xa.mmul(s.transpose());
        if (panel.fixed().length > 0) z = Nd4j.hstack(xa.getColumns(panel.fixed()), z);
        INDArray y = decode(z);
        y.subi(xa);
        return Nd4j.getBlasWrapper().dot(y, y) / y.length();
    }

    /** Mean squared error of the hard-selection reconstruction of x. */
    public double reconstructionMse(float[] x, int rows) {
        float[] y = reconstruct(x, rows);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double e = y[i] - x[i];
            s += e * e;
        }
        return s / y.length;
    }

    /**
     * A row-major host copy of any array: one bulk copy out of the native buffer when the array is
     * contiguous in row-major order (the usual case), else through a row-major duplicate. (The generic
     * {@code toFloatVector} copies element by element: 10M probabilities of the gene case took ~0.1 s.)
     */
    static float[] toHost(INDArray a) {
        INDArray c = a.ordering() == 'c' && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
        float[] out = new float[(int) c.length()];
        if (c.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            c.data().asNioFloat().get((int) c.offset(), out, 0, out.length);
        } else {
            out = c.reshape(c.length()).toFloatVector();
        }
        return out;
    }

    /**
     * The decoder's output for z (rows x its input width), row-major. Each layer is one {@code cblas_sgemm} into a
     * row-major array ({@link Gemm}); {@code INDArray.mmul} returned column-major arrays, which every caller then
     * copied into row order, a strided copy that cost more than the multiplies on wide data.
     */
    INDArray decode(INDArray z) {
        Gemm gemm = new Gemm();   // a Gemm belongs to one thread, and this may be called from any
        INDArray h = z;
        int layers = layout.decoderLayers();
        for (int l = 0; l < layers; l++) {
            INDArray w = views.weights()[l];
            INDArray out = Nd4j.createUninitialized(DataType.FLOAT, h.rows(), w.columns());
            gemm.gemm(h, w, out, false, false, 1.0, 0.0);
            out.addiRowVector(views.biases()[l]);
            if (l + 1 < layers) Transforms.leakyRelu(out, LEAKY_SLOPE, false);
            if (h != z) h.close();   // a hidden layer's output, used up
            h = out;
        }
        return h;
    }
}
