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
 */
public final class ConcreteAutoencoder {
    static final double LEAKY_SLOPE = 0.2;

    private final ParameterLayout layout;
    private final INDArray params;
    private final ParameterLayout.Views views;
    private final Head head;                       // null: no classifier head (the reconstruct objective)
    private final ParameterLayout.Views headViews; // null without a head

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

    private ConcreteAutoencoder(ParameterLayout layout, INDArray params, Head head) {
        this.layout = layout;
        this.params = params;
        this.views = layout.views(params);
        this.head = head;
        this.headViews = layout.headViews(params);
    }

    /**
     * A freshly initialised model. Logits: Glorot normal (the reference's initialiser); decoder weights:
     * Glorot uniform, biases zero (Keras' defaults, which the reference used).
     */
    public static ConcreteAutoencoder create(int d, int k, int[] hidden, Random rng) {
        return create(d, k, hidden, null, rng);
    }

    /**
     * {@link #create(int, int, int[], Random)} with a classifier head (null: none), initialised like the
     * decoder after it (so a model without a head draws exactly what it drew before heads existed).
     */
    public static ConcreteAutoencoder create(int d, int k, int[] hidden, Head head, Random rng) {
        ParameterLayout layout = new ParameterLayout(d, k, hidden, head == null ? null : head.shape());
        ConcreteAutoencoder m = new ConcreteAutoencoder(layout, Nd4j.create(DataType.FLOAT, 1, layout.size), head);
        INDArray logits = m.views.logits();
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.GaussianDistribution(
                logits, 0.0, Math.sqrt(2.0 / (k + d))), rng);
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
        return m;
    }

    /** A model from saved parameters (a flat vector in this class's layout). */
    public static ConcreteAutoencoder fromParameters(int d, int k, int[] hidden, float[] flat) {
        return fromParameters(d, k, hidden, null, flat);
    }

    /** A model from saved parameters with a classifier head (null: none). */
    public static ConcreteAutoencoder fromParameters(int d, int k, int[] hidden, Head head, float[] flat) {
        ParameterLayout layout = new ParameterLayout(d, k, hidden, head == null ? null : head.shape());
        if (flat.length != layout.size)
            throw new IllegalArgumentException("saved parameters have " + flat.length + " values, expected " + layout.size
                    + " for d = " + d + ", k = " + k + " and hidden layers " + java.util.Arrays.toString(hidden)
                    + (head == null ? "" : " and a classifier head of " + head.hidden() + " units and " + head.classes().size() + " classes"));
        return new ConcreteAutoencoder(layout, Nd4j.createFromArray(flat).reshape(1, flat.length), head);
    }

    /** The number of parameters of such a model (a checkpoint's must match). */
    static long parameterCount(int d, int k, int[] hidden, Head head) {
        return new ParameterLayout(d, k, hidden, head == null ? null : head.shape()).size;
    }

    public int features() { return layout.d; }
    public int k() { return layout.k; }
    public int[] hidden() { return layout.hidden(); }

    /** A copy of all parameters, flat, in this model's layout. */
    public float[] parameters() { return params.toFloatVector(); }

    ParameterLayout layout() { return layout; }

    /** The classifier head, or null (the reconstruct objective). */
    public Head head() { return head; }
    ParameterLayout.Views headViews() { return headViews; }

    /**
     * The head's class (an index into {@link Head#classes}) for each of {@code rows} full rows x (rows x d,
     * in the model's scaled units), through the hard selection; null without a head.
     */
    public int[] predictClasses(float[] x, int rows) {
        if (head == null) return null;
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
        int[] predicted = predictClasses(data.values(), data.rows());
        int correct = 0;
        for (int r = 0; r < predicted.length; r++) if (head.classes().get(predicted[r]).equals(data.labels()[r])) correct++;
        return (double) correct / predicted.length;
    }

    /** Frees the parameters' native buffer now (a discarded try's model); the model is unusable afterwards. */
    void release() { params.close(); }
    INDArray parameterBuffer() { return params; }
    ParameterLayout.Views views() { return views; }

    /** A copy of the selector logits (k x d, row-major). */
    public float[] logits() { return toHost(views.logits()); }

    /** Each selector's chosen feature: argmax of its logits. May contain duplicates. */
    public int[] selectedIndices() { return ConcreteSelector.selectedIndices(views.logits()); }

    /** softmax(L), k x d, row-major. */
    public float[] probabilities() { return toHost(ConcreteSelector.probabilities(views.logits())); }

    public double meanMaxProbability() {
        return ConcreteSelector.meanMaxProbability(ConcreteSelector.probabilities(views.logits()));
    }

    /**
     * The decoder's output for rows whose selected features are given: {@code selectedValues} is
     * rows x k (row-major, in selector order), the result rows x d. This is imputation: all features
     * from the k measured ones. Inputs and outputs are in the model's (scaled) units.
     */
    public float[] decode(float[] selectedValues, int rows) {
        INDArray z = Nd4j.createFromArray(selectedValues).reshape('c', rows, layout.k);
        return toHost(decode(z));
    }

    /** Hard-selection reconstruction of full rows (rows x d): select the chosen columns, then decode. */
    public float[] reconstruct(float[] x, int rows) {
        INDArray xa = Nd4j.createFromArray(x).reshape('c', rows, layout.d);
        int[] idx = selectedIndices();
        INDArray z = xa.getColumns(idx).dup('c');   // rows x k
        return toHost(decode(z));
    }

    /**
     * Mean squared error of reconstructing x through the selector's current noise-free weights
     * softmax(L / T): what the model computes at temperature T without the Gumbel noise. Early in
     * training (high T) this is the meaningful validation loss; as T falls it approaches the
     * hard-selection error of {@link #reconstructionMse}.
     */
    public double softReconstructionMse(float[] x, int rows, double temperature) {
        INDArray xa = Nd4j.createFromArray(x).reshape('c', rows, layout.d);
        INDArray s = views.logits().mul(1.0 / temperature);
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax(s, s, 1));
        INDArray y = decode(xa.mmul(s.transpose()));
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

    INDArray decode(INDArray z) {
        INDArray h = z;
        int layers = layout.decoderLayers();
        for (int l = 0; l < layers; l++) {
            h = h.mmul(views.weights()[l]).addiRowVector(views.biases()[l]);
            if (l + 1 < layers) h = Transforms.leakyRelu(h, LEAKY_SLOPE, false);
        }
        return h;
    }
}
