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
 * <p>With a {@link FeaturePanel} (docs/panels.md): f kept features go to the decoder as its first inputs,
 * so it is (f + k) -> hidden... -> d and the panel ({@link #selectedIndices}) is fixed ++ learned; the
 * selectors never choose a kept or excluded feature (their softmax and argmax run over the open columns).
 */
public final class ConcreteAutoencoder {
    static final double LEAKY_SLOPE = 0.2;

    private final ParameterLayout layout;
    private final INDArray params;
    private final ParameterLayout.Views views;
    private final FeaturePanel panel;

    private ConcreteAutoencoder(ParameterLayout layout, INDArray params, FeaturePanel panel) {
        this.layout = layout;
        this.params = params;
        this.views = layout.views(params);
        this.panel = panel;
    }

    /**
     * A freshly initialised model. Logits: Glorot normal (the reference's initialiser); decoder weights:
     * Glorot uniform, biases zero (Keras' defaults, which the reference used).
     */
    public static ConcreteAutoencoder create(int d, int k, int[] hidden, Random rng) {
        return create(FeaturePanel.none(d), k, hidden, rng);
    }

    /** {@link #create(int, int, int[], Random)} with kept and excluded features (the decoder's input is f + k wide). */
    public static ConcreteAutoencoder create(FeaturePanel panel, int k, int[] hidden, Random rng) {
        int d = panel.features();
        ParameterLayout layout = new ParameterLayout(d, k, panel.fixed().length, hidden);
        ConcreteAutoencoder m = new ConcreteAutoencoder(layout, Nd4j.create(DataType.FLOAT, 1, layout.size), panel);
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
        return m;
    }

    /** A model from saved parameters (a flat vector in this class's layout). */
    public static ConcreteAutoencoder fromParameters(int d, int k, int[] hidden, float[] flat) {
        return fromParameters(FeaturePanel.none(d), k, hidden, flat);
    }

    /** {@link #fromParameters(int, int, int[], float[])} of a model with kept and excluded features. */
    public static ConcreteAutoencoder fromParameters(FeaturePanel panel, int k, int[] hidden, float[] flat) {
        int d = panel.features();
        ParameterLayout layout = new ParameterLayout(d, k, panel.fixed().length, hidden);
        if (flat.length != layout.size)
            throw new IllegalArgumentException("saved parameters have " + flat.length + " values, expected " + layout.size
                    + " for d = " + d + ", k = " + k + (panel.fixed().length > 0 ? ", " + panel.fixed().length + " kept features" : "")
                    + " and hidden layers " + java.util.Arrays.toString(hidden));
        return new ConcreteAutoencoder(layout, Nd4j.createFromArray(flat).reshape(1, flat.length), panel);
    }

    public int features() { return layout.d; }
    /** The learned selectors (the panel has {@link #fixed()}{@code .length} more features). */
    public int k() { return layout.k; }
    public int[] hidden() { return layout.hidden(); }
    /** The kept and excluded features. */
    public FeaturePanel panel() { return panel; }
    /** The kept features, the decoder's first inputs (empty without --keep). */
    public int[] fixed() { return panel.fixed().clone(); }

    /** A copy of all parameters, flat, in this model's layout. */
    public float[] parameters() { return params.toFloatVector(); }

    ParameterLayout layout() { return layout; }

    /** Frees the parameters' native buffer now (a discarded try's model); the model is unusable afterwards. */
    void release() { params.close(); }
    INDArray parameterBuffer() { return params; }
    ParameterLayout.Views views() { return views; }

    /** A copy of the selector logits (k x d, row-major). */
    public float[] logits() { return toHost(views.logits()); }

    /**
     * The panel: the kept features, then each selector's chosen feature (argmax of its logits over the
     * selectable columns), f + k in all. The learned part may contain duplicates.
     */
    public int[] selectedIndices() {
        if (panel.isNone()) return ConcreteSelector.selectedIndices(views.logits());
        int f = panel.fixed().length;
        int[] learned = new int[layout.k];
        ConcreteSelector.selectAndMonitor(logits(), layout.k, layout.d, panel.open(), learned, null);
        int[] out = java.util.Arrays.copyOf(panel.fixed(), f + layout.k);
        System.arraycopy(learned, 0, out, f, layout.k);
        return out;
    }

    /** softmax(L) over the selectable columns (exactly 0 elsewhere), k x d, row-major. */
    public float[] probabilities() {
        if (panel.open() == null) return toHost(ConcreteSelector.probabilities(views.logits()));
        float[] p = new float[layout.k * layout.d];
        ConcreteSelector.selectAndMonitor(logits(), layout.k, layout.d, panel.open(), new int[layout.k], p);
        return p;
    }

    public double meanMaxProbability() {
        if (panel.open() == null) return ConcreteSelector.meanMaxProbability(ConcreteSelector.probabilities(views.logits()));
        return ConcreteSelector.selectAndMonitor(logits(), layout.k, layout.d, panel.open(), new int[layout.k], null);
    }

    /**
     * The decoder's output for rows whose selected features are given: {@code selectedValues} is
     * rows x (f + k) (row-major, in {@link #selectedIndices} order: kept features, then selectors), the result
     * rows x d. This is imputation: all features from the measured ones. Inputs and outputs are in the
     * model's (scaled) units.
     */
    public float[] decode(float[] selectedValues, int rows) {
        INDArray z = Nd4j.createFromArray(selectedValues).reshape('c', rows, layout.widths[0]);
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
        INDArray s;
        if (panel.open() == null) {
            s = views.logits().mul(1.0 / temperature);
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
