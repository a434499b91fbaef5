package org.caeworkbench.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.caeworkbench.core.ConcreteAutoencoder;
import org.caeworkbench.data.Preprocessing;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A run's decoder as a Deeplearning4j {@code MultiLayerNetwork} (saved by {@code ModelSerializer}), so
 * that Java code can impute every feature from the panel without this program:
 * <ul>
 * <li>input: one column per distinct panel feature, in panel order ({@code inputs.tsv} in the zip), in the
 *     file's units (after the run's transforms, when it used log1p or counts per million);</li>
 * <li>output: one column per feature of the model ({@code outputs.tsv}), in the same units.</li>
 * </ul>
 * The scaling is baked into the first and last layers (the input scaling folded into the first layer's
 * weights and bias, its inverse into the last's), and a feature two selectors chose is one input
 * (their weight rows summed), so the network's output equals the decoder's output of {@code cae impute}
 * (which then puts the measured panel values back in place of their reconstructions).
 *
 * <p>The only class of the program that uses Deeplearning4j's network classes; it is loaded only when a
 * model is exported (docs/architecture.md).
 */
public final class Dl4jImputer {
    private Dl4jImputer() {}

    /** What was written: the network's inputs and outputs (names) and the file. */
    public record Exported(Path file, List<String> inputs, int outputs, int layers) {}

    public static Exported write(SavedModel model, FeatureTable table, Path zip, String runName) throws IOException {
        ConcreteAutoencoder cae = model.model();   // the decoder only: a supervised objective's classifier head is not imputation
        int[] sel = model.selected();
        // the distinct panel features in panel order (rank), as model features
        List<Integer> inputs = new ArrayList<>();   // model feature of each input column
        Map<Integer, Integer> rankOfColumn = new LinkedHashMap<>();
        for (FeatureTable.Row r : table.panel()) rankOfColumn.put(r.index(), r.rank());
        List<Integer> distinct = new ArrayList<>();
        for (int f : sel) if (!distinct.contains(f)) distinct.add(f);
        distinct.sort(java.util.Comparator.comparingInt(f -> rankOfColumn.getOrDefault(model.originalIndex(f), Integer.MAX_VALUE)));
        inputs.addAll(distinct);

        float[] offset = model.scaler().offset();
        float[] scale = model.scaler().scale();
        List<ConcreteAutoencoder.DecoderLayer> layers = cae.decoderLayers();
        int n = layers.size();
        double[][] w = new double[n][];
        double[][] b = new double[n][];
        int[] in = new int[n];
        int[] out = new int[n];
        for (int l = 0; l < n; l++) {
            var layer = layers.get(l);
            in[l] = layer.in();
            out[l] = layer.out();
            w[l] = new double[layer.weights().length];
            for (int i = 0; i < w[l].length; i++) w[l][i] = layer.weights()[i];
            b[l] = new double[layer.bias().length];
            for (int i = 0; i < b[l].length; i++) b[l][i] = layer.bias()[i];
        }
        // first layer: z_i = (x_{feature of i} - offset) * scale, and one input per distinct feature
        int m = inputs.size();
        int o0 = out[0];
        double[] w0 = new double[m * o0];
        double[] b0 = b[0].clone();
        for (int i = 0; i < sel.length; i++) {
            int j = inputs.indexOf(sel[i]);
            double sc = scale[sel[i]];
            double shift = offset[sel[i]] * sc;
            for (int c = 0; c < o0; c++) {
                double v = w[0][i * o0 + c];
                w0[j * o0 + c] += sc * v;
                b0[c] -= shift * v;
            }
        }
        w[0] = w0;
        b[0] = b0;
        in[0] = m;
        // last layer: x = y / scale + offset
        int last = n - 1;
        int d = out[last];
        for (int r = 0; r < in[last]; r++) for (int c = 0; c < d; c++) w[last][r * d + c] /= scale[c];
        for (int c = 0; c < d; c++) b[last][c] = b[last][c] / scale[c] + offset[c];

        var list = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list();
        for (int l = 0; l < n; l++) {
            if (l < last) {
                list.layer(new DenseLayer.Builder().nIn(in[l]).nOut(out[l]).activation(new ActivationLReLU(ConcreteAutoencoder.LEAKY_SLOPE)).build());
            } else {
                list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(in[l]).nOut(out[l]).activation(Activation.IDENTITY).build());
            }
        }
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        for (int l = 0; l < n; l++) {
            net.setParam(l + "_W", Nd4j.create(toFloat(w[l]), new long[] {in[l], out[l]}, 'c'));
            net.setParam(l + "_b", Nd4j.create(toFloat(b[l]), new long[] {1, out[l]}, 'c'));
        }

        List<String> inputNames = new ArrayList<>();
        for (int f : inputs) inputNames.add(model.featureNames().get(f));
        Path parent = zip.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path network = Files.createTempFile(parent, "." + zip.getFileName() + ".", ".network");
        try {
            ModelSerializer.writeModel(net, network.toFile(), false);
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("README.txt", readme(model, runName, inputNames, n));
            extra.put("inputs.tsv", inputsTsv(model, inputs));
            extra.put("outputs.tsv", outputsTsv(model));
            AtomicFiles.write(zip, os -> {
                ZipOutputStream z = new ZipOutputStream(os);
                try (ZipFile src = new ZipFile(network.toFile())) {
                    Enumeration<? extends ZipEntry> e = src.entries();
                    while (e.hasMoreElements()) {
                        ZipEntry entry = e.nextElement();
                        z.putNextEntry(new ZipEntry(entry.getName()));
                        try (InputStream is = src.getInputStream(entry)) {
                            is.transferTo(z);
                        }
                        z.closeEntry();
                    }
                }
                for (var x : extra.entrySet()) {
                    z.putNextEntry(new ZipEntry(x.getKey()));
                    z.write(x.getValue().getBytes(StandardCharsets.UTF_8));
                    z.closeEntry();
                }
                z.finish();
            });
        } finally {
            Files.deleteIfExists(network);
        }
        return new Exported(zip, inputNames, d, n);
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    private static String inputsTsv(SavedModel model, List<Integer> inputs) {
        StringBuilder s = new StringBuilder("column\tname\tfile_index\n");
        for (int i = 0; i < inputs.size(); i++) {
            int f = inputs.get(i);
            s.append(i).append('\t').append(tsv(model.featureNames().get(f))).append('\t').append(model.originalIndex(f)).append('\n');
        }
        return s.toString();
    }

    private static String outputsTsv(SavedModel model) {
        StringBuilder s = new StringBuilder("column\tname\tfile_index\n");
        for (int f = 0; f < model.featureNames().size(); f++) {
            s.append(f).append('\t').append(tsv(model.featureNames().get(f))).append('\t').append(model.originalIndex(f)).append('\n');
        }
        return s.toString();
    }

    private static String tsv(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private static String readme(SavedModel model, String runName, List<String> inputs, int layers) {
        Preprocessing p = model.preprocessing();
        String units;
        if (p.cpm() && p.log1p()) units = "log(1 + counts per million): each value x becomes log(1 + x * 1e6 / (the sample's total over every"
                + " feature of the training file)); the outputs are in the same units (undo with exp(y) - 1, times total / 1e6)";
        else if (p.cpm()) units = "counts per million: x * 1e6 / (the sample's total over every feature of the training file); the outputs are"
                + " in the same units";
        else if (p.log1p()) units = "log(1 + x) of the file's values; the outputs are in the same units (undo with exp(y) - 1)";
        else units = "the data file's own units; the outputs are in the same units";
        String example = inputs.size() <= 3 ? String.join(", ", inputs) : inputs.get(0) + ", " + inputs.get(1) + ", ... " + inputs.get(inputs.size() - 1);
        return String.format(Locale.ROOT, """
                CAE Workbench imputer%s
                ========================================

                A Deeplearning4j MultiLayerNetwork (saved by ModelSerializer, Deeplearning4j 1.0.0-M2.1): the decoder of a
                Concrete Autoencoder run. Give it the measured values of the panel's %d features and it returns all %d
                features of the model.

                Load and call it (Java, org.deeplearning4j:deeplearning4j-nn and an ND4J backend such as nd4j-native):

                    MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new File("imputer.zip"));
                    INDArray x = Nd4j.create(new float[][] {{ /* one row per sample: %d values */ }});
                    INDArray all = net.output(x);        // samples x %d

                Input columns: the panel's features in panel order (rank), listed in inputs.tsv (%s).
                Output columns: the model's features in file order, listed in outputs.tsv (file_index: the column among the
                data file's features, as in the run's selected_features.csv).
                Units: %s.
                The scaling the model was trained with is part of the network (folded into the first and last layers), so give
                values as they are, not scaled. A missing value must be filled before (for example with the training mean).
                Layers: %d (LeakyReLU %.1f between them, a linear output).

                The network's output for a panel feature is its reconstruction; cae impute reports the measured value there instead.
                """, runName == null ? "" : " (run " + runName + ")", inputs.size(), model.featureNames().size(), inputs.size(),
                model.featureNames().size(), example, units, layers, ConcreteAutoencoder.LEAKY_SLOPE);
    }

    /** Reads a text entry of an exported zip (README.txt, inputs.tsv, outputs.tsv). */
    public static String entry(Path zip, String name) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry e = z.getEntry(name);
            if (e == null) return null;
            try (InputStream is = z.getInputStream(e)) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                is.transferTo(b);
                return b.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
